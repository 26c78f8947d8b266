import { openPostgresEventStore } from '../../src/store/postgres-event-store';
import { defineEventStoreContract } from '../../src/testing';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

let database: TestDatabase;
let schemas = 0;

beforeAll(async () => {
  database = await createTestDatabase('contract');
});
afterAll(() => database.drop());

// A fresh schema per case: the store starts empty.
defineEventStoreContract(
  'the PostgreSQL store',
  async () => {
    const store = await openPostgresEventStore(database.url, { schema: `case_${++schemas}` });
    return { store, dispose: () => store.close() };
  },
  { test, describe, startsEmpty: true, appendToStreams: true },
);

// Rows fetched one at a time: every read crosses page boundaries.
defineEventStoreContract(
  'the PostgreSQL store reading one row per page',
  async () => {
    const store = await openPostgresEventStore(database.url, {
      schema: `paged_${++schemas}`,
      pageSize: 1,
    });
    return { store, dispose: () => store.close() };
  },
  { test, describe, startsEmpty: true, appendToStreams: true },
);
