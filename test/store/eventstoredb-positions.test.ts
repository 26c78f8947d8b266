import { EventStoreDBClient, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { v4 as uuidv4 } from 'uuid';
import type { EventStore, EventToAppend, StoredEvent } from '../../src/kernel/event-store';
import type {
  EsdbPosition,
  EventStoreDBClientLike,
} from '../../src/store/eventstoredb-event-store';
import { createEventStoreDBEventStore } from '../../src/store/eventstoredb-event-store';
import { startTestServer, type TestServer } from '../support/eventstoredb-server/server';
import { collect } from '../support/collect';

/*
 * EventStoreDB reads `$all` only from where a record starts: the test server refuses any other
 * position as the real one does, and the adapter sends only the positions the server gave.
 */

const anEvent = (n: number): EventToAppend => ({
  eventId: uuidv4(),
  type: 'PositionChecked',
  data: JSON.stringify({ n }),
  metadata: '{}',
});

/** The client, recording every position it is asked to read or subscribe from. */
const recording = (
  client: EventStoreDBClientLike,
): { client: EventStoreDBClientLike; sent: (EsdbPosition | 'start' | 'end')[] } => {
  const sent: (EsdbPosition | 'start' | 'end')[] = [];
  return {
    sent,
    client: {
      appendToStream: (...args) => client.appendToStream(...args),
      readStream: (...args) => client.readStream(...args),
      deleteStream: (...args) => client.deleteStream(...args),
      tombstoneStream: (...args) => client.tombstoneStream(...args),
      readAll: (options) => {
        sent.push(options.fromPosition);
        return client.readAll(options);
      },
      subscribeToAll: (options) => {
        sent.push(options.fromPosition);
        return client.subscribeToAll(options);
      },
    },
  };
};

describe('positions in $all, as EventStoreDB has them', () => {
  let server: TestServer;
  let client: EventStoreDBClient;
  let store: EventStore;

  beforeAll(async () => {
    server = await startTestServer();
    client = EventStoreDBClient.connectionString(server.connectionString);
    store = createEventStoreDBEventStore(client);
  });

  afterAll(async () => {
    await client.dispose();
    await server.stop();
  });

  /** Every position the server holds a record at, and the end of its log. */
  const serverPositions = async (): Promise<Set<string>> => {
    const all: AllStreamResolvedEvent[] = await collect(client.readAll());
    const key = (p: EsdbPosition) => `${p.commit}/${p.prepare}`;
    return new Set(all.flatMap((e) => (e.event?.position ? [key(e.event.position)] : [])));
  };

  it('the test server refuses a read or subscription from where no record starts, as EventStoreDB does', async () => {
    const streamId = `positions-${uuidv4()}`;
    await store.appendToStream(streamId, [anEvent(0), anEvent(1)], {
      expectedRevision: 'no_stream',
    });
    const [first] = await collect(store.readStream(streamId));
    const at = first?.position ?? -1n;
    const inside = { commit: at + 1n, prepare: at + 1n };
    for (const direction of ['forwards', 'backwards'] as const)
      await expect(
        collect(client.readAll({ direction, fromPosition: inside, maxCount: 1 })),
      ).rejects.toMatchObject({
        type: 'unknown',
        code: 2,
        message: expect.stringContaining('Trying to read from an invalid position.'),
      });
    await expect(
      collect(client.readAll({ fromPosition: { commit: at, prepare: at + 1n }, maxCount: 1 })),
    ).rejects.toMatchObject({ type: 'unknown' });
    const subscription = client.subscribeToAll({ fromPosition: inside });
    await expect(collect(subscription)).rejects.toMatchObject({
      type: 'unknown',
      message: expect.stringContaining('Trying to read from an invalid position.'),
    });
    // Where a record starts, it reads as ever.
    const read = await collect(
      client.readAll({ fromPosition: { commit: at, prepare: at }, maxCount: 1 }),
    );
    expect(read.map((e) => e.event?.id)).toEqual([first?.eventId]);
  });

  it('the adapter reads $all from positions the server gave: backwards inclusive, paged, and from positions no event holds', async () => {
    const streamId = `positions-${uuidv4()}`;
    // More than a page of 500, so that paging moves on from positions the server gave.
    const events = Array.from({ length: 1_200 }, (_, n) => anEvent(n));
    await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
    const ours = await collect(store.readStream(streamId));
    const positions = ours.map((e) => e.position);
    const p = (i: number): bigint => positions[i] ?? -1n;
    const rec = recording(client);
    const watched = createEventStoreDBEventStore(rec.client);
    const ids = (read: StoredEvent[]) => read.map((e) => e.eventId);
    const idsOf = (from: number, to: number) => events.slice(from, to).map((e) => e.eventId);

    const backwards = await collect(
      watched.readAll({ direction: 'backwards', fromPosition: p(1_100), maxCount: 1_000 }),
    );
    expect(ids(backwards)).toEqual(idsOf(101, 1_101).reverse());
    const forwards = await collect(watched.readAll({ fromPosition: p(100), maxCount: 1_050 }));
    expect(ids(forwards)).toEqual(idsOf(100, 1_150));
    const backwardsFromEnd = await collect(
      watched.readAll({ direction: 'backwards', maxCount: 1_200 }),
    );
    expect(ids(backwardsFromEnd).slice(0, 1_200)).toEqual(idsOf(0, 1_200).reverse());

    const held = await serverPositions();
    const notGiven = rec.sent.filter(
      (sent) => typeof sent === 'object' && !held.has(`${sent.commit}/${sent.prepare}`),
    );
    expect(notGiven).toEqual([]);

    // A position no event holds starts at the next event in the direction of reading.
    expect(ids(await collect(store.readAll({ fromPosition: p(7) + 1n, maxCount: 2 })))).toEqual(
      idsOf(8, 10),
    );
    expect(
      ids(
        await collect(
          store.readAll({ direction: 'backwards', fromPosition: p(7) - 1n, maxCount: 2 }),
        ),
      ),
    ).toEqual(idsOf(5, 7).reverse());
  });

  it('the adapter subscribes and resubscribes from positions the server gave', async () => {
    const streamId = `positions-sub-${uuidv4()}`;
    const before = [anEvent(0), anEvent(1), anEvent(2)];
    await store.appendToStream(streamId, before, { expectedRevision: 'no_stream' });
    const ours = await collect(store.readStream(streamId));
    const rec = recording(client);
    const watched = createEventStoreDBEventStore(rec.client, { resubscribe: { delayMs: 20 } });
    // From just before the first event: a position no event holds.
    const sub = watched.subscribeToAll({ afterPosition: (ours[0]?.position ?? 0n) - 1n });
    try {
      const messages = sub[Symbol.asyncIterator]();
      const taken: StoredEvent[] = [];
      const take = async (count: number): Promise<void> => {
        while (taken.length < count) {
          const next = await messages.next();
          if (next.done === true) throw new Error('the subscription ended');
          if (next.value.kind === 'event' && next.value.event.streamId === streamId)
            taken.push(next.value.event);
        }
      };
      await take(3);
      server.breakSubscriptions();
      const after = [anEvent(3), anEvent(4)];
      await store.appendToStream(streamId, after, { expectedRevision: 2n });
      await take(5);
      expect(taken.map((e) => e.eventId)).toEqual([...before, ...after].map((e) => e.eventId));
    } finally {
      await sub.close();
    }
    const held = await serverPositions();
    const subscribedFrom = server.subscriptionsFrom.slice(-2);
    expect(subscribedFrom).not.toContain('invalid');
    const notGiven = rec.sent.filter(
      (sent) => typeof sent === 'object' && !held.has(`${sent.commit}/${sent.prepare}`),
    );
    // The only position not the server's is the caller's own, read once to find its neighbours.
    expect(notGiven).toEqual([
      { commit: (ours[0]?.position ?? 0n) - 1n, prepare: (ours[0]?.position ?? 0n) - 1n },
    ]);
  });
});
