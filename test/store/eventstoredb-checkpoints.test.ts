import { EventStoreDBClient, eventTypeFilter, type Position } from '@eventstore/db-client';
import { v4 as uuidv4 } from 'uuid';
import type {
  EventStore,
  EventToAppend,
  StoredEvent,
  SubscriptionMessage,
} from '../../src/kernel/event-store';
import { createEventStoreDBEventStore } from '../../src/store/eventstoredb-event-store';
import { startTcpProxy, type TcpProxy } from '../support/eventstoredb-server/proxy';
import { startTestServer, type TestServer } from '../support/eventstoredb-server/server';
import { collect } from '../support/collect';

/*
 * A filtered subscription to `$all` gets a checkpoint every (search window x multiplier) events
 * the server reads, whether the filter takes them or not, and one as it goes live. The adapter
 * moves its resume position on them, so that a subscription dropped and resumed loses nothing,
 * repeats nothing, and does not read again a long run the filter passed over.
 */

const anEvent = (n: number): EventToAppend => ({
  eventId: uuidv4(),
  type: 'CheckpointChecked',
  data: JSON.stringify({ n }),
  metadata: '{}',
});

/** Takes messages until `count` events of `streamId` have come. */
const takeEvents = async (
  messages: AsyncIterator<SubscriptionMessage>,
  streamId: string,
  count: number,
): Promise<StoredEvent[]> => {
  const taken: StoredEvent[] = [];
  while (taken.length < count) {
    const next = await messages.next();
    if (next.done === true) throw new Error('the subscription ended');
    if (next.value.kind === 'event' && next.value.event.streamId === streamId)
      taken.push(next.value.event);
  }
  return taken;
};

const untilCaughtUp = async (messages: AsyncIterator<SubscriptionMessage>): Promise<void> => {
  for (;;) {
    const next = await messages.next();
    if (next.done === true) throw new Error('the subscription ended');
    if (next.value.kind === 'caughtUp') return;
  }
};

