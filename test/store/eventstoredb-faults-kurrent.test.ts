import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { v4 as uuidv4 } from 'uuid';
import { BilateralMeeting, type BilateralMeetingCommand } from '../../src/domain/bilateral-meeting';
import { handleCommand } from '../../src/kernel/command-handler';
import type { EventStore, EventToAppend, StoredEvent } from '../../src/kernel/event-store';
import { isStoreError, type StoreErrorKind } from '../../src/kernel/store-errors';
import { createEventStoreDBEventStore } from '../../src/store/eventstoredb-event-store';
import { context } from '../support/context';
import { startTestServerProcess, type ChildServer } from '../support/eventstoredb-server/child';
import { scaled } from '../support/time-scale';

/*
 * The failures of `eventstoredb-faults.test.ts` that `@kurrent/kurrentdb-client` reports its own
 * way (it names gRPC INTERNAL `unavailable`), against the test server in a child process.
 */

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
  const out: StoredEvent[] = [];
  try {
    for await (const event of store.readStream(streamId)) out.push(event);
  } catch (error) {
    if (!isStoreError(error, 'StreamNotFound')) throw error;
  }
  return out;
};

const meeting = (meetingId: string): BilateralMeetingCommand => ({
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
});

describe.each([
  ['with BatchAppend', true],
  ['with Append only', false],
])(
  'the EventStoreDB adapter through @kurrent/kurrentdb-client when the node fails, %s',
  (_, batchAppend) => {
    let server: ChildServer;
    let client: KurrentDBClient;
    let store: EventStore;

    beforeAll(async () => {
      server = await startTestServerProcess({ batchAppend });
      client = KurrentDBClient.connectionString(`kurrentdb://127.0.0.1:${server.port}?tls=false`);
      store = createEventStoreDBEventStore(client);
    }, scaled(20_000));

    afterEach(async () => {
      await server.setFaults({ failAppends: [], appendDelayMs: 0 });
    });

    afterAll(async () => {
      await client.dispose();
      await server.stop();
    });

    it('a batch over the maximum append size (1 MiB) is an InvalidAppendError naming its size and the limit', async () => {
      const streamId = `fault-${uuidv4()}`;
      const data = JSON.stringify({ text: 'x'.repeat(1024 * 1024 - 40) });
      const big = { ...anEvent(0), data };
      const size = data.length + big.metadata.length + big.type.length * 2;
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
      const hurried = KurrentDBClient.connectionString(
        `kurrentdb://127.0.0.1:${server.port}?tls=false&defaultDeadline=${deadline}`,
      );
      try {
        await server.setFaults({ appendDelayMs: deadline * 2 });
        const streamId = `fault-${uuidv4()}`;
        const big = { ...anEvent(0), data: JSON.stringify({ text: 'x'.repeat(1024 * 1024) }) };
        const error = await failure(
          'InvalidAppend',
          createEventStoreDBEventStore(hurried).appendToStream(streamId, [big], {
            expectedRevision: 'any',
          }),
        );
        expect(error.message).toMatch(/in one append \(1048576 bytes\)/);
      } finally {
        await hurried.dispose();
      }
    });

    it.each([['unknown' as const], ['internal' as const]])(
      'an append the node fails with gRPC %s is a StoreFaultError, not retried, and nothing is written',
      async (answer) => {
        const meetingId = `fault-${uuidv4()}`;
        // One failure only: a retry would have gone through.
        await server.setFaults({ failAppends: [answer] });
        const error = await failure(
          'StoreFault',
          handleCommand(store, BilateralMeeting, meeting(meetingId), context()),
        );
        expect(error.message).toMatch(/^store fault: EventStoreDB failed the call/);
        expect(await readOrNothing(store, `BilateralMeeting-${meetingId}`)).toEqual([]);
      },
    );
  },
);
