import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runCliProcess } from '../support/cli';

/**
 * Keys, checkpoints and verification against a witness file, through the installed command
 * line on a real file, as an auditor would use them.
 */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-checkpoint-'));
  const demo = runCliProcess(dir, ['demo']);
  expect(demo.status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ORIGIN = 'records.example/ledger';

describe('keys, checkpoints and witnessed verification', () => {
  it('generates a key pair, never overwriting one', () => {
    const made = runCliProcess(dir, ['keys', 'generate', '--name', ORIGIN, '--out', '.', '--json']);
    expect(made.status).toBe(0);
    const [out] = jsonLines(made.stdout);
    const secret = join(dir, 'records.example_ledger.key');
    expect(out).toMatchObject({ name: ORIGIN, signerKeyFile: secret });
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(readFileSync(secret, 'utf8')).toMatch(
      /^PRIVATE\+KEY\+records\.example\/ledger\+[0-9a-f]{8}\+/,
    );
    expect(readFileSync(join(dir, 'records.example_ledger.pub'), 'utf8').trim()).toBe(
      out?.verifierKey,
    );
    const again = runCliProcess(dir, ['keys', 'generate', '--name', ORIGIN, '--out', '.']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('never overwritten');
  });

  it('signs a checkpoint, appends it to the witness file, and verifies against it', () => {
    const signed = runCliProcess(dir, [
      'checkpoint',
      '--key',
      'records.example_ledger.key',
      '--origin',
      ORIGIN,
      '--witness',
      'witness.txt',
    ]);
    expect(signed.status).toBe(0);
    expect(signed.stdout).toMatch(
      new RegExp(`^${ORIGIN}\\n\\d+\\n[A-Za-z0-9+/]{43}=\\ntime \\d{4}-`),
    );
    expect(readFileSync(join(dir, 'witness.txt'), 'utf8')).toBe(`${signed.stdout}\n`);
    const verified = runCliProcess(dir, [
      'audit',
      'verify',
      '--checkpoint',
      'witness.txt',
      '--key',
      'records.example_ledger.pub',
      '--json',
    ]);
    expect(verified.status).toBe(0);
    const [report] = jsonLines(verified.stdout);
    expect(report).toMatchObject({ intact: true, checkpoints: [{ holds: true }] });
    // The store keeps a sealed record of it too, after the events it covers.
    const trail = runCliProcess(dir, [
      'audit',
      'trail',
      '--stream',
      `TreeCheckpoint-${ORIGIN}`,
      '--json',
    ]);
    expect(trail.status).toBe(0);
    expect(jsonLines(trail.stdout)).toEqual([
      expect.objectContaining({
        eventType: 'TreeCheckpointSigned',
        integrity: 'intact',
        onBehalfOf: ORIGIN,
        reason: 'a checkpoint of the tree head',
      }),
    ]);
  });

  it('only signs, recording nothing, with --no-record', () => {
    const before = runCliProcess(dir, ['audit', 'verify', '--json']);
    const signed = runCliProcess(dir, [
      'checkpoint',
      '--key',
      'records.example_ledger.key',
      '--origin',
      ORIGIN,
      '--no-record',
      '--json',
    ]);
    expect(signed.status).toBe(0);
    const after = runCliProcess(dir, ['audit', 'verify', '--json']);
    expect(jsonLines(after.stdout)[0]?.eventsChecked).toBe(
      jsonLines(before.stdout)[0]?.eventsChecked,
    );
    expect(jsonLines(signed.stdout)[0]?.size).toBe(jsonLines(before.stdout)[0]?.eventsChecked);
  });

  it('names the checkpoint an altered history no longer holds to, with status 1', () => {
    const raw = new Database(join(dir, 'diplomatic-ledger.db'));
    // The first event's reason is rewritten and nothing recomputed: the chain already tells,
    // and the checkpoint, which covers it, must too.
    const first = raw
      .prepare('SELECT position, metadata FROM events ORDER BY position LIMIT 1')
      .get() as {
      position: number;
      metadata: string;
    };
    const metadata = JSON.parse(first.metadata) as Record<string, unknown>;
    raw
      .prepare('UPDATE events SET metadata = ? WHERE position = ?')
      .run(JSON.stringify({ ...metadata, reason: 'a reason given later' }), first.position);
    raw.close();
    const verified = runCliProcess(dir, [
      'audit',
      'verify',
      '--checkpoint',
      'witness.txt',
      '--key',
      'records.example_ledger.pub',
    ]);
    expect(verified.status).toBe(1);
    expect(verified.stdout).toContain('checkpoints: 0 of 1 hold');
    expect(verified.stdout).toContain(
      `first checkpoint that does not hold: rootDiffers: the checkpoint of ${ORIGIN}`,
    );
  });

  it('refuses a witness file signed by another key, and --checkpoint without --key', () => {
    const other = runCliProcess(dir, [
      'keys',
      'generate',
      '--name',
      'other.example/log',
      '--out',
      '.',
    ]);
    expect(other.status).toBe(0);
    const wrongKey = runCliProcess(dir, [
      'audit',
      'verify',
      '--checkpoint',
      'witness.txt',
      '--key',
      'other.example_log.pub',
    ]);
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stderr).toContain('entry 1');
    const alone = runCliProcess(dir, ['audit', 'verify', '--checkpoint', 'witness.txt']);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--checkpoint and --key go together');
  });

  it('refuses to sign a checkpoint of a history that does not verify', () => {
    const signed = runCliProcess(dir, [
      'checkpoint',
      '--key',
      'records.example_ledger.key',
      '--origin',
      ORIGIN,
    ]);
    expect(signed.status).toBe(1);
    expect(signed.stderr).toContain('does not verify');
  });
});
