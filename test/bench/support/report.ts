import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

/** One measured figure: the library and its floor, both as medians of alternating runs. */
export interface Figure {
  readonly name: string;
  /** `'per second'` figures are better higher; `'MB'` figures better lower. */
  readonly unit: string;
  readonly library: Summary;
  readonly floor: Summary;
  /**
   * Library over floor for rates; floor over library for memory: 1 means as good as the floor.
   * For rates measured in rounds, the median of each round's own ratio (see `rateFigure`).
   */
  readonly ratio: number;
  /** The rounds' ratios, when the figure pairs them. */
  readonly ratios?: Summary;
  /** The least acceptable ratio, or for memory the most acceptable library figure; none if informative. */
  readonly target?: { readonly kind: 'ratioAtLeast' | 'atMost'; readonly value: number };
  readonly holds?: boolean;
}

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export const summarise = (values: readonly number[]): Summary => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] ?? Number.NaN)
      : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
  return {
    median,
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    runs: sorted.length,
  };
};

/**
 * A rate figure from run times: `count` things per run, medians taken over rates. Library and
 * floor runs are paired by index (run i of each in the same round, side by side or one after the
 * other), and the ratio is the median of the rounds' own ratios: on a shared machine whose speed
 * drifts, a round's two runs meet the same conditions, while the two medians may come from
 * different rounds.
 */
export const rateFigure = (
  name: string,
  unit: string,
  count: number,
  libraryMs: readonly number[],
  floorMs: readonly number[],
  minimumRatio?: number,
): Figure => {
  if (libraryMs.length !== floorMs.length)
    throw new Error(`${name}: ${libraryMs.length} library runs against ${floorMs.length}`);
  const rate = (ms: number) => count / (ms / 1000);
  const library = summarise(libraryMs.map(rate));
  const floor = summarise(floorMs.map(rate));
  const ratios = summarise(libraryMs.map((ms, i) => (floorMs[i] ?? Number.NaN) / ms));
  const ratio = ratios.median;
  return {
    name,
    unit,
    library,
    floor,
    ratio,
    ratios,
    ...(minimumRatio === undefined
      ? {}
      : { target: { kind: 'ratioAtLeast', value: minimumRatio }, holds: ratio >= minimumRatio }),
  };
};

export const memoryFigure = (
  name: string,
  libraryMb: readonly number[],
  floorMb: readonly number[],
  atMostMb: number,
): Figure => {
  const library = summarise(libraryMb);
  const floor = summarise(floorMb);
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

const number = (n: number): string =>
  n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1);

const cell = (s: Summary): string => `${number(s.median)} (${number(s.min)}–${number(s.max)})`;

const targetText = (figure: Figure): string => {
  if (figure.target === undefined) return '—';
  const verdict = figure.holds === true ? 'holds' : 'MISSED';
  return figure.target.kind === 'ratioAtLeast'
    ? `≥ ${figure.target.value} ${verdict}`
    : `< ${figure.target.value} MB ${verdict}`;
};

/** A Markdown table with its columns padded to their widest cell. */
export const markdownTable = (
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
};

/** The table a person reads: one line per figure, columns padded. */
export const formatTable = (figures: readonly Figure[]): string => {
  const header = [
    'measurement',
    'unit',
    'library median (min–max)',
    'floor median (min–max)',
    'ratio (rounds’ min–max)',
    'target',
  ];
  const rows = figures.map((f) => [
    f.name,
    f.unit,
    cell(f.library),
    cell(f.floor),
    f.ratios === undefined
      ? f.ratio.toFixed(2)
      : `${f.ratio.toFixed(2)} (${f.ratios.min.toFixed(2)}–${f.ratios.max.toFixed(2)})`,
    targetText(f),
  ]);
  return markdownTable(header, rows);
};

/** The machine a run was measured on. */
export const machine = (): { nproc: number; cpu: string; node: string; platform: string } => {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line !== undefined) cpu = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: the model Node reports will do.
  }
  return { nproc: availableParallelism(), cpu, node: process.version, platform: process.platform };
};
