/**
 * A process that records batches of events into a SQLite store through the command handler,
 * without pause, until it is killed. After each acknowledged command it prints one JSON line
 * `{ streamId, commandId, batchId, count }`; a line printed is an append the store acknowledged.
 *
 *   sqlite-crash-writer.ts FILE RUN
 */
import * as E from 'fp-ts/Either';
import { v4 as uuidv4 } from 'uuid';
import { handleCommand } from '../../src/kernel/command-handler';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { Tally, type RecordTallyBatch } from './sqlite-tally';

const [file, run] = process.argv.slice(2);
if (file === undefined || run === undefined) throw new Error('usage: FILE RUN');

const main = async (): Promise<void> => {
  const store = openSqliteEventStore(file);
  process.stdout.write('ready\n');
  for (let k = 0; ; k++) {
    const commandId = uuidv4();
    const tallyId = `tally-${k % 3}`;
    const batchId = `${run}-${k}`;
    const count = 2 + ((k * 7) % 6);
    const command: RecordTallyBatch = {
      type: 'RecordTallyBatch',
      tallyId,
      batchId,
      count,
      occurredOn: '2025-09-10',
    };
    const result = await handleCommand(store, Tally, command, {
      commandId,
      actor: 'registrar@mofa.example',
      onBehalfOf: 'PK',
      reason: 'crash test',
      source: { kind: 'newsReport', reference: 'test' },
    });
    if (E.isLeft(result)) throw new Error(result.left.message);
    process.stdout.write(
      `${JSON.stringify({ streamId: result.right.streamId, commandId, batchId, count })}\n`,
    );
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
