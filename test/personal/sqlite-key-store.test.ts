import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isStoreError } from '../../src/kernel/store-errors';
import { isPersonalDataError } from '../../src/personal/personal-errors';
import { openSqliteKeyStore } from '../../src/personal/sqlite-key-store';
import {
  KEY_STORE_APPLICATION_ID,
  KEY_STORE_SCHEMA_VERSION,
} from '../../src/personal/sqlite-key-store-options';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { linesOf, startScript } from '../support/sqlite-processes';
import { scaled } from '../support/time-scale';
import { rejection } from './key-store-contract';

jest.setTimeout(scaled(30_000));

const directory = mkdtempSync(join(tmpdir(), 'ledger-sqlite-keys-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;
const newFile = (): string => join(directory, `keys-${++files}.db`);

const erasedAt = '2031-05-01T09:30:00.000Z';

/** The raw bytes of the file and of its write-ahead log (empty if there is none). */
const rawBytes = (file: string): { readonly file: Buffer; readonly wal: Buffer } => ({
  file: readFileSync(file),
  wal: existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0),
});

/** Whether `bytes` hold `key` anywhere. */
const has = (bytes: Buffer, key: Uint8Array): boolean => bytes.includes(Buffer.from(key));

const opening = (file: string): Error => {
  try {
    openSqliteKeyStore(file);
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error(`${file} opened`);
};

describe('the embedded key store', () => {
  it('leaves no byte of an erased key in the file or its write-ahead log', async () => {
    const file = newFile();
    const store = openSqliteKeyStore(file);
    const keys = [];
    for (let i = 0; i < 40; i++) keys.push(await store.keyFor(`officer-${i}`));
    const before = rawBytes(file);
    for (const { key } of keys) expect(has(before.file, key) || has(before.wal, key)).toBe(true);

    const erased = keys.filter((_, i) => i % 2 === 0);
    for (const { subjectId } of erased) await store.erase(subjectId, { erasedAt });
    const after = rawBytes(file);
    for (const { key } of erased) {
      expect(has(after.file, key)).toBe(false);
      expect(has(after.wal, key)).toBe(false);
    }
    // The search finds what is there: the keys kept are in the file the log was emptied into.
    for (const { key } of keys.filter((_, i) => i % 2 === 1))
      expect(has(after.file, key)).toBe(true);
    await store.close();
  });

  it('finishes an erasure that a reader kept from emptying the log when asked again', async () => {
    const file = newFile();
    const store = openSqliteKeyStore(file, { busyTimeoutMs: 50 });
    const { key } = await store.keyFor('officer-1');
    await store.keyFor('officer-2');
    const reader = new Database(file);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM subject_keys').get();
    const refused = await rejection(() => store.erase('officer-1', { erasedAt }));
    expect(isPersonalDataError(refused, 'KeyStoreUnavailable')).toBe(true);
    expect(refused.message).toContain('erase the subject again to finish');
    // The erasure itself is committed: the key is not handed out again.
    expect(
      isPersonalDataError(await rejection(() => store.keyFor('officer-1')), 'SubjectErased'),
    ).toBe(true);
    reader.exec('COMMIT');
    reader.close();
    const stamp = await store.erase('officer-1', { erasedAt: '2032-01-01T00:00:00.000Z' });
    expect(stamp.erasedAt).toBe(erasedAt);
    const after = rawBytes(file);
    expect(has(after.file, key) || has(after.wal, key)).toBe(false);
    await store.close();
  });

  it('gives one key to two objects asking for a new subject at once', async () => {
    const file = newFile();
    const a = openSqliteKeyStore(file);
    const b = openSqliteKeyStore(file);
    const subjects = Array.from({ length: 20 }, (_, i) => `person-${i}`);
    const got = await Promise.all(subjects.flatMap((s) => [a.keyFor(s), b.keyFor(s)]));
    for (let i = 0; i < subjects.length; i++) {
      const [fromA, fromB] = [got[2 * i], got[2 * i + 1]];
      expect(fromA?.keyId).toBe(fromB?.keyId);
      expect(Buffer.from(fromA?.key ?? []).equals(Buffer.from(fromB?.key ?? []))).toBe(true);
    }
    await a.close();
    await b.close();
  });

  it('gives one key to two processes asking for new subjects at once', async () => {
    const file = newFile();
    openSqliteKeyStore(file).close();
    const count = 50;
    const racers = [0, 1].map(() =>
      startScript('../personal/key-store-racer.ts', [file, String(count)]),
    );
    const outputs = racers.map(linesOf);
    await Promise.all(outputs.map((o) => o.waitFor('ready')));
    for (const racer of racers) racer.stdin.end('go\n');
    const codes = await Promise.all(outputs.map((o) => o.exited));
    expect({ codes, stderr: outputs.map((o) => o.stderr()) }).toEqual({
      codes: [0, 0],
      stderr: ['', ''],
    });
    const [first, second] = outputs.map(
      (o) =>
        JSON.parse((o.lines.find((l) => l.startsWith('keys ')) ?? 'keys []').slice(5)) as string[],
    );
    expect(first).toHaveLength(count);
    expect(second).toEqual(first);
    const store = openSqliteKeyStore(file);
    for (let i = 0; i < count; i++)
      expect((await store.keyFor(`race-${i}`)).keyId).toBe(first?.[i]);
    await store.close();
  });

  it('refuses the event store’s file, leaving it as it was', async () => {
    const file = newFile();
    const events = openSqliteEventStore(file);
    await events.close();
    const before = rawBytes(file);
    const refused = opening(file);
    expect(isPersonalDataError(refused, 'KeyStoreUnavailable')).toBe(true);
    expect(refused.message).toContain('holds a diplomatic-ledger event store');
    expect(refused.message).toContain('a file of their own');
    expect(rawBytes(file)).toEqual(before);
  });

  it('is refused by the event store in turn', async () => {
    const file = newFile();
    await openSqliteKeyStore(file).close();
    let refused: unknown;
    try {
      openSqliteEventStore(file);
    } catch (error) {
      refused = error;
    }
    expect(isStoreError(refused, 'StoreUnavailable')).toBe(true);
  });

  it('marks its file and records its schema version', async () => {
    const file = newFile();
    await openSqliteKeyStore(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(KEY_STORE_APPLICATION_ID);
    expect(db.prepare('SELECT version FROM key_store_schema').pluck().get()).toBe(
      KEY_STORE_SCHEMA_VERSION,
    );
    db.close();
  });

  it('refuses a file of a newer schema version', async () => {
    const file = newFile();
    await openSqliteKeyStore(file).close();
    const db = new Database(file);
    db.prepare('UPDATE key_store_schema SET version = ?').run(KEY_STORE_SCHEMA_VERSION + 1);
    db.close();
    const refused = opening(file);
    expect(isPersonalDataError(refused, 'KeyStoreUnavailable')).toBe(true);
    expect(refused.message).toContain('newer than this library reads');
  });

  it('refuses a file that is not a database, or a database of something else', () => {
    const text = newFile();
    writeFileSync(text, 'officer names, one a line\n'.repeat(200));
    expect(opening(text).message).toContain('is not a SQLite database');
    const other = newFile();
    const db = new Database(other);
    db.exec('CREATE TABLE people (name TEXT)');
    db.close();
    expect(opening(other).message).toContain('something else');
  });

  it('says which package to install when the driver is missing', () => {
    const block = join(directory, 'block-driver.js');
    writeFileSync(
      block,
      `const Module = require('node:module');
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request === 'better-sqlite3') {
          const error = new Error("Cannot find module 'better-sqlite3'");
          error.code = 'MODULE_NOT_FOUND';
          throw error;
        }
        return resolve.call(this, request, ...rest);
      };`,
    );
    const script = join(directory, 'open-without-driver.ts');
    writeFileSync(
      script,
      `import { openSqliteKeyStore } from ${JSON.stringify(join(__dirname, '../../src/personal/sqlite-key-store'))};
      try { openSqliteKeyStore(${JSON.stringify(newFile())}); } catch (e) { console.log(JSON.stringify({ kind: (e as { kind?: string }).kind, message: (e as Error).message })); }`,
    );
    const loader = pathToFileURL(join(__dirname, '../../node_modules/tsx/dist/loader.mjs')).href;
    const run = spawnSync(process.execPath, ['-r', block, '--import', loader, script], {
      encoding: 'utf8',
      timeout: scaled(20_000),
    });
    expect(run.stderr).toBe('');
    const said = JSON.parse(run.stdout) as { kind: string; message: string };
    expect(said.kind).toBe('KeyStoreUnavailable');
    expect(said.message).toContain('npm install better-sqlite3');
  });
});
