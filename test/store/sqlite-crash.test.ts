import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAll } from '../../src/audit/verify';
import { eventIdFor } from '../../src/kernel/event-id';
import type { StoredEvent } from '../../src/kernel/event-store';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { linesOf, startScript } from '../support/sqlite-processes';
import { scaled } from '../support/time-scale';

jest.setTimeout(scaled(90_000));

const directory = mkdtempSync(join(tmpdir(), 'ledger-sqlite-crash-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Acknowledged {
  readonly streamId: string;
  readonly commandId: string;
  readonly batchId: string;
  readonly count: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a SQLite store whose writer is killed (SIGKILL) at random moments', () => {
  it('never holds half a batch, keeps every integrity chain intact, and loses no acknowledged append', async () => {
    const file = join(directory, 'crash.db');
    const kills = 20;
    const acknowledged: Acknowledged[] = [];
    let eventsAtLastCheck = 0;
    let unacknowledgedBatches = 0;

    for (let run = 0; run < kills; run++) {
      const writer = startScript('sqlite-crash-writer.ts', [file, `run${run}`]);
      const output = linesOf(writer);
      await output.waitFor('ready');
      await sleep(20 + Math.floor(Math.random() * 281));
      writer.kill('SIGKILL');
      const code = await output.exited;
      expect({ code, stderr: output.stderr() }).toEqual({ code: null, stderr: '' });
      // A line cut short by the kill was never a whole acknowledgement.
      acknowledged.push(
        ...output.lines
          .filter((l) => l.startsWith('{') && l.endsWith('}'))
          .map((l) => JSON.parse(l) as Acknowledged),
      );

      const store = openSqliteEventStore(file);
      try {
        const report = await verifyAll(store);
        expect(report.firstProblem).toBeUndefined();
        expect(report.intact).toBe(true);

        // Group every stored event by the batch it belongs to.
        const batches = new Map<string, StoredEvent[]>();
        for await (const event of store.readAll()) {
          const { batchId } = JSON.parse(event.data) as { batchId: string };
          batches.set(batchId, [...(batches.get(batchId) ?? []), event]);
        }
        for (const [batchId, events] of batches) {
          const data = events.map((e) => JSON.parse(e.data) as { index: number; of: number });
          const of = data[0]?.of ?? 0;
          // All or nothing: every index of the batch, at consecutive revisions of one stream.
          expect({ batchId, indexes: data.map((d) => d.index) }).toEqual({
            batchId,
            indexes: Array.from({ length: of }, (_, i) => i),
          });
          expect(new Set(events.map((e) => e.streamId)).size).toBe(1);
          const first = events[0]?.revision ?? 0n;
          expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => first + BigInt(i)));
        }
        // Every acknowledged batch is there, with the ids the command handler gave its events.
        for (const ack of acknowledged) {
          const events = batches.get(ack.batchId) ?? [];
          expect({ batch: ack.batchId, ids: events.map((e) => e.eventId) }).toEqual({
            batch: ack.batchId,
            ids: Array.from({ length: ack.count }, (_, i) =>
              eventIdFor(ack.streamId, ack.commandId, i),
            ),
          });
          expect(events[0]?.streamId).toBe(ack.streamId);
        }
        // At most one batch per run was committed without its acknowledgement being printed.
        unacknowledgedBatches = batches.size - acknowledged.length;
        expect(unacknowledgedBatches).toBeGreaterThanOrEqual(0);
        expect(unacknowledgedBatches).toBeLessThanOrEqual(run + 1);
        expect(report.eventsChecked).toBeGreaterThanOrEqual(eventsAtLastCheck);
        eventsAtLastCheck = report.eventsChecked;
      } finally {
        await store.close();
      }
    }
    console.log(
      `${kills} kills: ${acknowledged.length} acknowledged batches, ${eventsAtLastCheck} events, ` +
        `${unacknowledgedBatches} batches committed but not yet acknowledged when killed`,
    );
    // The writer really was writing when it was killed, most of the time.
    expect(acknowledged.length).toBeGreaterThan(kills);
  });
});
