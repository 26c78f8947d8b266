import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { v4 as uuidv4 } from 'uuid';
import type {
  EventStore,
  EventToAppend,
  StoredEvent,
  SubscriptionMessage,
} from '../../src/kernel/event-store';
import { createEventStoreDBEventStore } from '../../src/store/eventstoredb-event-store';
import { startTestServerProcess, type ChildServer } from '../support/eventstoredb-server/child';
import { startTcpProxy, type TcpProxy } from '../support/eventstoredb-server/proxy';
import { scaled } from '../support/time-scale';

/*
 * The resumption of `eventstoredb-checkpoints.test.ts` through `@kurrent/kurrentdb-client`, whose
 * subscriptions buffer and checkpoint in their own way, against the test server in a child process.
 */

const anEvent = (n: number): EventToAppend => ({
  eventId: uuidv4(),
  type: 'CheckpointChecked',
  data: JSON.stringify({ n }),
  metadata: '{}',
});

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

describe('checkpoints through @kurrent/kurrentdb-client', () => {
  let server: ChildServer;
  let proxy: TcpProxy;
  let client: KurrentDBClient;
  let proxied: KurrentDBClient;
  let store: EventStore;
  let viaProxy: EventStore;

  beforeAll(async () => {
    server = await startTestServerProcess();
    proxy = await startTcpProxy(server.port);
    client = KurrentDBClient.connectionString(`kurrentdb://127.0.0.1:${server.port}?tls=false`);
    proxied = KurrentDBClient.connectionString(`kurrentdb://127.0.0.1:${proxy.port}?tls=false`);
    store = createEventStoreDBEventStore(client);
    viaProxy = createEventStoreDBEventStore(proxied, { resubscribe: { delayMs: 20 } });
  }, scaled(20_000));

  afterAll(async () => {
    await proxied.dispose();
    await client.dispose();
    await proxy.stop();
    await server.stop();
  });

  it('a subscription cut mid-run of events the filter takes resumes losing and repeating nothing', async () => {
    const streamId = `checkpoints-${uuidv4()}`;
    const run = Array.from({ length: 150 }, (_x, n) => anEvent(n));
    await store.appendToStream(streamId, run, { expectedRevision: 'no_stream' });
    const sub = viaProxy.subscribeToAll();
    try {
      const messages = sub[Symbol.asyncIterator]();
      const early = await takeEvents(messages, streamId, 50);
      proxy.dropConnections();
      const more = [anEvent(150), anEvent(151)];
      await store.appendToStream(streamId, more, { expectedRevision: 149n });
      const late = await takeEvents(messages, streamId, 102);
      expect([...early, ...late].map((e) => e.eventId)).toEqual(
        [...run, ...more].map((e) => e.eventId),
      );
    } finally {
      await sub.close();
    }
  });
});
