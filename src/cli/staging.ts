import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStore } from '../kernel/event-store';
import { openSqliteEventStore } from '../store/sqlite-event-store';
import { CliFailure, EXIT } from './exit';

/**
 * For a command that fills a new embedded store from nothing (`import`): the work is done in
 * `<path>.importing`, and the file appears at `path` only once it is complete, so a process
 * killed midway leaves no partial history where a reader would take it for the whole one. A
 * staging file left by a run that was killed is started afresh.
 *
 * The staging file does not sync every commit: nothing in it counts until it is complete, and
 * closing it checkpoints and syncs the file before it is renamed into place.
 */
export const intoNewStoreFile = async <T>(
  path: string,
  work: (store: EventStore) => Promise<T>,
): Promise<T> => {
  const staging = `${path}.importing`;
  const files = [staging, `${staging}-wal`, `${staging}-shm`];
  for (const file of files) rmSync(file, { force: true });
  let store: ReturnType<typeof openSqliteEventStore>;
  try {
    store = openSqliteEventStore(staging, { synchronous: 'normal' });
  } catch (error) {
    throw new CliFailure(
      `cannot open store sqlite:${path}: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.storeUnavailable,
    );
  }
  let placed = false;
  try {
    const result = await work(store);
    await store.close();
    // The last connection to close folds the write-ahead log into the file and removes it.
    if (existsSync(`${staging}-wal`) && statSync(`${staging}-wal`).size > 0)
      throw new CliFailure(
        `${staging} is still open elsewhere; the import was not put in place`,
        EXIT.storeUnavailable,
      );
    if (existsSync(path))
      throw new CliFailure(
        `${path} was created by something else during the import; the import was not put in place`,
        EXIT.storeUnavailable,
      );
    renameSync(staging, path);
    placed = true;
    // The rename itself is durable once the folder is synced.
    const folder = openSync(dirname(path), 'r');
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
    return result;
  } finally {
    if (!placed) {
      await store.close();
      for (const file of files) rmSync(file, { force: true });
    }
  }
};
