import { EventStoreDBClient, NO_STREAM } from '@eventstore/db-client';
import * as E from 'fp-ts/Either';
import { v4 as uuidv4 } from 'uuid';
import { BilateralMeeting, type BilateralMeetingCommand } from '../../src/domain/bilateral-meeting';
import { handleCommand } from '../../src/kernel/command-handler';
import type {
  EventStore,
  EventToAppend,
  StoredEvent,
  SubscriptionMessage,
} from '../../src/kernel/event-store';
import { isStoreError, type StoreErrorKind } from '../../src/kernel/store-errors';
import { createEventStoreDBEventStore } from '../../src/store/eventstoredb-event-store';
import { context } from '../support/context';
import { startTcpProxy, type TcpProxy } from '../support/eventstoredb-server/proxy';
import { startTestServer, type TestServer } from '../support/eventstoredb-server/server';
import { scaled } from '../support/time-scale';
import { collect } from '../support/collect';

const anEvent = (n: number): EventToAppend => ({
  eventId: uuidv4(),
  type: 'FaultChecked',
  data: JSON.stringify({ n }),
  metadata: JSON.stringify({ by: 'faults' }),
});

const failure = async (kind: StoreErrorKind, attempt: Promise<unknown>): Promise<Error> => {
  try {
    await attempt;
  } catch (error) {
    if (!isStoreError(error, kind))
      throw new Error(`expected a ${kind} error, got ${String(error)}`, { cause: error });
    return error;
  }
  throw new Error(`expected a ${kind} error, but the call succeeded`);
};

const readOrNothing = async (store: EventStore, streamId: string): Promise<StoredEvent[]> => {
  try {
    return await collect(store.readStream(streamId));
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound')) return [];
    throw error;
  }
};

const within = async <T>(pending: Promise<T>, what: string, ms = 5000): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      pending,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

/** Takes messages until `count` events of `streamId` have come. */
const takeEvents = async (
  messages: AsyncIterator<SubscriptionMessage>,
  streamId: string,
  count: number,
): Promise<StoredEvent[]> => {
  const taken: StoredEvent[] = [];
  while (taken.length < count) {
    const next = await within(messages.next(), `${count} events of ${streamId}`);
    if (next.done === true) throw new Error('the subscription ended');
    if (next.value.kind === 'event' && next.value.event.streamId === streamId)
      taken.push(next.value.event);
  }
  return taken;
};

