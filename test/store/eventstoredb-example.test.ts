import { EventStoreDBClient } from '@eventstore/db-client';
import { runPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { createEventStoreDBEventStore } from '../../src/store/eventstoredb-event-store';
import type { EventStore } from '../../src/kernel/event-store';
import { startTestServer, type TestServer } from '../support/eventstoredb-server/server';

const run = async (store: EventStore): Promise<string[]> => {
  const lines: string[] = [];
  await runPakistanBahrain2025(store, (line) => lines.push(...line.split('\n')));
  return lines;
};

/** Recording times differ from run to run; everything else must not. */
const withoutRecordingTimes = (lines: readonly string[]): string[] =>
  lines.map((line) => line.replace(/recorded \d{4}-\d\d-\d\dT[\d:.]+Z/, 'recorded <time>'));

describe('the Pakistan–Bahrain example on EventStoreDB', () => {
  let server: TestServer;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    server = await startTestServer();
    client = EventStoreDBClient.connectionString(server.connectionString);
  });

  afterAll(async () => {
    await client.dispose();
    await server.stop();
  });

  it('prints the same overview, audit listing and verification as on the in-memory store', async () => {
    const now = (): Date => new Date('2026-11-30T09:00:00.000Z');
    const onMemory = await run(createInMemoryEventStore({ now }));
    const onEventStoreDB = await run(createEventStoreDBEventStore(client, { now }));
    const overviewEnd = onMemory.indexOf('Audit listing (one line per recorded event)');
    expect(overviewEnd).toBeGreaterThan(0);
    expect(onEventStoreDB.slice(0, overviewEnd)).toEqual(onMemory.slice(0, overviewEnd));
    expect(withoutRecordingTimes(onEventStoreDB)).toEqual(withoutRecordingTimes(onMemory));
  });

  it('recording the same history again writes nothing twice', async () => {
    const store = createEventStoreDBEventStore(client);
    const count = async (): Promise<number> => {
      let n = 0;
      for await (const _ of store.readAll()) n++;
      return n;
    };
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await run(store);
    expect(await count()).toBe(before);
  });
});