describe('checkpoints of a filtered subscription to $all', () => {
  let server: TestServer;
  let client: EventStoreDBClient;
  let store: EventStore;

  beforeEach(async () => {
    server = await startTestServer();
    client = EventStoreDBClient.connectionString(server.connectionString);
    store = createEventStoreDBEventStore(client);
  });

  afterEach(async () => {
    await client.dispose();
    await server.stop();
  });

  /** The commit positions of every record in the log, system ones included, in order. */
  const logPositions = async (): Promise<bigint[]> =>
    (await collect(client.readAll())).map((e) => e.event?.position?.commit ?? -1n);

  /** Subscribes with the raw client; resolves with the checkpoints reached before caught up. */
  const checkpointsUntilCaughtUp = async (filter: {
    readonly checkpointInterval: number;
    readonly maxSearchWindow?: number;
  }): Promise<{ checkpoints: Position[]; more: () => Position[]; stop: () => Promise<void> }> => {
    const checkpoints: Position[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: 'start',
      filter: eventTypeFilter({
        regex: '^[^$]',
        ...filter,
        checkpointReached: (_, position) => {
          checkpoints.push(position);
        },
      }),
    });
    // Take the events as they come, so that the server keeps sending.
    subscription.on('data', () => undefined);
    await new Promise<void>((resolve) => subscription.on('caughtUp', () => resolve()));
    const caughtUp = [...checkpoints];
    return {
      checkpoints: caughtUp,
      more: () => checkpoints.slice(caughtUp.length),
      stop: () => subscription.unsubscribe(),
    };
  };

  it.each([
    ['the default window (32) and multiplier 1', { checkpointInterval: 1 }, 32],
    ['the default window and multiplier 2', { checkpointInterval: 2 }, 64],
    ['a window of 10 and multiplier 3', { checkpointInterval: 3, maxSearchWindow: 10 }, 30],
  ])(
    'come every window x multiplier events read, over a run the filter takes, with %s',
    async (_, filter, every) => {
      const streamId = `checkpoints-${uuidv4()}`;
      await store.appendToStream(
        streamId,
        Array.from({ length: 100 }, (_x, n) => anEvent(n)),
        { expectedRevision: 'no_stream' },
      );
      const log = await logPositions();
      const { checkpoints, more, stop } = await checkpointsUntilCaughtUp(filter);
      try {
        // Catching up: one every `every` records read (system ones too), and one going live.
        const expected = log.filter((_p, i) => (i + 1) % every === 0);
        expect(checkpoints.map((c) => c.commit)).toEqual([...expected, log.at(-1)]);
        expect(checkpoints.every((c) => c.prepare === c.commit)).toBe(true);
        // Live: counted afresh, every `every` events appended, matched or not.
        const live = Array.from({ length: every }, (_x, n) => anEvent(n));
        await store.appendToStream(streamId, live, { expectedRevision: 99n });
        const after = await logPositions();
        await new Promise<void>((resolve) => {
          const poll = (): void => {
            if (more().length > 0) resolve();
            else setImmediate(poll);
          };
          poll();
        });
        expect(more().map((c) => c.commit)).toEqual([after.at(-1)]);
      } finally {
        await stop();
      }
    },
  );

  describe('resumption by the adapter', () => {
    let proxy: TcpProxy;
    let proxied: EventStoreDBClient;
    let viaProxy: EventStore;

    beforeEach(async () => {
      proxy = await startTcpProxy(server.port);
      proxied = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${proxy.port}?tls=false`);
      viaProxy = createEventStoreDBEventStore(proxied, { resubscribe: { delayMs: 20 } });
    });

    afterEach(async () => {
      await proxied.dispose();
      await proxy.stop();
    });

    it.each([
      ['the connection is cut', () => proxy.dropConnections()],
      ['the node ends it with UNAVAILABLE', () => server.breakSubscriptions()],
    ])(
      'resumes a run of events the filter takes after %s mid-run, losing and repeating nothing',
      async (_, breakIt) => {
        const streamId = `checkpoints-${uuidv4()}`;
        const run = Array.from({ length: 150 }, (_x, n) => anEvent(n));
        await store.appendToStream(streamId, run, { expectedRevision: 'no_stream' });
        const sub = viaProxy.subscribeToAll();
        try {
          const messages = sub[Symbol.asyncIterator]();
          // The server has sent checkpoints further on than this; they must not count yet.
          const early = await takeEvents(messages, streamId, 50);
          breakIt();
          const more = [anEvent(150), anEvent(151)];
          await store.appendToStream(streamId, more, { expectedRevision: 149n });
          const late = await takeEvents(messages, streamId, 102);
          expect([...early, ...late].map((e) => e.eventId)).toEqual(
            [...run, ...more].map((e) => e.eventId),
          );
          // Resumed from a position the server gave, at or past the last event taken (events the
          // client had received before the drop may have been taken since).
          const resumed = server.subscriptionsFrom.at(-1);
          expect(typeof resumed === 'bigint' && (await logPositions()).includes(resumed)).toBe(
            true,
          );
          expect(resumed).toBeGreaterThanOrEqual(early.at(-1)?.position ?? 0n);
        } finally {
          await sub.close();
        }
      },
    );

    it('resumes after a long run the filter passed over from the checkpoint beyond it, not from the last event', async () => {
      const streamId = `checkpoints-${uuidv4()}`;
      const before = [anEvent(0), anEvent(1)];
      await store.appendToStream(streamId, before, { expectedRevision: 'no_stream' });
      for (let n = 0; n < 100; n++)
        server.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { n });
      const log = await logPositions();
      const sub = viaProxy.subscribeToAll();
      try {
        const messages = sub[Symbol.asyncIterator]();
        const early = await takeEvents(messages, streamId, 2);
        await untilCaughtUp(messages);
        server.breakSubscriptions();
        const after = [anEvent(2)];
        await store.appendToStream(streamId, after, { expectedRevision: 1n });
        const late = await takeEvents(messages, streamId, 1);
        expect([...early, ...late].map((e) => e.eventId)).toEqual(
          [...before, ...after].map((e) => e.eventId),
        );
        // From the checkpoint the server sent going live: the last system event it read.
        expect(server.subscriptionsFrom.at(-1)).toBe(log.at(-1));
        expect(log.at(-1)).toBeGreaterThan(early.at(-1)?.position ?? 0n);
      } finally {
        await sub.close();
      }
    });
  });
});
