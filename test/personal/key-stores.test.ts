import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInMemoryKeyStore } from '../../src/personal/in-memory-key-store';
import { openSqliteKeyStore, type SqliteKeyStore } from '../../src/personal/sqlite-key-store';
import { scaled } from '../support/time-scale';
import { keyStoreContract } from './key-store-contract';

jest.setTimeout(scaled(10_000));

const directory = mkdtempSync(join(tmpdir(), 'ledger-key-stores-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;

keyStoreContract({ name: 'in memory', open: async () => createInMemoryKeyStore() });

keyStoreContract({
  name: 'embedded (SQLite)',
  open: async () => openSqliteKeyStore(join(directory, `keys-${++files}.db`)),
  reopen: async (store) => {
    const { path } = store as SqliteKeyStore;
    await store.close();
    return openSqliteKeyStore(path);
  },
});
