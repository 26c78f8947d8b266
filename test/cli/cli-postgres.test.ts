import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from '../support/cli';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { scaled } from '../support/time-scale';

/** The command line on a PostgreSQL store named by `--store postgres://…`. */
jest.setTimeout(scaled(120_000));

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase('cli');
  dir = mkdtempSync(join(tmpdir(), 'ledger-cli-postgres-'));
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliProcess(dir, args);

describe('the command line with --store postgres://…', () => {
  it('records the worked case, reads and verifies it, and a second demo writes nothing', () => {
    const store = `${database.url}&schema=cli_demo`;
    const demo = cli('--store', store, 'demo');
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    expect(cli('--store', store, 'demo').status).toBe(0);

    const verify = cli('--store', store, 'audit', 'verify');
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/11 events checked, chain intact/);

    const overview = cli('--store', store, 'overview');
    expect(overview.status).toBe(0);
    expect(overview.stdout).toContain('Bilateral overview: BH – PK');
    // Nothing in the working directory: the history is on the server.
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to read a schema with no store in one line, creating none', () => {
    const run = cli('--store', `${database.url}&schema=never_written`, 'audit', 'verify');
    expect(run.status).toBe(3);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/no diplomatic-ledger store in schema never_written/);
  });

  it('names an unreachable server in one line, without its password', () => {
    const run = cli(
      '--store',
      'postgres://ledger:s3cret-pw@localhost/ledger?host=/nonexistent/socket',
      'demo',
    );
    expect(run.status).toBe(3);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/store unavailable/);
    expect(run.stderr).not.toContain('s3cret-pw');
  });
});
