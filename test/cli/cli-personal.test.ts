import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBJECTS } from '../../src/demo/pakistan-bahrain-2025';
import { jsonLines, runCliProcess } from '../support/cli';
import { scaled } from '../support/time-scale';

/**
 * `--keys`, `subjects` and `erase`: the names the demo records are sealed under keys kept in a
 * file beside the store, listed by `subjects`, and erased for good by `erase`, in files on disk.
 */

jest.setTimeout(scaled(60_000));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-cli-personal-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliProcess(dir, args);
const storeFile = () => join(dir, 'diplomatic-ledger.db');
const keyFile = () => join(dir, 'diplomatic-ledger.keys.db');

const meeting = 'BilateralMeeting-pk-bh-interior-ministers-2025-09-10';
const minister = { id: SUBJECTS.pkMinisterOfState, name: 'Talal Chaudhry' };
const erase = (...extra: string[]) =>
  cli(
    'erase',
    minister.id,
    '--reason',
    'request under the data protection law',
    '--authority',
    'DPA order 2031/7',
    '--decided-on',
    '2026-01-15',
    ...extra,
  );

/** Every window of 6 bytes of the name, so that no fragment of it can hide. */
const holdsTheName = (bytes: Buffer, name: string): boolean => {
  const whole = Buffer.from(name, 'utf8');
  for (let i = 0; i + 6 <= whole.length; i++)
    if (bytes.includes(whole.subarray(i, i + 6))) return true;
  return false;
};

