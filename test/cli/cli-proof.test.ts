import Database from 'better-sqlite3';
import * as E from 'fp-ts/Either';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MoU, handleCommand, keepTree, openSqliteEventStore } from '../../src';
import { jsonLines, runCliProcess } from '../support/cli';
import { context } from '../support/context';

/** Proof bundles through the installed command line, on a real file made by `demo`. */
let dir: string;
const ORIGIN = 'records.example/ledger';
const KEY = 'records.example_ledger.key';
const PUB = 'records.example_ledger.pub';
const STREAM = 'MoU-pk-bh-extradition';

const run = (...args: string[]) => runCliProcess(dir, args);
/** `proof consistency` from one checkpoint file to another, checked with the verifier key. */
const consistency = (from: string, to: string, out: string, ...more: string[]) =>
  run('proof', 'consistency', '--from', from, '--to', to, '--key', PUB, '--out', out, ...more);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-proof-'));
  expect(run('demo').status).toBe(0);
  expect(run('keys', 'generate', '--name', ORIGIN, '--out', '.').status).toBe(0);
  expect(
    run('checkpoint', '--key', KEY, '--origin', ORIGIN, '--no-record', '--witness', 'witness.txt')
      .status,
  ).toBe(0);
  // One more event after the first checkpoint, then a second checkpoint in its own file.
  const store = openSqliteEventStore(join(dir, 'diplomatic-ledger.db'));
  const done = await handleCommand(
    store,
    MoU,
    {
      type: 'RecordNegotiationRound',
      mouId: 'pk-bh-extradition',
      round: 1,
      venue: 'Manama',
      occurredOn: '2025-09-10',
    },
    context(),
  );
  await store.close();
  expect(E.isRight(done)).toBe(true);
  const second = run('checkpoint', '--key', KEY, '--origin', ORIGIN, '--no-record');
  expect(second.status).toBe(0);
  writeFileSync(join(dir, 'second.note'), second.stdout);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('proof bundles on the command line', () => {
  it('proves an event under a fresh checkpoint, and verifies it without the store', () => {
    const made = run(
      'proof',
      'inclusion',
      '--stream',
      STREAM,
      '--revision',
      '0',
      '--key',
      KEY,
      '--origin',
      ORIGIN,
      '--out',
      'inclusion.json',
      '--json',
    );
    expect(made.status).toBe(0);
    const [out] = jsonLines(made.stdout);
    expect(out).toMatchObject({
      event: `${STREAM}@0`,
      treeSize: 12,
      checkpoint: { origin: ORIGIN, size: 12 },
    });
    const bundle = JSON.parse(readFileSync(join(dir, 'inclusion.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(bundle).toMatchObject({
      format: 'diplomatic-ledger/inclusion-proof/v1',
      event: { streamId: STREAM, revision: '0' },
    });
    // No store here: `--store` names one that does not exist.
    const checked = run(
      '--store',
      'sqlite:./none.db',
      'proof',
      'verify',
      'inclusion.json',
      '--key',
      PUB,
    );
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(
      /^Verified: MoUProposed MoU-pk-bh-extradition@0 is leaf \d+ of the tree of records\.example\/ledger at size 12/,
    );
  });

  it('proves an event under the last checkpoint of a witness file, and refuses a later one', () => {
    const made = run(
      'proof',
      'inclusion',
      '--stream',
      STREAM,
      '--revision',
      '0',
      '--key',
      KEY,
      '--checkpoint',
      'witness.txt',
      '--out',
      'witnessed.json',
    );
    expect(made.status).toBe(0);
    expect(run('proof', 'verify', 'witnessed.json', '--key', PUB).status).toBe(0);
    const later = run(
      'proof',
      'inclusion',
      '--stream',
      STREAM,
      '--revision',
      '1',
      '--key',
      KEY,
      '--checkpoint',
      'witness.txt',
      '--out',
      'later.json',
    );
    expect(later.status).toBe(1);
    expect(later.stderr).toContain('eventNotCovered');
    const none = run(
      'proof',
      'inclusion',
      '--stream',
      'MoU-none',
      '--revision',
      '0',
      '--key',
      KEY,
      '--checkpoint',
      'witness.txt',
      '--out',
      'none.json',
    );
    expect(none.status).toBe(5);
    const unsigned = run(
      'proof',
      'inclusion',
      '--stream',
      STREAM,
      '--revision',
      '0',
      '--key',
      KEY,
      '--out',
      'x.json',
    );
    expect(unsigned.status).toBe(2);
    expect(unsigned.stderr).toContain('--origin');
  });

  it('proves the second checkpoint extends the first', () => {
    const made = consistency('witness.txt', 'second.note', 'consistency.json', '--json');
    expect(made.status).toBe(0);
    expect(jsonLines(made.stdout)[0]).toMatchObject({ from: { size: 11 }, to: { size: 12 } });
    const checked = run('proof', 'verify', 'consistency.json', '--key', PUB, '--json');
    expect(checked.status).toBe(0);
    expect(jsonLines(checked.stdout)[0]).toMatchObject({ verified: true, kind: 'consistency' });
    expect(consistency('second.note', 'witness.txt', 'back.json').status).toBe(2);
  });

  it('fails a tampered bundle with status 1 and names why; a missing file is status 2', () => {
    const bundle = JSON.parse(readFileSync(join(dir, 'inclusion.json'), 'utf8')) as {
      treeSize: number;
    };
    writeFileSync(
      join(dir, 'tampered.json'),
      JSON.stringify({ ...bundle, treeSize: bundle.treeSize + 1 }),
    );
    const checked = run('proof', 'verify', 'tampered.json', '--key', PUB, '--json');
    expect(checked.status).toBe(1);
    expect(jsonLines(checked.stdout)[0]).toMatchObject({
      verified: false,
      problem: 'treeSizeMismatch',
    });
    writeFileSync(join(dir, 'garbage.json'), '{ not json');
    expect(run('proof', 'verify', 'garbage.json', '--key', PUB).stdout).toContain(
      'NOT VERIFIED: malformed',
    );
    expect(run('proof', 'verify', 'absent.json', '--key', PUB).status).toBe(2);
  });

  it('refuses to prove an event changed since its checkpoint', () => {
    const raw = new Database(join(dir, 'diplomatic-ledger.db'));
    const first = raw
      .prepare(
        'SELECT position, stream_id, revision, metadata FROM events ORDER BY position LIMIT 1',
      )
      .get() as { position: number; stream_id: string; revision: number; metadata: string };
    const metadata = JSON.parse(first.metadata) as Record<string, unknown>;
    raw
      .prepare('UPDATE events SET metadata = ? WHERE position = ?')
      .run(JSON.stringify({ ...metadata, reason: 'a reason given later' }), first.position);
    raw.close();
    const made = run(
      'proof',
      'inclusion',
      '--stream',
      first.stream_id,
      '--revision',
      String(first.revision),
      '--key',
      KEY,
      '--checkpoint',
      'witness.txt',
      '--out',
      'altered.json',
    );
    expect(made.status).toBe(1);
    expect(made.stderr).toContain('eventAltered');
  });

  it('refuses a consistency proof once the tree kept in the store was rewritten', async () => {
    // Keep the tree in the file (the command line, reading, keeps it only in memory).
    const store = openSqliteEventStore(join(dir, 'diplomatic-ledger.db'));
    expect((await keepTree(store)).size).toBe(12);
    await store.close();
    const raw = new Database(join(dir, 'diplomatic-ledger.db'));
    // The highest subtree is one the roots of both checkpoints are read from.
    raw
      .prepare(
        'UPDATE tree_subtrees SET hash = ? WHERE level = (SELECT max(level) FROM tree_subtrees)',
      )
      .run(Buffer.alloc(32, 9));
    raw.close();
    const made = consistency('witness.txt', 'second.note', 'after.json');
    expect(made.status).toBe(1);
    expect(made.stderr).toContain('historyChanged');
    // The bundle made before still verifies: it needs nothing from the store.
    expect(run('proof', 'verify', 'consistency.json', '--key', PUB).status).toBe(0);
  });
});