describe.each([
  ['with BatchAppend', true],
  ['with Append only', false],
])('the EventStoreDB adapter when the node fails, %s', (_, batchAppend) => {
  let server: TestServer;
  let proxy: TcpProxy;
  let direct: EventStoreDBClient;
  let proxied: EventStoreDBClient;
  let viaProxy: EventStore;
  let store: EventStore;

  beforeAll(async () => {
    server = await startTestServer({ batchAppend });
    proxy = await startTcpProxy(server.port);
    direct = EventStoreDBClient.connectionString(server.connectionString);
    proxied = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${proxy.port}?tls=false`);
    store = createEventStoreDBEventStore(direct);
    viaProxy = createEventStoreDBEventStore(proxied, { resubscribe: { delayMs: 20 } });
  });

  afterEach(() => {
    server.faults.refuseAppends = 0;
    server.faults.loseAppendReplies = 0;
    server.faults.appendDelayMs = 0;
    server.faults.afterNextAppendWritten = undefined;
    server.faults.failAppends = [];
  });

  afterAll(async () => {
    await proxied.dispose();
    await direct.dispose();
    await proxy.stop();
    await server.stop();
  });

  it('an append answered UNAVAILABLE is a StoreUnavailableError, and nothing is written', async () => {
    const streamId = `fault-${uuidv4()}`;
    server.faults.refuseAppends = 1;
    const error = await failure(
      'StoreUnavailable',
      store.appendToStream(streamId, [anEvent(0)], { expectedRevision: 'no_stream' }),
    );
    expect(error.message).toMatch(/store unavailable: EventStoreDB did not answer \(unavailable\)/);
    expect(await readOrNothing(store, streamId)).toEqual([]);
  });

  it('a connection cut mid-append is a StoreUnavailableError; the command retried appends nothing twice', async () => {
    const meetingId = `fault-${uuidv4()}`;
    const command: BilateralMeetingCommand = {
      type: 'RecordBilateralMeeting',
      meetingId,
      parties: ['PK', 'BH'],
      hostParty: 'PK',
      venue: 'Ministry of Interior, Islamabad',
      occurredOn: '2025-09-10',
      delegations: [
        { party: 'PK', head: { title: 'Federal Minister for Interior', party: 'PK' } },
        { party: 'BH', head: { title: 'Minister of Interior', party: 'BH' } },
      ],
    };
    const ctx = context();
    // The node writes the events, then the connection goes before the reply arrives.
    server.faults.afterNextAppendWritten = () => proxy.dropConnections();
    await failure('StoreUnavailable', handleCommand(viaProxy, BilateralMeeting, command, ctx));
    const streamId = `BilateralMeeting-${meetingId}`;
    expect(await readOrNothing(store, streamId)).toHaveLength(1);

    const retried = await handleCommand(viaProxy, BilateralMeeting, command, ctx);
    expect(E.isRight(retried) && retried.right.alreadyHandled).toBe(true);
    expect(await readOrNothing(store, streamId)).toHaveLength(1);
  });

  it('an append whose deadline passes inside the node is a StoreUnavailableError, and nothing is written', async () => {
    const hurried = EventStoreDBClient.connectionString(
      `${server.connectionString}&defaultDeadline=100`,
    );
    try {
      const streamId = `fault-${uuidv4()}`;
      server.faults.appendDelayMs = 250;
      await failure(
        'StoreUnavailable',
        createEventStoreDBEventStore(hurried).appendToStream(streamId, [anEvent(0)], {
          expectedRevision: 'any',
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await readOrNothing(store, streamId)).toEqual([]);
    } finally {
      await hurried.dispose();
    }
  });

  it('a batch over the maximum append size (1 MiB) is an InvalidAppendError naming its size and the limit', async () => {
    const streamId = `fault-${uuidv4()}`;
    // Under the limit in data alone; the type and the metadata take it over, as the server counts.
    const data = JSON.stringify({ text: 'x'.repeat(1024 * 1024 - 40) });
    const big = { ...anEvent(0), data };
    const size = data.length + big.metadata.length + big.type.length * 2;
    expect(size).toBeGreaterThan(1024 * 1024);
    const error = await failure(
      'InvalidAppend',
      store.appendToStream(streamId, [big], { expectedRevision: 'any' }),
    );
    expect(error.message).toContain(
      `the batch (${size} bytes) is larger than the store accepts in one append (1048576 bytes)`,
    );
    expect(await readOrNothing(store, streamId)).toEqual([]);
  });

  it('a batch over the limit is refused for its size, never as a deadline, however slow the node is to write', async () => {
    const deadline = scaled(2000);
    const hurried = EventStoreDBClient.connectionString(
      `${server.connectionString}&defaultDeadline=${deadline}`,
    );
    try {
      const streamId = `fault-${uuidv4()}`;
      // The node would take longer to write than the deadline allows; it counts the size first.
      server.faults.appendDelayMs = deadline * 2;
      const big = { ...anEvent(0), data: JSON.stringify({ text: 'x'.repeat(1024 * 1024) }) };
      const error = await failure(
        'InvalidAppend',
        createEventStoreDBEventStore(hurried).appendToStream(streamId, [big], {
          expectedRevision: 'any',
        }),
      );
      expect(error.message).toMatch(/in one append \(1048576 bytes\)/);
      expect(await readOrNothing(store, streamId)).toEqual([]);
    } finally {
      await hurried.dispose();
    }
  });

  it.each([['unknown' as const], ['internal' as const]])(
    'an append the node fails with gRPC %s is a StoreFaultError, not retried, and nothing is written',
    async (failure_) => {
      const meetingId = `fault-${uuidv4()}`;
      const command: BilateralMeetingCommand = {
        type: 'RecordBilateralMeeting',
        meetingId,
        parties: ['PK', 'BH'],
        hostParty: 'PK',
        venue: 'Ministry of Interior, Islamabad',
        occurredOn: '2025-09-10',
        delegations: [
          { party: 'PK', head: { title: 'Federal Minister for Interior', party: 'PK' } },
          { party: 'BH', head: { title: 'Minister of Interior', party: 'BH' } },
        ],
      };
      // One failure only: a retry would have gone through.
      server.faults.failAppends = [failure_];
      const error = await failure(
        'StoreFault',
        handleCommand(store, BilateralMeeting, command, context()),
      );
      expect(error.message).toMatch(/^store fault: EventStoreDB failed the call/);
      expect(isStoreError(error, 'StoreUnavailable')).toBe(false);
      expect(server.faults.failAppends).toEqual([]);
      expect(await readOrNothing(store, `BilateralMeeting-${meetingId}`)).toEqual([]);
    },
  );

  it.each([
    ['the connection is cut', () => proxy.dropConnections()],
    ['the node ends it with UNAVAILABLE', () => server.breakSubscriptions()],
  ])('a subscription resumes after %s, losing and repeating nothing', async (__, breakIt) => {
    const streamId = `fault-sub-${uuidv4()}`;
    const before = [anEvent(0), anEvent(1)];
    await store.appendToStream(streamId, before, { expectedRevision: 'no_stream' });
    const [first] = await collect(store.readStream(streamId, { maxCount: 1 }));
    const sub = viaProxy.subscribeToAll({ afterPosition: (first?.position ?? 0n) - 1n });
    try {
      const messages = sub[Symbol.asyncIterator]();
      const early = await takeEvents(messages, streamId, 2);
      breakIt();
      const after = [anEvent(2), anEvent(3), anEvent(4)];
      await store.appendToStream(streamId, after.slice(0, 1), { expectedRevision: 1n });
      await store.appendToStream(streamId, after.slice(1), { expectedRevision: 2n });
      const late = await takeEvents(messages, streamId, 3);
      expect([...early, ...late].map((e) => e.eventId)).toEqual(
        [...before, ...after].map((e) => e.eventId),
      );
      expect(late.map((e) => e.revision)).toEqual([2n, 3n, 4n]);
    } finally {
      await sub.close();
    }
  });
});

describe('the EventStoreDB test server as EventStoreDB behaves', () => {
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

  it.each([['no_stream' as const], ['any' as const]])(
    'deleting a stream that has only metadata, expecting %s, succeeds (it exists implicitly)',
    async (expectedRevision) => {
      const streamId = `metadata-only-${uuidv4()}`;
      server.setStreamMetadata(streamId, { $cacheControl: 10 });
      await store.deleteStream(streamId, { mode: 'soft', expectedRevision });
      expect(await readOrNothing(store, streamId)).toEqual([]);
      const result = await store.appendToStream(streamId, [anEvent(0)], {
        expectedRevision: 'no_stream',
      });
      expect(result.nextExpectedRevision).toBe(0n);
      expect((await readOrNothing(store, streamId)).map((e) => e.revision)).toEqual([0n]);
    },
  );

  it("answers the official client's own test: deleteStream › succeeds if stream implicitly exists", async () => {
    const streamId = `i_exist_implicitly-${uuidv4()}`;
    await client.setStreamMetadata(streamId, { cacheControl: 10 });
    const result = await client.deleteStream(streamId, { expectedRevision: NO_STREAM });
    expect(result).toBeDefined();
  });

  it('deleting a stream that has only metadata at a revision is a conflict with actual no_stream', async () => {
    const streamId = `metadata-only-${uuidv4()}`;
    server.setStreamMetadata(streamId, { $cacheControl: 10 });
    const error = await failure(
      'ConcurrencyConflict',
      store.deleteStream(streamId, { mode: 'soft', expectedRevision: 0n }),
    );
    expect(isStoreError(error, 'ConcurrencyConflict') && error.actual).toBe('no_stream');
  });

  it('deleting a stream never written, not even its metadata, is a conflict with actual no_stream', async () => {
    const error = await failure(
      'ConcurrencyConflict',
      store.deleteStream(`never-${uuidv4()}`, { mode: 'soft', expectedRevision: 'no_stream' }),
    );
    expect(isStoreError(error, 'ConcurrencyConflict') && error.actual).toBe('no_stream');
  });

  it('system events in $all are skipped by readAll and by subscriptions', async () => {
    server.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-cpu': 1 });
    const streamId = `system-${uuidv4()}`;
    await store.appendToStream(streamId, [anEvent(0)], { expectedRevision: 'no_stream' });
    server.writeSystemEvent(`$$${streamId}`, '$metadata', { $maxAge: 60 });
    const all = await collect(store.readAll());
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((e) => e.type.startsWith('$') || e.streamId.startsWith('$'))).toEqual([]);
    let raw = 0;
    for await (const resolved of client.readAll()) if (resolved.event?.type.startsWith('$')) raw++;
    expect(raw).toBeGreaterThanOrEqual(3);

    const sub = store.subscribeToAll();
    try {
      const messages: SubscriptionMessage[] = [];
      const iterator = sub[Symbol.asyncIterator]();
      for (;;) {
        const next = await within(iterator.next(), 'caughtUp');
        if (next.done === true) throw new Error('the subscription ended');
        messages.push(next.value);
        if (next.value.kind === 'caughtUp') break;
      }
      const events = messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
      expect(events.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
    } finally {
      await sub.close();
    }
  });
});
