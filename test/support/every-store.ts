import { EventStoreDBClient } from '@eventstore/db-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStoreDBEventStore } from '../../src/store/eventstoredb-event-store';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import type { EventStore } from '../../src/kernel/event-store';
import { startTestServer, type TestServer } from './eventstoredb-server/server';

/**
 * Every store the library has, for `describe.each`: in memory, a fresh SQLite file each time one
 * is opened, and EventStoreDB over real gRPC to one test server for the whole test file (each
 * case reads only the streams it wrote), each with the clock given, if any. Call it at the top of a test file: it registers the
 * hooks that start the server and clean up after.
 */
export const everyStore = (
  options: { readonly now?: () => Date } = {},
): [string, () => EventStore][] => {
  let server: TestServer;
  let client: EventStoreDBClient;
  let dir: string;
  let fileNo = 0;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    client = EventStoreDBClient.connectionString(server.connectionString);
    dir = mkdtempSync(join(tmpdir(), 'every-store-'));
  });

  afterAll(async () => {
    for (const store of opened) await store.close();
    await client.dispose();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  return [
    ['the in-memory store', () => createInMemoryEventStore(options)],
    [
      'the SQLite store',
      () => {
        const store = openSqliteEventStore(join(dir, `store-${fileNo++}.db`), options);
        opened.push(store);
        return store;
      },
    ],
    ['the EventStoreDB store', () => createEventStoreDBEventStore(client, options)],
  ];
};
