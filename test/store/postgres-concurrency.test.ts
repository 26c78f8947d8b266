import { v4 as uuidv4 } from 'uuid';
import type { EventToAppend, StoredEvent } from '../../src/kernel/event-store';
import { isStoreError } from '../../src/kernel/store-errors';
import {
  openPostgresEventStore,
  type PostgresEventStore,
} from '../../src/store/postgres-event-store';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { scaled } from '../support/time-scale';

/**
 * The ordering guarantee, on a real server: positions from a sequence would commit out of order
 * under concurrent writers, and a reader that had passed position 100 could later miss 99. Here
 * 8 connections append at once (many small appends to many streams, some of several events,
 * some racing on one stream with exact revisions) while a subscription and two paged `readAll`
 * loops read; every committed event must reach each reader exactly once, in strictly increasing
 * positions, and nothing else may.
 */
jest.setTimeout(scaled(120_000));

const WRITERS = 8;
const APPENDS_PER_WRITER = 60;
const STREAMS_PER_WRITER = 4;
const ROUNDS = 4;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('concurrency');
});
afterAll(() => database.drop());

const someEvents = (n: number): EventToAppend[] =>
  Array.from({ length: n }, (_, i) => ({
    eventId: uuidv4(),
    type: 'Noted',
    data: JSON.stringify({ i }),
    metadata: '{}',
  }));

/** One writer: appends until done, returning the ids of every event that was committed. */
const write = async (store: PostgresEventStore, writer: number): Promise<string[]> => {
  const committed: string[] = [];
  for (let n = 0; n < APPENDS_PER_WRITER; n++) {
    const events = someEvents(1 + ((writer + n) % 3));
    if (n % 5 === 0) {
      // A race on one shared stream: read its revision, append exactly after it.
      const streamId = 'Shared-1';
      let last = -1n;
      try {
        for await (const e of store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))
          last = e.revision;
      } catch (error) {
        if (!isStoreError(error, 'StreamNotFound')) throw error;
      }
      try {
        await store.appendToStream(streamId, events, {
          expectedRevision: last < 0n ? 'no_stream' : last,
        });
        committed.push(...events.map((e) => e.eventId));
      } catch (error) {
        if (!isStoreError(error, 'ConcurrencyConflict')) throw error;
      }
      continue;
    }
    // Streams of its own, so that only the shared one is raced for.
    const streamId = `Noted-${writer}-${n % STREAMS_PER_WRITER}`;
    await store.appendToStream(streamId, events, { expectedRevision: 'any' });
    committed.push(...events.map((e) => e.eventId));
  }
  return committed;
};

/** Pages of three through `readAll`, each from just after the last event read, until stopped. */
const pagedReader = (store: PostgresEventStore) => {
  const seen: StoredEvent[] = [];
  let stop = false;
  const readOn = async (): Promise<void> => {
    const from = (seen[seen.length - 1]?.position ?? 0n) + 1n;
    for await (const event of store.readAll({ fromPosition: from, maxCount: 3 })) seen.push(event);
  };
  const running = (async () => {
    while (!stop) await readOn();
    // Everything is committed now: read to the end once more.
    let before = -1;
    while (before !== seen.length) {
      before = seen.length;
      await readOn();
    }
  })();
  return {
    seen,
    finish: async () => {
      stop = true;
      await running;
    },
  };
};

const positionsIncrease = (events: readonly StoredEvent[]): boolean =>
  events.every((e, i) => i === 0 || e.position > (events[i - 1] as StoredEvent).position);

describe('eight connections appending to one PostgreSQL schema while others read', () => {
  it.each(Array.from({ length: ROUNDS }, (_, round) => round + 1))(
    'round %i: every reader gets every committed event once, in strictly increasing positions',
    async (round) => {
      const schema = `concurrency_${round}`;
      const open = (): Promise<PostgresEventStore> =>
        openPostgresEventStore(database.url, { schema, pool: { max: 2 }, pollIntervalMs: 50 });
      const reader = await open();
      const writers = await Promise.all(Array.from({ length: WRITERS }, open));
      const subscription = reader.subscribeToAll();
      const delivered: StoredEvent[] = [];
      const subscribed = (async () => {
        for await (const message of subscription)
          if (message.kind === 'event') delivered.push(message.event);
      })();
      const paged = [pagedReader(reader), pagedReader(reader)];
      try {
        const committed = (await Promise.all(writers.map(write))).flat();
        for (const p of paged) await p.finish();

        const expected = new Set(committed);
        expect(expected.size).toBe(committed.length);
        const all: StoredEvent[] = [];
        for await (const event of reader.readAll()) all.push(event);
        expect(new Set(all.map((e) => e.eventId))).toEqual(expected);
        expect(all).toHaveLength(committed.length);
        expect(positionsIncrease(all)).toBe(true);

        const deadline = Date.now() + scaled(20_000);
        while (delivered.length < committed.length && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 20));
        for (const seen of [delivered, ...paged.map((p) => p.seen)]) {
          expect(seen.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
          expect(positionsIncrease(seen)).toBe(true);
        }
      } finally {
        for (const p of paged) await p.finish().catch(() => undefined);
        await subscription.close();
        await subscribed;
        for (const store of [reader, ...writers]) await store.close();
      }
    },
  );
});
