import * as E from 'fp-ts/Either';
import { Client } from 'pg';
import { v4 as uuidv4 } from 'uuid';
import { BilateralMeeting, type BilateralMeetingCommand } from '../../src/domain/bilateral-meeting';
import { handleCommand } from '../../src/kernel/command-handler';
import type { EventToAppend, StoredEvent } from '../../src/kernel/event-store';
import { isStoreError, type StoreErrorKind } from '../../src/kernel/store-errors';
import {
  openPostgresEventStore,
  type PostgresEventStore,
} from '../../src/store/postgres-event-store';
import { context } from '../support/context';
import {
  hasPostgresBinaries,
  startPostgresCluster,
  type PostgresCluster,
} from '../support/postgres-cluster';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { scaled } from '../support/time-scale';
import { collect } from '../support/collect';

/**
 * Faults on a real server: a connection killed in the middle of an append (the transaction
 * open, the write lock held), and the server stopped and restarted under a live subscription.
 */
jest.setTimeout(scaled(90_000));

const anEvent = (n: number): EventToAppend => ({
  eventId: uuidv4(),
  type: 'FaultChecked',
  data: JSON.stringify({ n }),
  metadata: '{}',
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

const readOrNothing = async (store: PostgresEventStore, streamId: string) => {
  try {
    return await collect(store.readStream(streamId));
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound')) return [];
    throw error;
  }
};

const until = async (what: string, done: () => Promise<boolean> | boolean): Promise<void> => {
  const deadline = Date.now() + scaled(20_000);
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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

describe('a PostgreSQL connection killed mid-append', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    database = await createTestDatabase('faults');
    store = await openPostgresEventStore(database.url, { schema: 'faults' });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  /**
   * Holds the events table so that the next append stops at its insert, with its transaction
   * open and the write lock taken; `kill` then ends that append's connection with
   * `pg_terminate_backend` and lets go of the table.
   */
  const holdTheNextAppend = async (): Promise<{ kill(): Promise<void> }> => {
    const admin = new Client({ connectionString: database.url });
    admin.on('error', () => undefined);
    await admin.connect();
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE faults.events IN SHARE MODE');
    return {
      kill: async () => {
        try {
          let pid: number | undefined;
          // The insert waits for the table as it is parsed, before the server shows its text.
          await until('the append to wait at its insert', async () => {
            const found = await admin.query<{ pid: number }>(
              `SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                  AND wait_event_type = 'Lock' AND wait_event = 'relation'`,
            );
            pid = found.rows[0]?.pid;
            return pid !== undefined;
          });
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        } finally {
          await admin.query('ROLLBACK');
          await admin.end();
        }
      },
    };
  };

  it('is a StoreUnavailableError with nothing written; the command retried appends once, and again nothing', async () => {
    const meetingId = `killed-${uuidv4()}`;
    const streamId = `BilateralMeeting-${meetingId}`;
    const ctx = context();
    const held = await holdTheNextAppend();
    const handling = failure(
      'StoreUnavailable',
      handleCommand(store, BilateralMeeting, meeting(meetingId), ctx),
    );
    await held.kill();
    const error = await handling;
    expect(error.message).toMatch(/appending to BilateralMeeting-killed-/);
    expect(await readOrNothing(store, streamId)).toEqual([]);

    const retried = await handleCommand(store, BilateralMeeting, meeting(meetingId), ctx);
    expect(E.isRight(retried) && retried.right.alreadyHandled).toBe(false);
    expect(await readOrNothing(store, streamId)).toHaveLength(1);
    // The reply lost after the commit: the same command again finds it there.
    const again = await handleCommand(store, BilateralMeeting, meeting(meetingId), ctx);
    expect(E.isRight(again) && again.right.alreadyHandled).toBe(true);
    expect(await readOrNothing(store, streamId)).toHaveLength(1);
  });

  it('leaves the write lock free: the next appends go through', async () => {
    const streamId = `after-kill-${uuidv4()}`;
    const held = await holdTheNextAppend();
    const appending = failure(
      'StoreUnavailable',
      store.appendToStream(streamId, [anEvent(0)], { expectedRevision: 'no_stream' }),
    );
    await held.kill();
    await appending;
    await store.appendToStream(streamId, [anEvent(1)], { expectedRevision: 'no_stream' });
    await store.appendToStream(streamId, [anEvent(2)], { expectedRevision: 0n });
    expect((await readOrNothing(store, streamId)).map((e) => e.revision)).toEqual([0n, 1n]);
  });
});

// A server of its own, to stop and restart: even when POSTGRES_URL names another, this needs
// PostgreSQL's binaries here, and fails (rather than being skipped) without them.
describe('a PostgreSQL server stopped and restarted under a live subscription', () => {
  let cluster: PostgresCluster | undefined;
  beforeAll(() => {
    if (!hasPostgresBinaries())
      throw new Error(
        'restarting a server needs PostgreSQL binaries (initdb, pg_ctl, postgres) on the PATH',
      );
    cluster = startPostgresCluster({ settings: { fsync: 'off' } });
  });
  afterAll(() => cluster?.remove());

  it('reports StoreUnavailableError while down, and the subscription loses nothing and repeats nothing', async () => {
    const options = { schema: 'restarts', pollIntervalMs: 50, reconnect: { delayMs: 20 } };
    if (cluster === undefined) throw new Error('no cluster was started');
    const server = cluster;
    const writer = await openPostgresEventStore(cluster.url, options);
    const reader = await openPostgresEventStore(cluster.url, options);
    const subscription = reader.subscribeToAll();
    const delivered: StoredEvent[] = [];
    const subscribed = (async () => {
      for await (const message of subscription)
        if (message.kind === 'event') delivered.push(message.event);
    })();
    try {
      const committed: string[] = [];
      /** Appends one event to a stream of its own, retrying through outages with the same id. */
      const appendSurely = async (n: number): Promise<void> => {
        const event = anEvent(n);
        for (;;) {
          try {
            await writer.appendToStream(`Restart-${n % 5}`, [event], { expectedRevision: 'any' });
            committed.push(event.eventId);
            return;
          } catch (error) {
            if (!isStoreError(error, 'StoreUnavailable')) throw error;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
      };
      for (let n = 0; n < 10; n++) await appendSurely(n);
      await until('the first events', () => delivered.length >= 10);

      // Down: every call is refused as unavailable.
      server.stop();
      await failure(
        'StoreUnavailable',
        writer.appendToStream('Restart-down', [anEvent(-1)], { expectedRevision: 'any' }),
      );
      await failure('StoreUnavailable', collect(reader.readAll({ maxCount: 1 })));
      server.start();

      // Restarted while a writer keeps appending.
      let n = 10;
      let writing = true;
      const writes = (async () => {
        while (writing) await appendSurely(n++);
      })();
      await until('appends before the restart', () => committed.length >= 20);
      await server.restart();
      await until('appends after the restart', () => committed.length >= 40);
      writing = false;
      await writes;

      await until('every committed event', () => delivered.length >= committed.length);
      const all = await collect(reader.readAll());
      expect(all.map((e) => e.eventId).sort()).toEqual([...committed].sort());
      expect(delivered.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
      expect(
        delivered.every((e, i) => i === 0 || e.position > (delivered[i - 1]?.position ?? 0n)),
      ).toBe(true);
    } finally {
      await subscription.close();
      await subscribed;
      await writer.close();
      await reader.close();
    }
  });
});
