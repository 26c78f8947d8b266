import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import type {
  EventStore,
  EventToAppend,
  StoredEvent,
  StreamAppend,
} from '../../src/kernel/event-store';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { openPostgresEventStore } from '../../src/store/postgres-event-store';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

/**
 * What the contract suite cannot see of `appendToStreams` through one store object: another
 * reader of the same history (another connection, for a file) sees none of a write until all of
 * it is recorded, and a store opened read-only refuses it. The rest of its contract is in the
 * contract suite (`appendToStreams: true`).
 */
const dir = mkdtempSync(join(tmpdir(), 'append-to-streams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
let database: TestDatabase | undefined;
afterAll(() => database?.drop());
let schemas = 0;

interface Opened {
  readonly store: EventStore;
  /** Another view of the same history (another connection, for a file). */
  readonly other: () => EventStore;
  readonly close: () => Promise<void>;
}

const stores: Record<string, () => Opened | Promise<Opened>> = {
  'the in-memory store': () => {
    const store = createInMemoryEventStore();
    return { store, other: () => store, close: async () => {} };
  },
  'the SQLite store': () => {
    const path = join(dir, `store-${++files}.db`);
    const store = openSqliteEventStore(path);
    const others: ReturnType<typeof openSqliteEventStore>[] = [];
    return {
      store,
      other: () => {
        const other = openSqliteEventStore(path);
        others.push(other);
        return other;
      },
      close: async () => {
        for (const o of others) await o.close();
        await store.close();
      },
    };
  },
  'the PostgreSQL store': async () => {
    database ??= await createTestDatabase('append_to_streams');
    const { url } = database;
    const schema = `several_${++schemas}`;
    const store = await openPostgresEventStore(url, { schema });
    // Another pool of connections to the same schema, opened before the write begins.
    const other = await openPostgresEventStore(url, { schema });
    return {
      store,
      other: () => other,
      close: async () => {
        await other.close();
        await store.close();
      },
    };
  },
};

const anEvent = (n: number): EventToAppend => ({
  eventId: uuidv4(),
  type: 'Checked',
  data: JSON.stringify({ n }),
  metadata: '{}',
});
const events = (count: number, from = 0): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => anEvent(from + i));

const everything = async (store: EventStore): Promise<StoredEvent[]> => {
  const all: StoredEvent[] = [];
  for await (const e of store.readAll()) all.push(e);
  return all;
};
describe.each(Object.keys(stores))('%s writes several streams at once', (name) => {
  let opened: Opened;
  let store: EventStore;
  let write: NonNullable<EventStore['appendToStreams']>;
  beforeEach(async () => {
    opened = await (stores[name] as () => Opened | Promise<Opened>)();
    store = opened.store;
    if (store.appendToStreams === undefined) throw new Error(`${name} has no appendToStreams`);
    write = store.appendToStreams;
  });
  afterEach(() => opened.close());

  it('shows nothing to other readers until the whole write is recorded', async () => {
    const other = opened.other();
    const seenMidway: number[] = [];
    async function* watched(): AsyncGenerator<StreamAppend> {
      for (let i = 0; i < 5; i++) {
        yield {
          streamId: `w-${i}-${uuidv4()}`,
          events: events(500),
          expectedRevision: 'no_stream',
        };
        seenMidway.push((await everything(other)).length);
      }
    }
    const result = await write(watched());
    expect(seenMidway).toEqual([0, 0, 0, 0, 0]);
    expect(result.eventsWritten).toBe(2_500);
    expect(await everything(other)).toHaveLength(2_500);
  });

  it('writes many appends, some of one stream after another, each at its revisions', async () => {
    const streams = Array.from({ length: 50 }, (_, i) => `many-${i}-${uuidv4()}`);
    function* appends(): Generator<StreamAppend> {
      for (let round = 0; round < 8; round++)
        for (const streamId of streams)
          yield {
            streamId,
            events: events(7, round * 7),
            expectedRevision: round === 0 ? 'no_stream' : BigInt(round * 7 - 1),
          };
    }
    const result = await write(appends());
    expect(result).toMatchObject({ appends: 400, eventsWritten: 2_800 });
    const all = await everything(store);
    expect(all).toHaveLength(2_800);
    for (const streamId of streams) {
      const mine = all.filter((e) => e.streamId === streamId);
      expect(mine.map((e) => e.revision)).toEqual(Array.from({ length: 56 }, (_, r) => BigInt(r)));
      expect(mine.map((e) => JSON.parse(e.data).n)).toEqual(
        Array.from({ length: 56 }, (_, r) => r),
      );
    }
  });
});

it('a store opened read-only refuses a write to several streams', async () => {
  const path = join(dir, 'read-only.db');
  const writer = openSqliteEventStore(path);
  await writer.appendToStream('s', events(1), { expectedRevision: 'no_stream' });
  await writer.close();
  const reader = openSqliteEventStore(path, { readOnly: true });
  try {
    await expect(
      reader.appendToStreams?.([{ streamId: 't', events: events(1), expectedRevision: 'any' }]),
    ).rejects.toMatchObject({ kind: 'StoreUnavailable', readOnly: true });
    expect(await everything(reader)).toHaveLength(1);
  } finally {
    await reader.close();
  }
});
