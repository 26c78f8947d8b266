import { EventStoreDBClient } from '@eventstore/db-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStoreDBEventStore } from '../../src/store/eventstoredb-event-store';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { openPostgresEventStore } from '../../src/store/postgres-event-store';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import type { EventStore } from '../../src/kernel/event-store';
import { createInMemoryKeyStore } from '../../src/personal/in-memory-key-store';
import type { KeyStore } from '../../src/personal/key-store';
import { withKeyStore } from '../../src/personal/with-key-store';
import { startTestServer, type TestServer } from './eventstoredb-server/server';
import { createTestDatabase, type TestDatabase } from './postgres';

/**
 * Every store the library has, for `describe.each`: in memory, a fresh SQLite file each time one
 * is opened, a fresh schema of one PostgreSQL database for the whole test file (on the run's
 * server, see `postgres.ts`), and EventStoreDB over real gRPC to one test server for the whole
 * test file (each case reads only the streams it wrote), each with the clock given, if any. Call
 * it at the top of a test file: it registers the hooks that start the servers and clean up after.
 *
 * Every store has the same key store beside it (one in memory for the test file, or `keys`), so
 * that names are sealed, and sealed alike, on each: one history recorded on two of them hashes
 * the same. `keys: null` opens them without one.
 */
export const everyStore = (
  options: { readonly now?: () => Date; readonly keys?: KeyStore | null } = {},
): [string, () => Promise<EventStore>][] => {
  const keys = options.keys === undefined ? createInMemoryKeyStore() : options.keys;
  const keyed = <S extends EventStore>(store: S): EventStore =>
    keys === null ? store : withKeyStore(store, keys);
  const clock = options.now === undefined ? {} : { now: options.now };
  let server: TestServer;
  let client: EventStoreDBClient;
  let dir: string;
  let database: TestDatabase;
  let fileNo = 0;
  let schemaNo = 0;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    client = EventStoreDBClient.connectionString(server.connectionString);
    dir = mkdtempSync(join(tmpdir(), 'every-store-'));
    database = await createTestDatabase('every_store');
  });

  afterAll(async () => {
    for (const store of opened) await store.close();
    await client.dispose();
    await server.stop();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  return [
    ['the in-memory store', async () => keyed(createInMemoryEventStore(clock))],
    [
      'the SQLite store',
      async () => {
        const store = openSqliteEventStore(join(dir, `store-${fileNo++}.db`), clock);
        opened.push(store);
        return keyed(store);
      },
    ],
    [
      'the PostgreSQL store',
      async () => {
        const store = await openPostgresEventStore(database.url, {
          ...clock,
          schema: `store_${schemaNo++}`,
        });
        opened.push(store);
        return keyed(store);
      },
    ],
    ['the EventStoreDB store', async () => keyed(createEventStoreDBEventStore(client, clock))],
  ];
};
