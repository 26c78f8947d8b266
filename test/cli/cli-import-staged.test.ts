import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportHistoryToFile } from '../../src/audit/history-file';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { writeAuditHistory } from '../bench/support/audit-history';
import { jsonLines, runCliProcess } from '../support/cli';
import { scaled } from '../support/time-scale';

/**
 * An import into a new embedded store is whole or absent: killed midway, it leaves no file a
 * reader could take for the history, and running it again completes it.
 */
const root = join(__dirname, '..', '..');
let dir: string;
let events: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-import-'));
  const original = join(dir, 'original.db');
  await writeAuditHistory(original, 3_000);
  const store = openSqliteEventStore(original, { readOnly: true });
  events = (await exportHistoryToFile(store, join(dir, 'history.jsonl'))).events;
  await store.close();
}, scaled(120_000));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `import history.jsonl --json` into the store file `target`. */
const importInto = (target: string) =>
  runCliProcess(dir, ['--store', `sqlite:${target}`, '--json', 'import', 'history.jsonl']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `import history.jsonl` into `target` in a process of its own, run in that process rather than
 * under tsx's own command (which runs the program in a child that a kill of its parent would
 * leave running).
 */
const spawnImport = (target: string) => {
  const child = spawn(
    process.execPath,
    [
      '--require',
      join(root, 'node_modules', 'tsx', 'dist', 'cjs', 'index.cjs'),
      join(root, 'src', 'cli', 'main.ts'),
      '--store',
      `sqlite:${target}`,
      'import',
      'history.jsonl',
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited };
};

const eventsIn = async (path: string): Promise<number> => {
  const store = openSqliteEventStore(path);
  let n = 0;
  try {
    for await (const _ of store.readAll()) n++;
  } finally {
    await store.close();
  }
  return n;
};

describe('importing into a new store file', () => {
  it(
    'leaves nothing at the path when killed midway, and completes when run again',
    async () => {
      const target = join(dir, 'restored.db');
      const { child, exited } = spawnImport(target);
      // Killed once it is writing: its staging file exists.
      const started = Date.now();
      while (!existsSync(`${target}.importing`) && Date.now() - started < 60_000) await sleep(20);
      await sleep(200);
      child.kill('SIGKILL');
      await exited;
      expect(existsSync(`${target}.importing`)).toBe(true);
      expect(existsSync(target)).toBe(false);

      const again = importInto(target);
      expect(again.stderr).toBe('');
      expect(again.status).toBe(0);
      expect(jsonLines(again.stdout)[0]).toMatchObject({ events, alreadyThere: 0 });
      expect(existsSync(`${target}.importing`)).toBe(false);
      const verified = runCliProcess(dir, ['--store', `sqlite:${target}`, 'audit', 'verify']);
      expect(verified.status).toBe(0);
      expect(verified.stdout).toContain(`${events} events checked, chain intact`);
    },
    scaled(180_000),
  );

  it(
    'leaves an existing store as it was when killed midway, and completes when run again',
    async () => {
      const original = join(dir, 'with-demo.db');
      expect(runCliProcess(dir, ['--store', `sqlite:${original}`, 'demo']).status).toBe(0);
      const before = await eventsIn(original);
      // How long a whole import takes here, to kill the others at points within it.
      const probe = join(dir, 'probe.db');
      copyFileSync(original, probe);
      const started = Date.now();
      expect(await spawnImport(probe).exited).toBe(0);
      const whole = Date.now() - started;
      expect(await eventsIn(probe)).toBe(before + events);

      const outcomes: number[] = [];
      for (const [i, share] of [0.4, 0.6, 0.8, 0.95].entries()) {
        const target = join(dir, `killed-${i}.db`);
        copyFileSync(original, target);
        const { child, exited } = spawnImport(target);
        await sleep(whole * share);
        child.kill('SIGKILL');
        await exited;
        const held = await eventsIn(target);
        // Nothing of the file, or all of it: never a part.
        expect([before, before + events]).toContain(held);
        outcomes.push(held);
        if (held === before) {
          const again = importInto(target);
          expect(again.status).toBe(0);
          expect(jsonLines(again.stdout)[0]).toMatchObject({ events, alreadyThere: 0 });
          expect(await eventsIn(target)).toBe(before + events);
        }
      }
      // At least one kill came before the import was recorded.
      expect(outcomes).toContain(before);
    },
    scaled(240_000),
  );

  it(
    'completes an import into an existing store that was cut short',
    async () => {
      const target = join(dir, 'existing.db');
      // The store exists (the import goes straight into it), and holds part of the history.
      const first = runCliProcess(dir, ['--store', `sqlite:${target}`, 'import', 'history.jsonl']);
      expect(first.status).toBe(0);
      const store = openSqliteEventStore(target);
      const all: string[] = [];
      for await (const e of store.readAll()) all.push(e.streamId);
      await store.close();
      // Take the last streams away, as if the run had been killed before writing them.
      const raw = new Database(target);
      const cut = raw.prepare('DELETE FROM events WHERE position > ?').run(Math.floor(events / 2));
      raw.exec('DELETE FROM tree_leaves; DELETE FROM tree_subtrees');
      raw.close();
      expect(cut.changes).toBeGreaterThan(0);
      const again = importInto(target);
      expect(again.status).toBe(0);
      expect(jsonLines(again.stdout)[0]).toMatchObject({
        events,
        alreadyThere: events - cut.changes,
      });
      const verified = runCliProcess(dir, ['--store', `sqlite:${target}`, 'audit', 'verify']);
      expect(verified.status).toBe(0);
      expect(all).toHaveLength(events);
    },
    scaled(180_000),
  );
});
