"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.progress = exports.printLine = exports.toJson = void 0;
const cli_progress_1 = require("cli-progress");
/** JSON with bigints as strings and dates as ISO instants, one value per line. */
const toJson = (value) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
exports.toJson = toJson;
const printLine = (io, line = '') => {
    io.stdout.write(`${line}\n`);
};
exports.printLine = printLine;
/**
 * A progress line for long work, on standard error and only on a terminal: piped output stays
 * clean. The total is seldom known in advance, so it shows the count and the rate.
 */
const progress = (io, label) => {
    if (io.stderr.isTTY !== true)
        return { update: () => undefined, stop: () => undefined };
    const bar = new cli_progress_1.SingleBar({
        format: `${label}: {value} events | {speed} events/s | {duration_formatted}`,
        stream: io.stderr,
        hideCursor: true,
        clearOnComplete: true,
        fps: 10,
    });
    const started = Date.now();
    bar.start(0, 0, { speed: 0 });
    return {
        update: (done) => {
            const seconds = Math.max((Date.now() - started) / 1000, 0.001);
            bar.setTotal(done);
            bar.update(done, { speed: Math.round(done / seconds) });
        },
        stop: () => bar.stop(),
    };
};
exports.progress = progress;
