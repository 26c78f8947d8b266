"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.machine = exports.formatTable = exports.memoryFigure = exports.rateFigure = exports.summarise = void 0;
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const summarise = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length / 2;
    const median = sorted.length % 2 === 1
        ? (sorted[Math.floor(middle)] ?? Number.NaN)
        : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
    return {
        median,
        min: sorted[0] ?? Number.NaN,
        max: sorted[sorted.length - 1] ?? Number.NaN,
        runs: sorted.length,
    };
};
exports.summarise = summarise;
/** A rate figure from run times: `count` things per run, medians taken over rates. */
const rateFigure = (name, unit, count, libraryMs, floorMs, minimumRatio) => {
    const rate = (ms) => count / (ms / 1000);
    const library = (0, exports.summarise)(libraryMs.map(rate));
    const floor = (0, exports.summarise)(floorMs.map(rate));
    const ratio = library.median / floor.median;
    return {
        name,
        unit,
        library,
        floor,
        ratio,
        ...(minimumRatio === undefined
            ? {}
            : { target: { kind: 'ratioAtLeast', value: minimumRatio }, holds: ratio >= minimumRatio }),
    };
};
exports.rateFigure = rateFigure;
const memoryFigure = (name, libraryMb, floorMb, atMostMb) => {
    const library = (0, exports.summarise)(libraryMb);
    const floor = (0, exports.summarise)(floorMb);
    return {
        name,
        unit: 'MB peak RSS',
        library,
        floor,
        ratio: floor.median / library.median,
        target: { kind: 'atMost', value: atMostMb },
        holds: library.max < atMostMb,
    };
};
exports.memoryFigure = memoryFigure;
const number = (n) => n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1);
const cell = (s) => `${number(s.median)} (${number(s.min)}–${number(s.max)})`;
const targetText = (figure) => {
    if (figure.target === undefined)
        return '—';
    const verdict = figure.holds === true ? 'holds' : 'MISSED';
    return figure.target.kind === 'ratioAtLeast'
        ? `≥ ${figure.target.value} ${verdict}`
        : `< ${figure.target.value} MB ${verdict}`;
};
/** The table a person reads: one line per figure, columns padded. */
const formatTable = (figures) => {
    const header = [
        'measurement',
        'unit',
        'library median (min–max)',
        'floor median (min–max)',
        'ratio',
        'target',
    ];
    const rows = figures.map((f) => [
        f.name,
        f.unit,
        cell(f.library),
        cell(f.floor),
        f.ratio.toFixed(2),
        targetText(f),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    return [
        line(header),
        `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
        ...rows.map(line),
    ].join('\n');
};
exports.formatTable = formatTable;
/** The machine a run was measured on. */
const machine = () => {
    let cpu = (0, node_os_1.cpus)()[0]?.model ?? 'unknown';
    try {
        const line = (0, node_fs_1.readFileSync)('/proc/cpuinfo', 'utf8')
            .split('\n')
            .find((l) => l.startsWith('model name'));
        if (line !== undefined)
            cpu = line.slice(line.indexOf(':') + 1).trim();
    }
    catch {
        // Not Linux: the model Node reports will do.
    }
    return { nproc: (0, node_os_1.availableParallelism)(), cpu, node: process.version, platform: process.platform };
};
exports.machine = machine;
