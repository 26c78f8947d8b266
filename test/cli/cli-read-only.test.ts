import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { jsonLines, runCliProcess, unprivileged } from '../support/cli';
import { scaled } from '../support/time-scale';

/**
 * The commands that only read: they open the store read-only, never create it, and refuse
 * with a status of their own when there is nothing to read, instead of answering with nothing.
 */

jest.setTimeout(scaled(60_000));

let demoStore: string;
let demoDir: string;
beforeAll(() => {
  demoDir = mkdtempSync(join(tmpdir(), 'ledger-cli-demo-'));
  expect(runCliProcess(demoDir, ['demo']).status).toBe(0);
  demoStore = join(demoDir, 'diplomatic-ledger.db');
});
afterAll(() => rmSync(demoDir, { recursive: true, force: true }));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-cli-read-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliProcess(dir, args);
const sha256 = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex');

/** One line on standard error, no stack, nothing on standard output. */
const expectOneLine = (run: { stdout: string; stderr: string }, message: RegExp): void => {
  expect(run.stderr).toMatch(message);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stdout).toBe('');
};

describe('reading commands on a store that is not there', () => {
  it('refuses audit verify on a mistyped path with status 4 and creates no file', () => {
    const run = cli('--store', 'sqlite:ledgr.db', 'audit', 'verify');
    expect(run.status).toBe(4);
    expectOneLine(run, /^diplomatic-ledger: no store at sqlite:ledgr\.db: no such file/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['audit', 'verify'],
    ['audit', 'trail'],
    ['history', 'MoU-pk-bh-extradition'],
    ['state', 'MoU-pk-bh-extradition'],
    ['overview'],
    ['export', '--out', 'h.jsonl'],
    ['timeline'],
  ])('refuses %s without a store file in the working directory, creating none', (...args) => {
    const run = cli(...args);
    expect(run.status).toBe(4);
    expectOneLine(run, /no store at sqlite:.*diplomatic-ledger\.db: no such file/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a directory given as the store', () => {
    mkdirSync(join(dir, 'ledger.db'));
    const run = cli('--store', 'sqlite:ledger.db', 'audit', 'verify');
    expect(run.status).toBe(4);
    expectOneLine(run, /no store at sqlite:ledger\.db: it is a directory/);
  });

  it('refuses a store with no events, an empty file and an empty memory store', async () => {
    await openSqliteEventStore(join(dir, 'empty.db')).close();
    const before = sha256(join(dir, 'empty.db'));
    const empty = cli('--store', 'sqlite:empty.db', 'audit', 'verify');
    expect(empty.status).toBe(4);
    expectOneLine(
      empty,
      /^diplomatic-ledger: no events in store sqlite:empty\.db: nothing to read/,
    );
    expect(sha256(join(dir, 'empty.db'))).toBe(before);

    writeFileSync(join(dir, 'zero.db'), '');
    const zero = cli('--store', 'sqlite:zero.db', 'timeline');
    expect(zero.status).toBe(4);
    expectOneLine(zero, /no store at sqlite:zero\.db: it is an empty database/);
    expect(readFileSync(join(dir, 'zero.db'))).toHaveLength(0);

    const memory = cli('--store', 'memory', 'overview');
    expect(memory.status).toBe(4);
    expectOneLine(memory, /no events in store memory/);
  });
});

describe('reading commands on a read-only copy', () => {
  it('verifies a copy whose file and folder may not be written, leaving its bytes as they were', () => {
    const folder = join(dir, 'copy');
    mkdirSync(folder);
    const copy = join(folder, 'ledger.db');
    copyFileSync(demoStore, copy);
    const before = sha256(copy);
    chmodSync(copy, 0o444);
    chmodSync(folder, 0o555);
    chmodSync(dir, 0o755);
    // As root the modes would not bind, so the command runs as an unprivileged user there.
    const run = (...args: string[]) =>
      runCliProcess(dir, ['--store', `sqlite:${copy}`, ...args], unprivileged());
    const verify = run('audit', 'verify');
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/11 events checked, chain intact/);
    expect(jsonLines(run('--json', 'state', 'MoU-pk-bh-extradition').stdout)[0]).toMatchObject({
      revision: '0',
    });
    expect(run('history', 'MoU-pk-bh-extradition').status).toBe(0);
    expect(sha256(copy)).toBe(before);
    expect(readdirSync(folder)).toEqual(['ledger.db']);
  });
});

describe('reading one stream', () => {
  beforeEach(() => copyFileSync(demoStore, join(dir, 'diplomatic-ledger.db')));

  it.each([
    [['state', 'MoU-pk-bh-nothing']],
    [['history', 'MoU-pk-bh-nothing']],
    [['audit', 'trail', '--stream', 'MoU-pk-bh-nothing']],
    [['--json', 'state', 'MoU-pk-bh-nothing', '--as-of-revision', '0']],
  ])('%j: a stream that does not exist is refused with status 5', (args) => {
    const run = cli(...args);
    expect(run.status).toBe(5);
    expectOneLine(
      run,
      /no stream MoU-pk-bh-nothing in sqlite:.*: nothing is recorded under that name/,
    );
  });

  it('refuses --as-of-revision past the last revision, naming it, and answers at the last', () => {
    const past = cli('state', 'MoU-pk-bh-extradition', '--as-of-revision', '1');
    expect(past.status).toBe(5);
    expectOneLine(
      past,
      /--as-of-revision 1 is past the end of MoU-pk-bh-extradition: its last revision is 0\n$/,
    );
    const last = cli('--json', 'state', 'MoU-pk-bh-extradition', '--as-of-revision', '0');
    expect(last.status).toBe(0);
    expect(jsonLines(last.stdout)[0]).toMatchObject({ revision: '0', eventsApplied: 1 });
  });
});
