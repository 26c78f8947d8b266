import { v4 as uuidv4 } from 'uuid';
import { openEventStore, specWithoutPassword, type OpenedStore } from '../../src/store/open-store';
import { isStoreReadOnlyError } from '../../src/store/read-only';
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

  it('opens EventStoreDB read-only: reads as usual, writes refused before they reach the server', async () => {
    const writable = await openEventStore(server.connectionString);
    const readOnly = await openEventStore(server.connectionString, { readOnly: true });
    try {
      const [eventId] = await roundTrip(writable);
      const ids: string[] = [];
      for await (const event of readOnly.store.readAll()) ids.push(event.eventId);
      expect(ids).toContain(eventId);
      const streamId = `open-${uuidv4()}`;
      const append = readOnly.store.appendToStream(
        streamId,
        [{ eventId: uuidv4(), type: 'Opened', data: '{}', metadata: '{}' }],
        { expectedRevision: 'any' },
      );
      await expect(append.catch((e: unknown) => isStoreReadOnlyError(e))).resolves.toBe(true);
      await expect(readOnly.store.deleteStream(streamId, { mode: 'soft' })).rejects.toThrow(
        /is open read-only: deleting/,
      );
      const read = async (): Promise<unknown[]> => {
        const events: unknown[] = [];
        for await (const event of writable.store.readStream(streamId)) events.push(event);
        return events;
      };
      await expect(read()).rejects.toThrow(/not found/);
    } finally {
      await readOnly.close();
      await writable.close();
    }
  });

  it('names no credentials when a read-only EventStoreDB store refuses a write', async () => {
    const withUser = server.connectionString.replace('esdb://', 'esdb://admin:changeit@');
    const { store, close } = await openEventStore(withUser, { readOnly: true });
    try {
      await expect(
        store.appendToStream(
          'open-x',
          [{ eventId: uuidv4(), type: 'Opened', data: '{}', metadata: '{}' }],
          { expectedRevision: 'any' },
        ),
      ).rejects.toThrow(/^store unavailable: esdb:\/\/[^@]*is open read-only/);
    } finally {
      await close();
    }
  });

  it.each(['mysql://localhost/ledger', 'esdb:/missing-slash', 'mem', ''])(
    'refuses %p, naming what it accepts',
    async (spec) => {
      await expect(openEventStore(spec)).rejects.toThrow(
        /unknown store ".*": use "memory", .*an EventStoreDB connection string/,
      );
    },
  );
});

describe('specWithoutPassword', () => {
  it.each([
    ['postgres://ledger:pw@db.example:5432/records', 'postgres://ledger@db.example:5432/records'],
    [
      'postgresql://ledger@db.example/records?schema=x',
      'postgresql://ledger@db.example/records?schema=x',
    ],
    [
      'postgres://db.example/records?user=a&password=pw&x=1',
      'postgres://db.example/records?user=a&password=***&x=1',
    ],
    ['esdb://admin:changeit@localhost:2113?tls=false', 'esdb://admin@localhost:2113?tls=false'],
    ['sqlite:ledger.db', 'sqlite:ledger.db'],
    ['memory', 'memory'],
  ])('shows %p as %p', (spec, shown) => {
    expect(specWithoutPassword(spec)).toBe(shown);
  });
});
