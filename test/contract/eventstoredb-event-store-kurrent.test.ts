import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { createEventStoreDBEventStore } from '../../src/store/eventstoredb-event-store';
import { startTestServerProcess, type ChildServer } from '../support/eventstoredb-server/child';
import { defineEventStoreContract } from '../../src/testing';
import { scaled } from '../support/time-scale';

/*
 * The adapter through `@kurrent/kurrentdb-client` (whose reads go through its native
 * `@kurrent/bridge`) over real gRPC. The test server runs in a child process: this client's
 * generated protocol classes share global names with `@eventstore/db-client`'s.
 */
describe.each([
  ['with BatchAppend', true],
  ['with Append only', false],
])('EventStoreDB adapter, @kurrent/kurrentdb-client, %s', (_, batchAppend) => {
  let server: ChildServer;
  // One client for the suite: the native bridge takes a while to open each connection.
  let client: KurrentDBClient;

  beforeAll(async () => {
    server = await startTestServerProcess({ batchAppend });
    client = KurrentDBClient.connectionString(`kurrentdb://127.0.0.1:${server.port}?tls=false`);
  }, scaled(20_000));

  afterAll(async () => {
    await client.dispose();
    await server.stop();
  });

  defineEventStoreContract(
    'the EventStoreDB adapter',
    () => ({ store: createEventStoreDBEventStore(client), dispose: async () => undefined }),
    { test, describe, startsEmpty: false },
  );
});
