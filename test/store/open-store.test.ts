import { v4 as uuidv4 } from 'uuid';
import { openEventStore, type OpenedStore } from '../../src/store/open-store';
import { startTestServer, type TestServer } from '../support/eventstoredb-server/server';

const roundTrip = async ({ store }: OpenedStore): Promise<string[]> => {
  const streamId = `open-${uuidv4()}`;
  const eventId = uuidv4();
  await store.appendToStream(
    streamId,
    [{ eventId, type: 'Opened', data: '{"ok":true}', metadata: '{}' }],
    { expectedRevision: 'no_stream' },
  );
  const ids: string[] = [];
  for await (const event of store.readStream(streamId)) ids.push(event.eventId);
  expect(ids).toEqual([eventId]);
  return ids;
};

describe('openEventStore', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('opens a new in-memory store for "memory"', async () => {
    const opened = await openEventStore('memory');
    try {
      await roundTrip(opened);
    } finally {
      await opened.close();
    }
  });

  it('opens EventStoreDB for an esdb:// connection string', async () => {
    const opened = await openEventStore(server.connectionString);
    try {
      await roundTrip(opened);
    } finally {
      await opened.close();
    }
  });

  it.each(['postgres://localhost/ledger', 'esdb:/missing-slash', 'mem', ''])(
    'refuses %p, naming what it accepts',
    async (spec) => {
      await expect(openEventStore(spec)).rejects.toThrow(
        /unknown store ".*": use "memory", .*an EventStoreDB connection string/,
      );
    },
  );
});
