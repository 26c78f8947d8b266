import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import {
  MoU,
  createStateCache,
  handleCommand,
  importHistoryFile,
  openSqliteEventStore,
  type MoUCommand,
} from '../../src';
import { runCliProcess } from '../support/cli';
import { context } from '../support/context';
import { scaled } from '../support/time-scale';

/**
 * What a user of any command-line tool expects: `--version`, errors as JSON under `--json`, a
 * pipe closed early ending quietly, and a path that is not a file refused as bad input.
 */
const root = join(__dirname, '..', '..');
let dir: string;
const run = (...args: string[]) => runCliProcess(dir, args);
const STREAM = 'MoU-long-negotiation';
const ROUNDS = 1_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-manners-'));
  // A stream long enough that its history does not fit in one pipe buffer.
  const store = openSqliteEventStore(join(dir, 'diplomatic-ledger.db'), { synchronous: 'normal' });
  const commands: MoUCommand[] = [
    {
      type: 'ProposeMoU',
      mouId: 'long-negotiation',
      title: 'MoU on a long negotiation',
      subject: 'extradition',
      parties: ['PK', 'BH'],
      proposedBy: 'jointly',
      legalCharacter: 'undetermined',
      occurredOn: '2025-09-10',
    },
    ...Array.from({ length: ROUNDS }, (_, i): MoUCommand => ({
      type: 'RecordNegotiationRound',
      mouId: 'long-negotiation',
      round: i + 1,
      venue: i % 2 === 0 ? 'Manama' : 'Islamabad',
      occurredOn: '2025-10',
    })),
  ];
  const cache = createStateCache();
  for (const command of commands) {
    const done = await handleCommand(store, MoU, command, context(), { cache });
    if (E.isLeft(done)) throw new Error(done.left.message);
  }
  await store.close();
}, scaled(120_000));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the command line', () => {
  it(
    'prints its version',
    () => {
      const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        version: string;
      };
      for (const flag of ['--version', '-V']) {
        const shown = run(flag);
        expect(shown.status).toBe(0);
        expect(shown.stdout.trim()).toBe(version);
      }
    },
    scaled(60_000),
  );

  it(
    'reports a failure under --json as one JSON object on standard error',
    () => {
      const missing = run('--json', 'history', 'MoU-never-recorded');
      expect(missing.status).toBe(5);
      const lines = missing.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      const failure = JSON.parse(lines[0] ?? '') as {
        error: { message: string; exitCode: number };
      };
      expect(failure.error.exitCode).toBe(5);
      expect(failure.error.message).toContain('MoU-never-recorded');

      const usage = run('--json', 'history', '--no-such-flag', STREAM);
      expect(usage.status).toBe(2);
      const refused = JSON.parse(usage.stderr.trim()) as {
        error: { message: string; exitCode: number };
      };
      expect(refused.error).toMatchObject({ exitCode: 2 });
      expect(refused.error.message).toContain('--no-such-flag');

      // Without --json, the same failure is one plain line.
      const plain = run('history', 'MoU-never-recorded');
      expect(plain.stderr).toMatch(/^diplomatic-ledger: .*MoU-never-recorded.*\n$/);
    },
    scaled(60_000),
  );

  it(
    'ends quietly when the reader closes the pipe early (history | head -1)',
    async () => {
      const child = spawn(
        process.execPath,
        [
          join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
          join(root, 'src', 'cli', 'main.ts'),
          'history',
          STREAM,
        ],
        { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      let first = '';
      const status = await new Promise<number | null>((resolve) => {
        child.stdout.setEncoding('utf8').once('data', (chunk: string) => {
          first = chunk;
          child.stdout.destroy();
        });
        child.on('close', (code) => resolve(code));
      });
      expect(first.length).toBeGreaterThan(0);
      expect(stderr).toBe('');
      expect(status).toBe(0);
    },
    scaled(60_000),
  );

  it(
    'refuses an import path that is a directory as bad input, writing nothing',
    () => {
      mkdirSync(join(dir, 'a-folder'));
      const refused = run('--store', `sqlite:${join(dir, 'target.db')}`, 'import', 'a-folder');
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('is not a file');
    },
    scaled(60_000),
  );
});

describe('importing a history file through the API', () => {
  it('refuses a path with no file as a typed refusal, not a thrown error', async () => {
    const store = openSqliteEventStore(join(dir, 'api-target.db'));
    try {
      for (const path of [join(dir, 'no-such-file.jsonl'), dir]) {
        const result = await importHistoryFile(store, path);
        expect(E.isLeft(result) && result.left).toMatchObject({ kind: 'ImportRefused', line: 0 });
      }
      for await (const _ of store.readAll()) throw new Error('something was written');
    } finally {
      await store.close();
    }
  });
});