/** The raw bytes of a SQLite file and its write-ahead log, whichever exist. */
const rawBytes = (path: string): Buffer =>
  Buffer.concat([path, `${path}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));

describe('the data subjects of the demo, and their erasure', () => {
  it('lists the three named subjects with their names, in text and in JSON', () => {
    expect(cli('demo').status).toBe(0);
    expect(existsSync(keyFile())).toBe(true);
    const listed = cli('subjects');
    expect(listed.status).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain('Mohsin Naqvi');
    expect(lines.join('\n')).toContain('Lt Gen Rashid bin Abdullah Al Khalifa');
    const line = lines.find((l) => l.startsWith(minister.id));
    expect(line).toMatch(new RegExp(` {2}${minister.name} +1 sealed value$`));
    // Aligned: every line's count starts in the same column.
    expect(new Set(lines.map((l) => l.search(/\d+ sealed value/))).size).toBe(1);
    const json = jsonLines(cli('--json', 'subjects').stdout);
    expect(json).toContainEqual({ subjectId: minister.id, name: minister.name, values: 1 });
    expect(json.map((s) => s.subjectId)).toEqual(Object.values(SUBJECTS).sort());
  });

  it('erases one: subjects, state and history show the placeholder, and no file holds the name', () => {
    expect(cli('demo').status).toBe(0);
    // The control for what follows: the name can be read while the key exists.
    expect(cli('state', meeting).stdout).toContain(minister.name);

    const erased = erase('--actor', 'data protection officer', '--on-behalf-of', 'PK');
    expect(erased.stderr).toBe('');
    expect(erased.status).toBe(0);
    expect(erased.stdout).toMatch(
      new RegExp(
        `^Erased ${minister.id} at \\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z, on the authority of DPA order 2031/7\n {2}key [0-9a-f-]{36} destroyed\n {2}recorded in PersonalDataErasure-${minister.id} at revision 0`,
      ),
    );
    const today = new Date().toISOString().slice(0, 10);
    const placeholder = `[erased on ${today} by DPA order 2031/7]`;

    const listed = cli('subjects').stdout;
    expect(listed).toMatch(
      new RegExp(`^${minister.id} +erased on ${today} by DPA order 2031/7 +1 sealed value$`, 'm'),
    );
    expect(listed).toContain('Mohsin Naqvi');
    expect(listed).not.toContain(minister.name);
    expect(jsonLines(cli('--json', 'subjects').stdout)).toContainEqual({
      subjectId: minister.id,
      erasedAt: expect.stringMatching(new RegExp(`^${today}T`)),
      erasedBy: 'DPA order 2031/7',
      values: 1,
    });

    const state = cli('state', meeting);
    expect(state.status).toBe(0);
    expect(state.stdout).toContain(`"holder": ${JSON.stringify(placeholder)}`);
    expect(state.stdout).toContain('Mohsin Naqvi');
    expect(state.stdout).not.toContain(minister.name);
    const trail = cli('audit', 'trail', '--stream', `PersonalDataErasure-${minister.id}`);
    expect(trail.stdout).toMatch(
      /2026-01-15 recorded .* PersonalDataErased +by data protection officer for PK: request under the data protection law \[DPA order 2031\/7\]/,
    );
    expect(cli('audit', 'verify').status).toBe(0);

    for (const file of [storeFile(), keyFile()]) {
      const bytes = rawBytes(file);
      expect(bytes.length).toBeGreaterThan(0);
      expect(holdsTheName(bytes, minister.name)).toBe(false);
    }
    // The key store's log was emptied into its file by the erasure.
    expect(readdirSync(dir).filter((f) => f.includes('.keys.'))).toEqual([
      'diplomatic-ledger.keys.db',
    ]);
  });

  it('refuses to erase the same subject again, with a new command, as already erased', () => {
    expect(cli('demo').status).toBe(0);
    expect(erase().status).toBe(0);
    const again = erase();
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^diplomatic-ledger: erasure refused, alreadyErased: /);
    expect(again.stderr.trimEnd().split('\n')).toHaveLength(1);
    const json = cli(
      '--json',
      'erase',
      minister.id,
      '--reason',
      'again',
      '--authority',
      'DPA order 2031/8',
    );
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { exitCode: 1 } });
  });

  it('prints the erasure as JSON with --json', () => {
    expect(cli('demo').status).toBe(0);
    const [done] = jsonLines(erase('--json').stdout);
    expect(done).toMatchObject({
      store: `sqlite:${storeFile()}`,
      subjectId: minister.id,
      keyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      recordStreamId: `PersonalDataErasure-${minister.id}`,
      recordRevision: '0',
      alreadyHandled: false,
    });
  });
});

describe('the key store a command opens', () => {
  it('refuses to erase without a key store, and writes no file', () => {
    const refused = erase('--keys', 'none');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--keys none');
    expect(readdirSync(dir)).toEqual([]);
    // A server store has no key store unless --keys names one.
    const server = erase('--store', 'postgres://nobody@localhost:1/none');
    expect(server.status).toBe(2);
    expect(server.stderr).toContain('--keys');
  });

  it('refuses a subject id that is not one, and a bad date, as bad input, writing nothing', () => {
    const bad = cli('erase', 'Talal Chaudhry', '--reason', 'r', '--authority', 'a');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^diplomatic-ledger: the subject id is not one: .*U\+0020/);
    const date = erase('--decided-on', '15 January');
    expect(date.status).toBe(2);
    expect(date.stderr).toContain('--decided-on');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to erase in a store that is not there, and creates none', () => {
    const missing = erase();
    expect(missing.status).toBe(4);
    expect(missing.stderr).toContain('erase creates no store');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the key file it created when the erasure is refused', () => {
    expect(cli('--keys', 'none', 'demo').status).toBe(0);
    expect(existsSync(keyFile())).toBe(false);
    const later = erase('--decided-on', '2999-01-01');
    expect(later.status).toBe(2);
    expect(later.stderr).toContain('datedAfterRecording');
    expect(readdirSync(dir).filter((f) => f.includes('.keys.'))).toEqual([]);
    expect(existsSync(storeFile())).toBe(true);
  });

  it('never creates a key file while reading: names read as withheld without it', () => {
    expect(cli('demo').status).toBe(0);
    rmSync(keyFile());
    const state = cli('state', meeting);
    expect(state.status).toBe(0);
    expect(state.stdout).toContain('[personal data withheld: no key]');
    expect(state.stdout).not.toContain(minister.name);
    expect(cli('subjects').stdout).toMatch(
      new RegExp(`^${minister.id} +\\[personal data withheld: no key\\] +1 sealed value$`, 'm'),
    );
    expect(cli('history', meeting).status).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes('.keys.'))).toEqual([]);
  });

  it('reads with the key file --keys names, and with none', () => {
    expect(cli('--keys', 'elsewhere.db', 'demo').status).toBe(0);
    expect(existsSync(keyFile())).toBe(false);
    expect(cli('--keys', 'elsewhere.db', 'state', meeting).stdout).toContain(minister.name);
    expect(cli('state', meeting).stdout).not.toContain(minister.name);
    expect(cli('--keys', 'none', 'state', meeting).stdout).toContain(
      '[personal data withheld: no key]',
    );
  });

  it("refuses the store's own file, or another event store's, as the key store", () => {
    expect(cli('demo').status).toBe(0);
    const own = cli('--keys', 'diplomatic-ledger.db', 'subjects');
    expect(own.status).toBe(2);
    expect(own.stderr).toContain("is the store's own file");
    copyFileSync(storeFile(), join(dir, 'copy.db'));
    const before = readFileSync(join(dir, 'copy.db'));
    for (const command of [['subjects'], ['demo']]) {
      const other = cli('--keys', 'copy.db', ...command);
      expect(other.status).toBe(3);
      expect(other.stderr).toMatch(/copy\.db holds a diplomatic-ledger event store/);
      expect(other.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(readFileSync(join(dir, 'copy.db')).equals(before)).toBe(true);
  });

  it('says so when the store has no data subjects', () => {
    expect(cli('--keys', 'none', 'demo').status).toBe(0);
    const listed = cli('subjects');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toBe(`No data subjects in sqlite:${storeFile()}.\n`);
    expect(cli('--json', 'subjects').stdout).toBe('');
  });
});
