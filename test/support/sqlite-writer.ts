/**
 * A separate process writing to a SQLite store, for tests that need two OS processes on one file.
 *
 *   race FILE STREAM COUNT   prints `ready`, waits for a line on stdin, then appends one event
 *                            at a time with the exact expected revision, until the stream holds
 *                            COUNT events, printing one JSON line per attempt (won or conflict)
 *   append FILE STREAM COUNT appends COUNT events with `any`, one per append, printing `done`
 */
import { v4 as uuidv4 } from 'uuid';
import type { ExpectedRevision } from '../../src/kernel/event-store';
import { isStoreError } from '../../src/kernel/store-errors';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { waitForGo } from './sqlite-processes';

const [mode, file, streamId, countText] = process.argv.slice(2);
if (file === undefined || streamId === undefined || countText === undefined)
  throw new Error('usage: sqlite-writer.ts race|append FILE STREAM COUNT');
const count = Number(countText);

const event = (n: number) => ({
  eventId: uuidv4(),
  type: 'WriterAppended',
  data: JSON.stringify({ pid: process.pid, n }),
  metadata: JSON.stringify({ writer: process.pid }),
});

/** A pause of 0-2 ms, as between real commands: SQLite's write lock is not fair to a tight loop. */
const pause = (): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));

const race = async (): Promise<void> => {
  const store = openSqliteEventStore(file);
  process.stdout.write('ready\n');
  await waitForGo();
  // After a conflict, carry on right after the revision the other writer reached.
  for (let r = 0; r < count;) {
    const expected: ExpectedRevision = r === 0 ? 'no_stream' : BigInt(r - 1);
    const attempt = event(r);
    await pause();
    try {
      await store.appendToStream(streamId, [attempt], { expectedRevision: expected });
      process.stdout.write(
        `${JSON.stringify({ revision: r, outcome: 'won', eventId: attempt.eventId })}\n`,
      );
      r++;
    } catch (error) {
      if (!isStoreError(error, 'ConcurrencyConflict') || error.actual === 'no_stream') throw error;
      process.stdout.write(
        `${JSON.stringify({ revision: r, outcome: 'conflict', actual: String(error.actual) })}\n`,
      );
      r = Number(error.actual) + 1;
    }
  }
  await store.close();
};

const append = async (): Promise<void> => {
  const store = openSqliteEventStore(file);
  for (let n = 0; n < count; n++)
    await store.appendToStream(streamId, [event(n)], { expectedRevision: 'any' });
  await store.close();
  process.stdout.write('done\n');
};

(mode === 'race'
  ? race()
  : mode === 'append'
    ? append()
    : Promise.reject(new Error(`unknown mode ${mode}`))
).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
