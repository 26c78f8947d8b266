/**
 * The tree kept beside the events (audit/tree-keeper.ts), in a store:
 *
 * 1. What keeping it costs a command, in memory and on the embedded store: the workload's
 *    commands alone, beside the same commands with the tree kept after every one (the most it can
 *    cost), and the time to keep it once after all of them (as a checkpoint does), each per
 *    command. Alternating rounds; medians (targets: at most 5% on the embedded store, 15% in
 *    memory).
 * 2. Among 1,000,000 events in a store file: the first keeping (one pass), then inclusion and
 *    consistency bundles made from the kept tree under a signed checkpoint (target: at most 50 ms
 *    each, at most ⌈log2 n⌉ (+1) hashes), and `verifyAll` against that checkpoint in a process of
 *    its own, whose peak RSS is what counts (target: under 200 MB).
 *
 * Environment: BENCH_TREE_ROUNDS (default 3), BENCH_TREE_STREAMS (default 100,000 streams of ten
 * events).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/Either';
import { generateSigningKey, parseSignerKey, parseVerifierKey } from '../../src/audit/note-keys';
import { consistencyProofBundle, inclusionProofBundle } from '../../src/audit/proof-bundle';
import { keepTree } from '../../src/audit/tree-keeper';
import { signCheckpoint, verifyCheckpoint } from '../../src/audit/tree-checkpoint';
import { verifyAll } from '../../src/audit/verify';
import { MoU } from '../../src/domain/mou';
import { handleCommand } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { createStateCache } from '../../src/kernel/state-cache';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { EVENTS_PER_STREAM, writeAuditHistory } from './support/audit-history';
import { buildWorkload, recordingIn2040, type WorkItem } from './support/workload';

const ROUNDS = Number(process.env.BENCH_TREE_ROUNDS ?? 3);
const STREAMS = Number(process.env.BENCH_TREE_STREAMS ?? 100_000);
const PROOFS = 101;
const ORIGIN = 'bench.example/ledger';

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const commands = async (
  store: EventStore,
  work: readonly WorkItem[],
  keepEvery: boolean,
): Promise<number> => {
  const cache = createStateCache();
  const started = performance.now();
  for (const { command, context } of work) {
    const result = await handleCommand(store, MoU, command, context, { cache });
    if (E.isLeft(result)) throw new Error(result.left.message);
    if (keepEvery) await keepTree(store);
  }
  return performance.now() - started;
};

const keepingCost = async (dir: string): Promise<void> => {
  const work = buildWorkload();
  let fileNo = 0;
  const kinds: [string, () => EventStore & { close?: () => Promise<void> }][] = [
    ['in memory', () => createInMemoryEventStore({ now: recordingIn2040 })],
    [
      'embedded store',
      () => openSqliteEventStore(join(dir, `keep-${fileNo++}.db`), { now: recordingIn2040 }),
    ],
  ];
  console.log(`Keeping the tree: ${work.length.toLocaleString('en')} commands, ${ROUNDS} rounds`);
  for (const [name, open] of kinds) {
    const plain: number[] = [];
    const everyCommand: number[] = [];
    const once: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const a = open();
      const plainMs = await commands(a, work, false);
      const started = performance.now();
      await keepTree(a);
      const onceMs = performance.now() - started;
      await a.close?.();
      const b = open();
      const everyMs = await commands(b, work, true);
      await b.close?.();
      if (round === 0) continue; // warm-up
      plain.push(plainMs);
      once.push(onceMs);
      everyCommand.push(everyMs);
    }
    const perCommand = (ms: number): string => `${((ms / work.length) * 1000).toFixed(0)} µs`;
    const [p, e, o] = [median(plain), median(everyCommand), median(once)];
    console.log(`  ${name}`);
    console.log(`    commands alone                      ${perCommand(p)} a command`);
    console.log(
      `    kept after every command            ${perCommand(e)} a command (+${((e / p - 1) * 100).toFixed(1)}%)`,
    );
    console.log(
      `    kept once after all of them         ${perCommand(o)} a command (+${((o / p) * 100).toFixed(1)}%)`,
    );
  }
};

const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
};

const randomBelow = (n: number): number => Math.floor(Math.random() * n);

const largeStore = async (dir: string): Promise<void> => {
  const file = join(dir, 'large.db');
  const written = await timed(() => writeAuditHistory(file, STREAMS));
  const events = STREAMS * EVENTS_PER_STREAM;
  console.log(
    `\n${events.toLocaleString('en')} events in a store file (written in ${(written.ms / 1000).toFixed(0)} s)`,
  );
  const store = openSqliteEventStore(file, { synchronous: 'normal' });
  const first = await timed(() => keepTree(store));
  console.log(`  first keeping (one pass)            ${(first.ms / 1000).toFixed(1)} s`);
  const again = await timed(() => keepTree(store));
  console.log(`  kept again, nothing new             ${again.ms.toFixed(2)} ms`);

  const key = generateSigningKey(ORIGIN);
  if (E.isLeft(key)) throw new Error(key.left.message);
  const signer = parseSignerKey(key.right.signerKey);
  const verifier = parseVerifierKey(key.right.verifierKey);
  if (E.isLeft(signer) || E.isLeft(verifier)) throw new Error('the bench key does not parse');
  const tree = first.value;
  const noted = (size: number) => {
    const fields = { origin: ORIGIN, size, rootHash: tree.root(size), madeAt: recordingIn2040() };
    const note = signCheckpoint(fields, signer.right);
    if (E.isLeft(note)) throw new Error(note.left.message);
    const checkpoint = verifyCheckpoint(note.right, verifier.right);
    if (E.isLeft(checkpoint)) throw new Error(checkpoint.left.message);
    return { note: note.right, checkpoint: checkpoint.right };
  };
  const head = noted(tree.size);

  const inclusion: { ms: number; hashes: number }[] = [];
  for (let i = 0; i < PROOFS; i++) {
    const s = randomBelow(STREAMS);
    const at = { streamId: `MoU-audit-${s}`, revision: BigInt(randomBelow(EVENTS_PER_STREAM)) };
    const made = await timed(() => inclusionProofBundle(store, at, head));
    if (E.isLeft(made.value)) throw new Error(made.value.left.message);
    inclusion.push({ ms: made.ms, hashes: made.value.right.path.length });
  }
  const consistency: { ms: number; hashes: number }[] = [];
  for (let i = 0; i < PROOFS; i++) {
    const from = noted(1 + randomBelow(tree.size));
    const made = await timed(() => consistencyProofBundle(store, from, head));
    if (E.isLeft(made.value)) throw new Error(made.value.left.message);
    consistency.push({ ms: made.ms, hashes: made.value.right.path.length });
  }
  await store.close();
  const log2 = Math.ceil(Math.log2(tree.size));
  const report = (name: string, xs: { ms: number; hashes: number }[], bound: number) =>
    console.log(
      `  ${name} median ${median(xs.map((x) => x.ms)).toFixed(2)} ms, max ${Math.max(...xs.map((x) => x.ms)).toFixed(2)} ms (${PROOFS}); at most ${Math.max(...xs.map((x) => x.hashes))} hashes (bound ${bound})`,
    );
  report('inclusion bundle:  ', inclusion, log2);
  report('consistency bundle:', consistency, log2 + 1);

  const checkpointFile = join(dir, 'checkpoint.note');
  writeFileSync(checkpointFile, head.note);
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, 'verify', file, checkpointFile, key.right.verifierKey],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`the verifying process failed: ${child.stderr}`);
  process.stdout.write(child.stdout);
};

/** In a process of its own: the whole file against the checkpoint, and the peak RSS. */
const verifyInChild = async (file: string, checkpointFile: string, pub: string): Promise<void> => {
  const verifier = parseVerifierKey(pub);
  if (E.isLeft(verifier)) throw new Error(verifier.left.message);
  const checkpoint = verifyCheckpoint(readFileSync(checkpointFile, 'utf8'), verifier.right);
  if (E.isLeft(checkpoint)) throw new Error(checkpoint.left.message);
  const store = openSqliteEventStore(file, { readOnly: true });
  let sampled = process.memoryUsage().rss;
  const verified = await timed(() =>
    verifyAll(store, {
      checkpoints: [checkpoint.right],
      onProgress: () => {
        sampled = Math.max(sampled, process.memoryUsage().rss);
      },
    }),
  );
  await store.close();
  const r = verified.value;
  if (!r.intact || r.checkpoints[0]?.holds !== true) throw new Error('the history did not verify');
  console.log(
    `  verifyAll against the checkpoint    ${(verified.ms / 1000).toFixed(1)} s, ${(r.eventsChecked / (verified.ms / 1000)).toFixed(0)} events/s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (sampled ${(sampled / 2 ** 20).toFixed(0)} MB); kept tree holds: ${r.keptTree?.holds}`,
  );
};

const main = async (): Promise<void> => {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'verify') {
    const [file, checkpointFile, pub] = rest;
    if (file === undefined || checkpointFile === undefined || pub === undefined)
      throw new Error('verify FILE CHECKPOINT PUB');
    await verifyInChild(file, checkpointFile, pub);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-tree-'));
  try {
    await keepingCost(dir);
    await largeStore(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
