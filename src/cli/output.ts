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
  update(done: number): void;
  stop(): void;
}

/**
 * A progress line for long work, on standard error and only on a terminal: piped output stays
 * clean. The total is seldom known in advance, so it shows the count and the rate.
 */
export const progress = (io: CliIo, label: string): Progress => {
  if (io.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: `${label}: {value} events | {speed} events/s | {duration_formatted}`,
    stream: io.stderr as NodeJS.WritableStream,
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
