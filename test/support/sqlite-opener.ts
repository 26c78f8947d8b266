/**
 * A separate process that opens a SQLite store, for tests of several processes opening one file
 * at once (an older file is migrated by whichever gets the write lock first).
 *
 *   FILE   prints `ready`, waits for a line on stdin, opens the store, counts its events with
 *          readAll, prints `opened COUNT` and closes it
 */
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { waitForGo } from './sqlite-processes';

const [file] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: sqlite-opener.ts FILE');

const main = async (): Promise<void> => {
  process.stdout.write('ready\n');
  await waitForGo();
  const store = openSqliteEventStore(file, { busyTimeoutMs: 30_000 });
  let count = 0;
  for await (const _ of store.readAll()) count++;
  await store.close();
  process.stdout.write(`opened ${count}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
