import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { v4 as uuidv4 } from 'uuid';
import type { EventToAppend, StoredEvent } from '../../src/kernel/event-store';
import { isStoreError } from '../../src/kernel/store-errors';
import { openEventStore } from '../../src/store/open-store';
import { isStoreMissingError, isStoreReadOnlyError } from '../../src/store/read-only';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { SQLITE_SCHEMA_VERSION } from '../../src/store/sqlite-options';
import { unprivileged } from '../support/cli';
import { createV1File } from '../support/sqlite-schema-v1';
import { scaled } from '../support/time-scale';
import { collect } from '../support/collect';

jest.setTimeout(scaled(30_000));

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ledger-sqlite-read-only-'));
});
afterEach(() => {
  chmodSync(directory, 0o755);
  rmSync(directory, { recursive: true, force: true });
});

const anEvent = (n: number): EventToAppend => ({
  eventId: uuidv4(),
  type: 'Noted',
  data: JSON.stringify({ n }),
  metadata: '{}',
});

const sha256 = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex');

/** A store file written by the normal store: two streams, three events, then closed. */
const writtenFile = async (
  name = 'ledger.db',
): Promise<{ file: string; events: StoredEvent[] }> => {
  const file = join(directory, name);
  const store = openSqliteEventStore(file);
  await store.appendToStream('Noted-a', [anEvent(1), anEvent(2)], {
    expectedRevision: 'no_stream',
  });
  await store.appendToStream('Noted-b', [anEvent(3)], { expectedRevision: 'no_stream' });
  const events = await collect(store.readAll());
  await store.close();
  return { file, events };
};

