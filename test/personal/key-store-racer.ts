/**
 * A separate process that asks an embedded key store for the keys of new subjects, for the test
 * of two processes creating them at once.
 *
 *   FILE COUNT   prints `ready`, waits for a line on stdin, asks `keyFor` subjects race-0 to
 *                race-(COUNT-1) in turn and prints `keys` and the JSON list of their key ids
 */
import { openSqliteKeyStore } from '../../src/personal/sqlite-key-store';
import { waitForGo } from '../support/sqlite-processes';

const [file, count] = process.argv.slice(2);
if (file === undefined || count === undefined)
  throw new Error('usage: key-store-racer.ts FILE COUNT');

const main = async (): Promise<void> => {
  const store = openSqliteKeyStore(file, { busyTimeoutMs: 30_000 });
  process.stdout.write('ready\n');
  await waitForGo();
  const ids: string[] = [];
  for (let i = 0; i < Number(count); i++) ids.push((await store.keyFor(`race-${i}`)).keyId);
  await store.close();
  process.stdout.write(`keys ${JSON.stringify(ids)}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
