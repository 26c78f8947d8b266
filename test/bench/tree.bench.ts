/**
 * The Merkle tree over 1,000,000 leaves: how long it takes to keep (appending every leaf, as a
 * store would), how long an inclusion and a consistency proof take to make and check (medians of
 * 101 random ones; target: at most 50 ms to make), how many hashes they hold against ⌈log2 n⌉,
 * and the streaming tree head a verification keeps, beside the plain SHA-256 of every leaf.
 */
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createMerkleLog, createTreeHasher, eventLeaf } from '../../src/audit/merkle-tree';
import { verifyConsistency, verifyInclusion } from '../../src/audit/merkle-proofs';

const LEAVES = 1_000_000;
const PROOFS = 101;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const timed = <T>(work: () => T): { value: T; ms: number } => {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
};

const randomBelow = (n: number): number => Math.floor(Math.random() * n);

const main = (): void => {
  const hashes = Array.from({ length: LEAVES }, () => randomBytes(32).toString('hex'));

  const floor = timed(() => {
    for (const hex of hashes) createHash('sha256').update(Buffer.from(hex, 'hex')).digest();
  });
  const kept = timed(() => {
    const log = createMerkleLog();
    for (const hex of hashes) log.append(eventLeaf(hex));
    return log;
  });
  const streamed = timed(() => {
    const tree = createTreeHasher();
    for (const hex of hashes) tree.push(eventLeaf(hex));
    return tree.root();
  });
  const log = kept.value;
  const n = log.size();

  const inclusion = Array.from({ length: PROOFS }, () => {
    const index = randomBelow(n);
    const made = timed(() => log.inclusionProof(index, n));
    const leaf = eventLeaf(hashes[index] as string);
    const root = log.root(n);
    const checked = timed(() => verifyInclusion(index, n, leaf, made.value, root));
    if (!checked.value.valid) throw new Error(`inclusion proof of ${index} did not verify`);
    return { make: made.ms, check: checked.ms, hashes: made.value.length };
  });
  const consistency = Array.from({ length: PROOFS }, () => {
    const m = 1 + randomBelow(n);
    const made = timed(() => log.consistencyProof(m, n));
    const checked = timed(() => verifyConsistency(m, n, log.root(m), log.root(n), made.value));
    if (!checked.value.valid) throw new Error(`consistency proof from ${m} did not verify`);
    return { make: made.ms, check: checked.ms, hashes: made.value.length };
  });
  const log2 = Math.ceil(Math.log2(n));
  const most = (xs: { hashes: number }[]) => Math.max(...xs.map((x) => x.hashes));

  console.log(`Merkle tree over ${n.toLocaleString('en')} leaves`);
  console.log(`  one SHA-256 per leaf (floor)     ${floor.ms.toFixed(0)} ms`);
  console.log(
    `  kept with every subtree hash     ${kept.ms.toFixed(0)} ms (${(kept.ms / floor.ms).toFixed(2)} x the floor)`,
  );
  console.log(
    `  streamed tree head (verify)      ${streamed.ms.toFixed(0)} ms (${(streamed.ms / floor.ms).toFixed(2)} x the floor)`,
  );
  console.log(
    `  inclusion proof:   make ${median(inclusion.map((p) => p.make)).toFixed(3)} ms, check ${median(inclusion.map((p) => p.check)).toFixed(3)} ms (medians of ${PROOFS}); at most ${most(inclusion)} hashes (⌈log2 n⌉ = ${log2})`,
  );
  console.log(
    `  consistency proof: make ${median(consistency.map((p) => p.make)).toFixed(3)} ms, check ${median(consistency.map((p) => p.check)).toFixed(3)} ms (medians of ${PROOFS}); at most ${most(consistency)} hashes (⌈log2 n⌉ + 1 = ${log2 + 1})`,
  );
  console.log(
    `  peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (the hashes held as text, and the kept tree)`,
  );
};

main();