/** What opening `file` read-only is refused with; fails if it opens. */
const refusal = (file: string): Error => {
  try {
    openSqliteEventStore(file, { readOnly: true });
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error(`${file} opened`);
};

describe('a SQLite store opened read-only', () => {
  it('reads what the normal store wrote, by stream and in global order', async () => {
    const { file, events } = await writtenFile();
    const store = openSqliteEventStore(file, { readOnly: true });
    try {
      expect(await collect(store.readAll())).toEqual(events);
      expect((await collect(store.readStream('Noted-a'))).map((e) => e.revision)).toEqual([0n, 1n]);
      await expect(collect(store.readStream('Noted-none'))).rejects.toThrow(/not found/);
    } finally {
      await store.close();
    }
  });

  it('refuses appends and deletes with StoreReadOnlyError, leaving the file byte for byte', async () => {
    const { file, events } = await writtenFile();
    const before = sha256(file);
    const store = openSqliteEventStore(file, { readOnly: true });
    const append = store.appendToStream('Noted-a', [anEvent(4)], { expectedRevision: 1n });
    await expect(append).rejects.toThrow(/is open read-only: appending to Noted-a is refused/);
    await expect(append.catch((e: unknown) => isStoreReadOnlyError(e))).resolves.toBe(true);
    const deletion = store.deleteStream('Noted-b', { mode: 'tombstone' });
    await expect(deletion.catch((e: unknown) => isStoreReadOnlyError(e))).resolves.toBe(true);
    await expect(
      store
        .deleteStream('Noted-a', { mode: 'soft' })
        .catch((e: unknown) => isStoreError(e, 'StoreUnavailable')),
    ).resolves.toBe(true);
    await store.close();
    expect(sha256(file)).toBe(before);
    const again = openSqliteEventStore(file);
    expect(await collect(again.readAll())).toEqual(events);
    await again.close();
  });

  it('takes no write lock: it opens while another connection holds one', async () => {
    const { file } = await writtenFile();
    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE');
    try {
      // Opening for writing waits for the lock, and with no wait fails.
      expect(() => openSqliteEventStore(file, { busyTimeoutMs: 0 })).toThrow(/SQLITE_BUSY/);
      const store = openSqliteEventStore(file, { readOnly: true, busyTimeoutMs: 0 });
      expect(await collect(store.readAll())).toHaveLength(3);
      await store.close();
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('sees events another connection appends, in a subscription as in reads', async () => {
    const { file } = await writtenFile();
    const reader = openSqliteEventStore(file, { readOnly: true, pollIntervalMs: 5 });
    const writer = openSqliteEventStore(file);
    const subscription = reader.subscribeToAll();
    const messages = subscription[Symbol.asyncIterator]();
    try {
      const kinds: string[] = [];
      for (;;) {
        const next = await messages.next();
        if (next.done === true) break;
        kinds.push(next.value.kind);
        if (next.value.kind === 'caughtUp')
          await writer.appendToStream('Noted-c', [anEvent(5)], { expectedRevision: 'no_stream' });
        if (next.value.kind === 'event' && next.value.event.streamId === 'Noted-c') break;
      }
      expect(kinds).toEqual(['event', 'event', 'event', 'caughtUp', 'event']);
      expect(await collect(reader.readStream('Noted-c'))).toHaveLength(1);
    } finally {
      await subscription.close();
      await reader.close();
      await writer.close();
    }
  });

  it('reads a file mode 0444, and one in a folder mode 0555, as a user the modes bind', async () => {
    // Root writes whatever the mode, so there the reader runs as nobody.
    const loader = pathToFileURL(join(__dirname, '../../node_modules/tsx/dist/loader.mjs')).href;
    const reader = join(__dirname, '../support/sqlite-read-only-reader.ts');
    const read = (file: string): Record<string, unknown> => {
      const run = spawnSync(process.execPath, ['--import', loader, reader, file], {
        encoding: 'utf8',
        timeout: 30_000,
        ...unprivileged(),
      });
      return JSON.parse(run.stdout) as Record<string, unknown>;
    };
    chmodSync(directory, 0o777);
    const { file, events } = await writtenFile();
    const before = sha256(file);
    chmodSync(file, 0o444);
    const expected = {
      uid: unprivileged().uid ?? process.getuid?.(),
      eventIds: events.map((e) => e.eventId),
      append: 'readOnly',
      deletion: 'readOnly',
    };
    expect(read(file)).toMatchObject(expected);
    expect(sha256(file)).toBe(before);

    const folder = join(directory, 'sealed');
    mkdirSync(folder);
    const { file: sealed, events: sealedEvents } = await writtenFile(join('sealed', 'ledger.db'));
    const sealedBefore = sha256(sealed);
    chmodSync(sealed, 0o444);
    chmodSync(folder, 0o555);
    expect(read(sealed)).toMatchObject({
      ...expected,
      eventIds: sealedEvents.map((e) => e.eventId),
    });
    expect(sha256(sealed)).toBe(sealedBefore);
    expect(readdirSync(folder)).toEqual(['ledger.db']);
    chmodSync(folder, 0o755);
  });

  it('refuses a missing path without creating it, and a directory', () => {
    const missing = join(directory, 'ledgr.db');
    const error = refusal(missing);
    expect(isStoreMissingError(error)).toBe(true);
    expect(error).toMatchObject({ found: 'nothing' });
    expect(error.message).toMatch(/no store at .*ledgr\.db: no such file/);
    expect(existsSync(missing)).toBe(false);
    expect(isStoreMissingError(refusal(join(directory, 'no', 'such', 'dir.db')))).toBe(true);
    expect(existsSync(join(directory, 'no'))).toBe(false);

    mkdirSync(join(directory, 'folder.db'));
    expect(refusal(join(directory, 'folder.db'))).toMatchObject({ found: 'a directory' });
    expect(readdirSync(join(directory, 'folder.db'))).toEqual([]);
  });

  it('refuses an empty file, a database of something else and a file that is not one', () => {
    writeFileSync(join(directory, 'zero.db'), '');
    expect(refusal(join(directory, 'zero.db'))).toMatchObject({ found: 'an empty database' });
    expect(readFileSync(join(directory, 'zero.db'))).toHaveLength(0);

    const other = new Database(join(directory, 'other.db'));
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    const error = refusal(join(directory, 'other.db'));
    expect(isStoreMissingError(error)).toBe(false);
    expect(error.message).toMatch(/a SQLite database of something else .*tables notes/);

    writeFileSync(join(directory, 'text.db'), 'this is not a database');
    expect(refusal(join(directory, 'text.db')).message).toMatch(/is not a SQLite database/);
  });

  it('reads a version-1 file as it is, without migrating it', async () => {
    const file = join(directory, 'v1.db');
    const v1 = createV1File(file);
    const written = [anEvent(1), anEvent(2)];
    v1.append('Noted-old', written, new Date('2025-01-01T00:00:00Z'));
    v1.close();
    const before = sha256(file);
    const store = openSqliteEventStore(file, { readOnly: true });
    const read = await collect(store.readStream('Noted-old'));
    await store.close();
    expect(read.map((e) => e.eventId)).toEqual(written.map((e) => e.eventId));
    expect(sha256(file)).toBe(before);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT version FROM ledger_schema').pluck().get()).toBe(1);
    db.close();
  });

  it.each([
    [0, /schema version 0, which this library reads only once it is migrated/],
    [
      SQLITE_SCHEMA_VERSION + 1,
      new RegExp(`schema version ${SQLITE_SCHEMA_VERSION + 1}, newer than this library reads`),
    ],
  ])('refuses schema version %i, naming it', async (version, message) => {
    const { file } = await writtenFile();
    const db = new Database(file);
    db.prepare('UPDATE ledger_schema SET version = ?').run(version);
    db.close();
    const before = sha256(file);
    expect(refusal(file).message).toMatch(message);
    expect(sha256(file)).toBe(before);
  });
});

describe('openEventStore with readOnly', () => {
  it('opens an existing sqlite: file read-only and refuses a missing one', async () => {
    const { file } = await writtenFile();
    const opened = await openEventStore(`sqlite:${file}`, { readOnly: true });
    try {
      expect(await collect(opened.store.readAll())).toHaveLength(3);
      await expect(
        opened.store
          .appendToStream('Noted-a', [anEvent(9)], { expectedRevision: 'any' })
          .catch((e: unknown) => isStoreReadOnlyError(e)),
      ).resolves.toBe(true);
    } finally {
      await opened.close();
    }
    await expect(
      openEventStore(`sqlite:${join(directory, 'x.db')}`, { readOnly: true }),
    ).rejects.toThrow(/no store at/);
    expect(existsSync(join(directory, 'x.db'))).toBe(false);
  });

  it('gives a memory store that refuses writes', async () => {
    const { store } = await openEventStore('memory', { readOnly: true });
    await expect(
      store.appendToStream('Noted-a', [anEvent(1)], { expectedRevision: 'any' }),
    ).rejects.toThrow(/memory is open read-only: appending to Noted-a is refused/);
    expect(await collect(store.readAll())).toEqual([]);
  });
});
