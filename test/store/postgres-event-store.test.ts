import { v4 as uuidv4 } from 'uuid';
import { Pool } from 'pg';
import type { EventToAppend } from '../../src/kernel/event-store';
import { isStoreError } from '../../src/kernel/store-errors';
import { openEventStore } from '../../src/store/open-store';
import { openPostgresEventStore } from '../../src/store/postgres-event-store';
import { POSTGRES_SCHEMA_VERSION } from '../../src/store/postgres-options';
import { isStoreReadOnlyError } from '../../src/store/read-only';
import { createTestDatabase, onServer, type TestDatabase } from '../support/postgres';

/**
 * What is particular to the PostgreSQL store: its schema (created, opened again, refused when
 * newer or foreign), exact text kept, the caller's pool, read-only opening, and the refusals
 * that must name the server without its password.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('store');
});
afterAll(() => database.drop());

const STORE_TABLES = ['events', 'ledger_schema', 'streams', 'tree_leaves', 'tree_subtrees'];

const anEvent = (data = '{"n":1}'): EventToAppend => ({
  eventId: uuidv4(),
  type: 'Noted',
  data,
  metadata: '{ "spaced" : true }',
});

const tablesOf = (schema: string): Promise<string[]> =>
  onServer(database.url, async (client) =>
    (
      await client.query<{ tablename: string }>(
        'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
        [schema],
      )
    ).rows.map((r) => r.tablename),
  );

const refusal = async (attempt: Promise<unknown>): Promise<Error> => {
  try {
    await attempt;
  } catch (error) {
    if (!isStoreError(error, 'StoreUnavailable'))
      throw new Error(`expected StoreUnavailable, got ${String(error)}`, { cause: error });
    return error;
  }
  throw new Error('expected a refusal, but it opened');
};

describe('the PostgreSQL schema', () => {
  it('is created with its version, and opening it again changes nothing', async () => {
    const first = await openPostgresEventStore(database.url, { schema: 'opened_twice' });
    const event = anEvent();
    await first.appendToStream('Noted-1', [event], { expectedRevision: 'no_stream' });
    await first.close();
    expect(await tablesOf('opened_twice')).toEqual(STORE_TABLES);
    const before = await onServer(database.url, (c) =>
      c.query('SELECT * FROM opened_twice.ledger_schema'),
    );
    expect(before.rows).toEqual([
      expect.objectContaining({ singleton: 1, version: POSTGRES_SCHEMA_VERSION }),
    ]);

    const again = await openPostgresEventStore(database.url, { schema: 'opened_twice' });
    try {
      const read = [];
      for await (const e of again.readStream('Noted-1')) read.push(e.eventId);
      expect(read).toEqual([event.eventId]);
    } finally {
      await again.close();
    }
    const after = await onServer(database.url, (c) =>
      c.query('SELECT * FROM opened_twice.ledger_schema'),
    );
    expect(after.rows).toEqual(before.rows);
  });

  it('is created once when several processes open it at the same time', async () => {
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => openPostgresEventStore(database.url, { schema: 'raced' })),
    );
    for (const store of stores) await store.close();
    expect(await tablesOf('raced')).toEqual(STORE_TABLES);
  });

  it('of a newer version is refused, naming both versions, and left as it is', async () => {
    await (await openPostgresEventStore(database.url, { schema: 'newer' })).close();
    await onServer(database.url, (c) => c.query('UPDATE newer.ledger_schema SET version = 99'));
    const error = await refusal(openPostgresEventStore(database.url, { schema: 'newer' }));
    expect(error.message).toMatch(
      new RegExp(
        `schema newer has schema version 99, newer than this library reads \\(${POSTGRES_SCHEMA_VERSION}\\); upgrade diplomatic-ledger`,
      ),
    );
    const version = await onServer(database.url, (c) =>
      c.query<{ version: number }>('SELECT version FROM newer.ledger_schema'),
    );
    expect(version.rows[0]?.version).toBe(99);
  });

  it('holding something else is refused, and nothing is added to it', async () => {
    await onServer(database.url, (c) =>
      c.query('CREATE SCHEMA other; CREATE TABLE other.invoices (id int)'),
    );
    const error = await refusal(openPostgresEventStore(database.url, { schema: 'other' }));
    expect(error.message).toMatch(/schema other holds tables of something else \(invoices\)/);
    expect(await tablesOf('other')).toEqual(['invoices']);
  });

  it.each(['', '1st', 'a-b', 'x; DROP TABLE y', 'ä', 'a'.repeat(64)])(
    'named %p is refused before anything is sent',
    async (schema) => {
      const error = await refusal(openPostgresEventStore(database.url, { schema }));
      expect(error.message).toMatch(/cannot name the store's schema/);
    },
  );
});

describe('the PostgreSQL store', () => {
  it('keeps data and metadata as the exact text given, spacing and key order included', async () => {
    const store = await openPostgresEventStore(database.url, { schema: 'exact_text' });
    try {
      const text = '{"b":1,  "a":"é\\u00e9 ✓","n":1.50,"nested":{"z":[1, 2]}}';
      const event = anEvent(text);
      await store.appendToStream('Exact-1', [event], { expectedRevision: 'no_stream' });
      for await (const stored of store.readStream('Exact-1')) {
        expect(stored.data).toBe(text);
        expect(stored.metadata).toBe(event.metadata);
      }
    } finally {
      await store.close();
    }
  });

  it('works on a pool of the caller, and leaves it open', async () => {
    const pool = new Pool({ connectionString: database.url, max: 3 });
    try {
      const store = await openPostgresEventStore(pool, { schema: 'callers_pool' });
      await store.appendToStream('Pool-1', [anEvent()], { expectedRevision: 'no_stream' });
      const sub = store.subscribeToAll();
      const first = await sub[Symbol.asyncIterator]().next();
      expect(first.value).toMatchObject({ kind: 'event' });
      await sub.close();
      await store.close();
      const count = await pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM callers_pool.events',
      );
      expect(count.rows[0]?.n).toBe('1');
    } finally {
      await pool.end();
    }
  });

  it('opened read-only reads, refuses writes, and creates no schema', async () => {
    const writer = await openPostgresEventStore(database.url, { schema: 'read_only' });
    await writer.appendToStream('Read-1', [anEvent()], { expectedRevision: 'no_stream' });
    await writer.close();
    const { store, close } = await openEventStore(`${database.url}&schema=read_only`, {
      readOnly: true,
    });
    try {
      let n = 0;
      for await (const _ of store.readAll()) n++;
      expect(n).toBe(1);
      const refused = await store
        .appendToStream('Read-1', [anEvent()], { expectedRevision: 'any' })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(isStoreReadOnlyError(refused)).toBe(true);
    } finally {
      await close();
    }
    const missing = await refusal(
      openEventStore(`${database.url}&schema=not_there`, { readOnly: true }),
    );
    expect(missing.message).toMatch(/no diplomatic-ledger store in schema not_there/);
    expect(await tablesOf('not_there')).toEqual([]);
  });

  it('that cannot be reached is a StoreUnavailableError naming the server, never the password', async () => {
    const url = 'postgresql://ledger:s3cret-pw@localhost/ledger?host=/nonexistent/socket';
    const error = await refusal(openPostgresEventStore(url));
    expect(error.message).toMatch(/postgresql:\/\/ledger@\/nonexistent\/socket\/ledger/);
    expect(error.message).not.toContain('s3cret-pw');
    const viaSpec = await refusal(openEventStore(url));
    expect(viaSpec.message).not.toContain('s3cret-pw');
  });

  it('refuses every call once closed, as unavailable', async () => {
    const store = await openPostgresEventStore(database.url, { schema: 'closed' });
    await store.close();
    const error = await refusal(
      store.appendToStream('Closed-1', [anEvent()], { expectedRevision: 'any' }),
    );
    expect(error.message).toMatch(/the store is closed/);
  });

  it('reports a statement the server refuses for itself as a StoreFaultError, never retried', async () => {
    const store = await openPostgresEventStore(database.url, { schema: 'faulty' });
    try {
      await store.appendToStream('Faulty-1', [anEvent()], { expectedRevision: 'no_stream' });
      // Someone with rights over the schema takes the events table away: every append now
      // fails the same way, which is no outage to wait out.
      await onServer(database.url, (c) => c.query('ALTER TABLE faulty.events RENAME TO gone'));
      let thrown: unknown;
      try {
        await store.appendToStream('Faulty-1', [anEvent()], { expectedRevision: 0n });
      } catch (error) {
        thrown = error;
      }
      expect(isStoreError(thrown, 'StoreFault')).toBe(true);
      expect((thrown as Error).message).toMatch(/42P01/);
    } finally {
      await store.close();
    }
  });
});
