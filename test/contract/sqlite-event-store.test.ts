import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { defineEventStoreContract } from '../../src/testing';

const directory = mkdtempSync(join(tmpdir(), 'ledger-sqlite-contract-'));
let files = 0;

afterAll(() => rmSync(directory, { recursive: true, force: true }));

// A fresh file per test: the store starts empty.
defineEventStoreContract(
  'the SQLite store',
  () => {
    const store = openSqliteEventStore(join(directory, `store-${++files}.db`));
    return { store, dispose: () => store.close() };
  },
  { test, describe, startsEmpty: true, appendToStreams: true },
);

// Rows fetched one at a time: every read crosses page boundaries.
defineEventStoreContract(
  'the SQLite store reading one row per page',
  () => {
    const store = openSqliteEventStore(join(directory, `store-${++files}.db`), { pageSize: 1 });
    return { store, dispose: () => store.close() };
  },
  { test, describe, startsEmpty: true, appendToStreams: true },
);
