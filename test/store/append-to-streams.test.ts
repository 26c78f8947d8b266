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
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';

/**
 * `appendToStreams`, on every store that has it: one write to several streams, all of it or
 * none, each append checked as `appendToStream` checks it.
 */
const dir = mkdtempSync(join(tmpdir(), 'append-to-streams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

interface Opened {
  readonly store: EventStore;
  /** Another view of the same history (another connection, for a file). */
  readonly other: () => EventStore;
  readonly close: () => Promise<void>;
}

const stores: Record<string, () => Opened> = {
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
const summary = (all: readonly StoredEvent[]) =>
  all.map((e) => `${e.streamId}@${e.revision}:${e.eventId}`);

async function* slowly(appends: readonly StreamAppend[]): AsyncGenerator<StreamAppend> {
  for (const append of appends) {
    await new Promise((resolve) => setImmediate(resolve));
    yield append;
  }
}

describe.each(Object.keys(stores))('%s writes several streams at once', (name) => {
  let opened: Opened;
  let store: EventStore;
  let write: NonNullable<EventStore['appendToStreams']>;
  beforeEach(() => {
    opened = (stores[name] as () => Opened)();
    store = opened.store;
    if (store.appendToStreams === undefined) throw new Error(`${name} has no appendToStreams`);
    write = store.appendToStreams;
  });
  afterEach(() => opened.close());

  it('writes every append in order, each stream at its revisions, in one global order', async () => {
    const [a, b] = [`a-${uuidv4()}`, `b-${uuidv4()}`];
    const [a1, b1, a2] = [events(2), events(3), events(1, 2)];
    const result = await write(
      slowly([
        { streamId: a, events: a1, expectedRevision: 'no_stream' },
        { streamId: b, events: b1, expectedRevision: 'no_stream' },
        { streamId: a, events: a2, expectedRevision: 1n },
      ]),
    );
    const all = await everything(store);
    expect(all.map((e) => e.eventId)).toEqual([...a1, ...b1, ...a2].map((e) => e.eventId));
    expect(all.map((e) => `${e.streamId === a ? 'a' : 'b'}@${e.revision}`)).toEqual([
      'a@0',
      'a@1',
      'b@0',
      'b@1',
      'b@2',
      'a@2',
    ]);
    expect(result).toEqual({ appends: 3, eventsWritten: 6, position: all[5]?.position });
    // Ordinary appends go on from there.
    const next = await store.appendToStream(b, events(1), { expectedRevision: 2n });
    expect(next.nextExpectedRevision).toBe(3n);
    expect(next.position > result.position).toBe(true);
  });

  it('writes nothing when a late append conflicts, and throws that conflict', async () => {
    const existing = `existing-${uuidv4()}`;
    await store.appendToStream(existing, events(2), { expectedRevision: 'no_stream' });
    const before = summary(await everything(store));
    const failing = write(
      slowly([
        { streamId: `new-${uuidv4()}`, events: events(3), expectedRevision: 'no_stream' },
        { streamId: existing, events: events(1), expectedRevision: 1n },
        // Wrong: the append before this one took the stream to revision 2.
        { streamId: existing, events: events(1), expectedRevision: 1n },
      ]),
    );
    await expect(failing).rejects.toMatchObject({ kind: 'ConcurrencyConflict' });
    expect(summary(await everything(store))).toEqual(before);
    // The store goes on as if the write had never been tried.
    const next = await store.appendToStream(existing, events(1), { expectedRevision: 1n });
    expect(next.nextExpectedRevision).toBe(2n);
  });

  it('writes nothing when an append is invalid, naming what was wrong', async () => {
    const good = `good-${uuidv4()}`;
    const failing = write([
      { streamId: good, events: events(2), expectedRevision: 'no_stream' },
      {
        streamId: `bad-${uuidv4()}`,
        events: [{ ...anEvent(0), data: '{not json' }],
        expectedRevision: 'any',
      },
    ]);
    await expect(failing).rejects.toMatchObject({ kind: 'InvalidAppend' });
    expect(await everything(store)).toEqual([]);
  });

  it('writes nothing when the appends stop with an error before their end', async () => {
    async function* dying(): AsyncGenerator<StreamAppend> {
      yield { streamId: `s-${uuidv4()}`, events: events(3), expectedRevision: 'no_stream' };
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error('the file could not be read');
    }
    await expect(write(dying())).rejects.toThrow('the file could not be read');
    expect(await everything(store)).toEqual([]);
  });

  it('checks an empty append, and writes nothing for an idempotent one', async () => {
    const s = `s-${uuidv4()}`;
    const first = events(2);
    await store.appendToStream(s, first, { expectedRevision: 'no_stream' });
    const again = await write([
      { streamId: s, events: first, expectedRevision: 'no_stream' },
      { streamId: s, events: [], expectedRevision: 1n },
    ]);
    expect(again).toEqual({ appends: 2, eventsWritten: 0, position: -1n });
    const refused = write([
      { streamId: `t-${uuidv4()}`, events: events(1), expectedRevision: 'no_stream' },
      { streamId: s, events: [], expectedRevision: 0n },
    ]);
    await expect(refused).rejects.toMatchObject({ kind: 'ConcurrencyConflict' });
    expect(await everything(store)).toHaveLength(2);
  });

  it('refuses a tombstoned stream, writing nothing', async () => {
    const gone = `gone-${uuidv4()}`;
    await store.deleteStream(gone, { mode: 'tombstone' });
    const failing = write([
      { streamId: `s-${uuidv4()}`, events: events(1), expectedRevision: 'no_stream' },
      { streamId: gone, events: events(1), expectedRevision: 'any' },
    ]);
    await expect(failing).rejects.toMatchObject({ kind: 'StreamDeleted' });
    expect(await everything(store)).toEqual([]);
  });

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

  it('wakes a live subscription once the write is recorded', async () => {
    const subscription = store.subscribeToAll();
    const seen: string[] = [];
    const done = (async () => {
      for await (const message of subscription) {
        if (message.kind === 'event') seen.push(message.event.eventId);
        if (seen.length === 4) break;
      }
    })();
    const written = [...events(2), ...events(2)];
    await write([
      { streamId: `x-${uuidv4()}`, events: written.slice(0, 2), expectedRevision: 'no_stream' },
      { streamId: `y-${uuidv4()}`, events: written.slice(2), expectedRevision: 'no_stream' },
    ]);
    await done;
    await subscription.close();
    expect(seen).toEqual(written.map((e) => e.eventId));
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
