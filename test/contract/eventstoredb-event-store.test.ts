import { EventStoreDBClient } from '@eventstore/db-client';
import { createEventStoreDBEventStore } from '../../src/store/eventstoredb-event-store';
import { startTestServer, type TestServer } from '../support/eventstoredb-server/server';
import { defineEventStoreContract } from '../../src/testing';

/*
 * The adapter through the real `@eventstore/db-client` over real gRPC, against the
 * EventStoreDB-protocol test server, once with BatchAppend advertised (the client appends through
 * it) and once without (the client falls back to Append). `@kurrent/kurrentdb-client` runs the
 * same suite in `eventstoredb-event-store-kurrent.test.ts`.
 */
describe.each([
  ['with BatchAppend', true],
  ['with Append only', false],
])('EventStoreDB adapter, @eventstore/db-client, %s', (_, batchAppend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ batchAppend });
  });

  afterAll(async () => {
    await server.stop();
  });

  defineEventStoreContract(
    'the EventStoreDB adapter',
    () => {
      const client = EventStoreDBClient.connectionString(server.connectionString);
      return { store: createEventStoreDBEventStore(client), dispose: () => client.dispose() };
    },
    // One server for the whole suite: it holds the events of earlier tests and system events.
    { test, describe, startsEmpty: false },
  );
});

// Against a real server only when one is named. Not declared otherwise, so nothing reports a
// pass for a server that was never there.
const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];
if (connectionString !== undefined && connectionString !== '') {
  defineEventStoreContract(
    `the EventStoreDB adapter against ${connectionString}`,
    () => {
      const client = EventStoreDBClient.connectionString(connectionString);
      return { store: createEventStoreDBEventStore(client), dispose: () => client.dispose() };
    },
    { test, describe, startsEmpty: false, subscriptionTimeoutMs: 5000 },
  );
}
