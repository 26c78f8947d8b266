import type { EventStore } from '../kernel/event-store';
import { defaultStoreSpec, openEventStore } from '../store/open-store';
import { CliFailure, EXIT } from './exit';
import type { CliIo } from './output';

export interface GlobalOptions {
  readonly store?: string;
  readonly json?: boolean;
}

/** What every command is given: where to write, the global flags, and how to set the status. */
export interface CliContext {
  readonly io: CliIo;
  globals(): GlobalOptions;
  setExit(code: number): void;
}

export const storeSpec = (io: CliIo, options: GlobalOptions): string =>
  options.store ?? defaultStoreSpec(io.cwd);

/** Opens the store named by `--store`, runs `work` on it and closes it whatever happens. */
export const withStore = async <T>(
  io: CliIo,
  options: GlobalOptions,
  work: (store: EventStore, spec: string) => Promise<T>,
): Promise<T> => {
  const spec = storeSpec(io, options);
  let opened: Awaited<ReturnType<typeof openEventStore>>;
  try {
    opened = await openEventStore(spec);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliFailure(`cannot open store ${spec}: ${message}`, EXIT.storeUnavailable);
  }
  try {
    return await work(opened.store, spec);
  } finally {
    await opened.close();
  }
};
