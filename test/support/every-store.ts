import { EventStoreDBClient } from '@eventstore/db-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStoreDBEventStore } from '../../src/store/eventstoredb-event-store';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { openPostgresEventStore } from '../../src/store/postgres-event-store';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import type { EventStore } from '../../src/kernel/event-store';
import { startTestServer, type TestServer } from './eventstoredb-server/server';
import { createTestDatabase, type TestDatabase } from './postgres';

/**
 * Every store the library has, for `describe.each`: in memory, a fresh SQLite file each time one
 * is opened, a fresh schema of one PostgreSQL database for the whole test file (on the run's
 * server, see `postgres.ts`), and EventStoreDB over real gRPC to one test server for the whole
 * test file (each case reads only the streams it wrote), each with the clock given, if any. Call
 * it at the top of a test file: it registers the hooks that start the servers and clean up after.
 */
export const everyStore = (
  options: { readonly now?: () => Date } = {},
): [string, () => Promise<EventStore>][] => {
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
    ['the in-memory store', async () => createInMemoryEventStore(options)],
    [
      'the SQLite store',
      async () => {
        const store = openSqliteEventStore(join(dir, `store-${fileNo++}.db`), options);
        opened.push(store);
        return store;
      },
    ],
    [
      'the PostgreSQL store',
      async () => {
        const store = await openPostgresEventStore(database.url, {
          ...options,
          schema: `store_${schemaNo++}`,
        });
        opened.push(store);
        return store;
      },
    ],
    ['the EventStoreDB store', async () => createEventStoreDBEventStore(client, options)],
  ];
};
