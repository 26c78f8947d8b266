import { existsSync, rmSync } from 'node:fs';
import type { EventStore } from '../kernel/event-store';
import { isStoreError } from '../kernel/store-errors';
import {
  defaultStoreSpec,
  openEventStore,
  specWithoutPassword,
  sqlitePathOf,
  type OpenedStore,
} from '../store/open-store';
import { isStoreMissingError } from '../store/read-only';
import { withKeyStore } from '../personal/with-key-store';
import { CliFailure, EXIT } from './exit';
import { keysChoiceFor, openKeys } from './key-store-option';
import type { CliIo } from './output';

export interface GlobalOptions {
  readonly store?: string;
  /** The key store's file, or `none`; by default the file beside an embedded store. */
  readonly keys?: string;
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

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Opens `spec`; every message names it as `shown`, which holds no password. */
const open = async (spec: string, shown: string, readOnly: boolean): Promise<OpenedStore> => {
  try {
    return await openEventStore(spec, { readOnly });
  } catch (error) {
    if (isStoreMissingError(error))
      throw new CliFailure(
        `no store at ${shown}: ${error.found === 'nothing' ? 'no such file' : `it is ${error.found}`}; nothing to read (reading creates no store)`,
        EXIT.nothingToRead,
      );
    throw new CliFailure(`cannot open store ${shown}: ${messageOf(error)}`, EXIT.storeUnavailable);
  }
};

/**
 * Opens the store, then the key store `--keys` names (see `keysChoiceFor`) beside it as
 * `store.keys`; runs `work`, and closes both, also when it fails. A command that writes and
 * fails removes the store file it created.
 */
const using = async <T>(
  io: CliIo,
  options: GlobalOptions,
  readOnly: boolean,
  work: (store: EventStore, spec: string) => Promise<T>,
): Promise<T> => {
  const spec = storeSpec(io, options);
  const shown = specWithoutPassword(spec);
  const choice = keysChoiceFor(io, spec, options.keys);
  const run = async (): Promise<T> => {
    const opened = await open(spec, shown, readOnly);
    try {
      const keys = openKeys(choice, readOnly ? 'read' : 'write');
      let failed = true;
      try {
        const store =
          keys.keys === undefined ? opened.store : withKeyStore(opened.store, keys.keys);
        const result = await work(store, shown);
        failed = false;
        return result;
      } finally {
        await keys.close(failed);
      }
    } finally {
      await opened.close();
    }
  };
  return readOnly ? run() : leavingNoNewStore(sqlitePathOf(spec), run);
};

/**
 * Opens the store named by `--store` for writing (created if missing), with its key store
 * (created if missing), runs `work`, closes both. If `work` fails, a store file it created is
 * removed, and so is a key file it created that holds no key.
 */
export const withStore = async <T>(
  io: CliIo,
  options: GlobalOptions,
  work: (store: EventStore, spec: string) => Promise<T>,
): Promise<T> => using(io, options, false, work);

/**
 * Opens the store named by `--store` read-only, for a command that only reads: it is never
 * created, nor is its key store (without the file, personal values read as withheld), and a
 * store with no events at all is refused, so a mistyped path or an empty file cannot pass for an
 * intact history.
 */
export const withStoreToRead = async <T>(
  io: CliIo,
  options: GlobalOptions,
  work: (store: EventStore, spec: string) => Promise<T>,
): Promise<T> =>
  using(io, options, true, async (store, shown) => {
    for await (const _ of store.readAll({ maxCount: 1 })) return work(store, shown);
    throw new CliFailure(`no events in store ${shown}: nothing to read`, EXIT.nothingToRead);
  });

/**
 * The last revision of a stream, or a refusal with `EXIT.noSuchStream` when it was never
 * written, is deleted, or is tombstoned: an empty answer would read as an engagement with no
 * history.
 */
export const lastRevisionOf = async (
  store: EventStore,
  streamId: string,
  spec: string,
): Promise<bigint> => {
  try {
    for await (const event of store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))
      return event.revision;
  } catch (error) {
    if (isStoreError(error, 'StreamDeleted'))
      throw new CliFailure(`${messageOf(error)} in ${spec}`, EXIT.noSuchStream);
    if (!isStoreError(error, 'StreamNotFound')) throw error;
  }
  throw new CliFailure(
    `no stream ${streamId} in ${spec}: nothing is recorded under that name`,
    EXIT.noSuchStream,
  );
};

/**
 * Runs `work`, and if it fails removes the store file `path` (with SQLite's log and index files)
 * when it did not exist before: a refused command leaves no new store behind. A file that existed
 * before is never removed.
 */
export const leavingNoNewStore = async <T>(
  path: string | undefined,
  work: () => Promise<T>,
): Promise<T> => {
  const existedBefore = path === undefined || existsSync(path);
  try {
    return await work();
  } catch (error) {
    if (path !== undefined && !existedBefore)
      for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    throw error;
  }
};
