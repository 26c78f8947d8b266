import { SingleBar } from 'cli-progress';

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Where the command line writes, so tests can capture it. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** The working directory, where the default store file lives. */
  readonly cwd: string;
}

/** JSON with bigints as strings and dates as ISO instants, one value per line. */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export const printLine = (io: CliIo, line = ''): void => {
  io.stdout.write(`${line}\n`);
};

export interface Progress {
  /** `done` so far, out of `total` when it is known. */
  update(done: number, total?: number): void;
  stop(): void;
}

const COUNTED = '{label}: {value} events | {speed} events/s | {duration_formatted}';
const OF_TOTAL =
  '{label}: {bar} {percentage}% | {value}/{total} events | {speed} events/s | {duration_formatted}, about {eta_formatted} left';

/**
 * A progress line for long work, on standard error and only on a terminal: piped output stays
 * clean. With a total it shows the share done and the time left; without one, the count and
 * the rate.
 */
export const progress = (io: CliIo, label: string): Progress => {
  if (io.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  let shape: 'counted' | 'ofTotal' | undefined;
  let bar: SingleBar | undefined;
  let started = Date.now();
  const barFor = (next: 'counted' | 'ofTotal'): SingleBar => {
    if (bar !== undefined && shape === next) return bar;
    bar?.stop();
    shape = next;
    started = Date.now();
    bar = new SingleBar({
      format: next === 'ofTotal' ? OF_TOTAL : COUNTED,
      stream: io.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    });
    bar.start(0, 0, { speed: 0, label });
    return bar;
  };
  return {
    update: (done, total) => {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const line = barFor(total === undefined ? 'counted' : 'ofTotal');
      line.setTotal(total ?? done);
      line.update(done, { speed: Math.round(done / seconds), label });
    },
    stop: () => bar?.stop(),
  };
};
