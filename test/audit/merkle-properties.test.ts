import * as fc from 'fast-check';
import {
  createMerkleLog,
  createTreeHasher,
  hashToHex,
  leafHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type MerkleLog,
} from '../../src';
import {
  consistencyShape,
  inclusionShape,
  refLeaf,
  refMth,
  refPath,
  refProof,
} from './merkle-reference';
import { scaled } from '../support/time-scale';

const leafInput = fc.uint8Array({ minLength: 0, maxLength: 12 });
// Distinct leaves: with two equal leaves, a proof for one is rightly a proof for the other.
const distinct = (maxLength: number) =>
  fc.uniqueArray(leafInput, {
    minLength: 1,
    maxLength,
    size: 'max',
    selector: (input) => Buffer.from(input).toString('hex'),
  });
// Up to a few thousand leaves, often few, where the edge cases are.
const leafInputs = fc.oneof(distinct(40), distinct(3000));

const logOf = (inputs: readonly Uint8Array[]): MerkleLog => {
  const log = createMerkleLog();
  for (const input of inputs) log.append(leafHash(input));
  return log;
};

const flipBit = (hash: Hash, bit: number): Hash => {
  const copy = Uint8Array.from(hash);
  const byte = Math.floor(bit / 8) % copy.length;
  copy[byte] = (copy[byte] ?? 0) ^ (1 << (bit % 8));
  return copy;
};

const ceilLog2 = (n: number): number => Math.ceil(Math.log2(n));

/** A tree, a size n within it, and one more number to pick with. */
const treeAndSize = leafInputs.chain((inputs) =>
  fc.record({
    inputs: fc.constant(inputs),
    n: fc.integer({ min: 1, max: inputs.length }),
    pick: fc.nat(),
    bit: fc.nat({ max: 255 }),
  }),
);

// Thousands of leaves per run on a shared machine: more than jest's default 5 s is no fault.
jest.setTimeout(scaled(60_000));

describe('the Merkle log against RFC 9162 written out naively', () => {
  it('gives MTH(D[n]) for every prefix asked for, and streams to the same root', () => {
    fc.assert(
      fc.property(treeAndSize, ({ inputs, n }) => {
        const log = logOf(inputs);
        expect(hashToHex(log.root(n))).toBe(hashToHex(refMth(inputs.slice(0, n))));
        const hasher = createTreeHasher();
        for (const input of inputs) hasher.push(leafHash(input));
        expect(hashToHex(hasher.root())).toBe(hashToHex(log.root()));
        expect(hashToHex(log.root(0))).toBe(hashToHex(refMth([])));
      }),
      { numRuns: 60 },
    );
  });

  it('gives PATH(m, D[n]) that verifies, within ⌈log2 n⌉ hashes', () => {
    fc.assert(
      fc.property(treeAndSize, ({ inputs, n, pick }) => {
        const log = logOf(inputs);
        const index = pick % n;
        const proof = log.inclusionProof(index, n);
        const prefix = inputs.slice(0, n);
        expect(proof.map(hashToHex)).toEqual(refPath(index, prefix).map(hashToHex));
        expect(proof.length).toBeLessThanOrEqual(ceilLog2(n));
        const leaf = refLeaf(prefix[index] ?? new Uint8Array());
        expect(verifyInclusion(index, n, leaf, proof, log.root(n))).toEqual({ valid: true });
      }),
      { numRuns: 60 },
    );
  });

  it('gives PROOF(m, D[n]) that verifies, within ⌈log2 n⌉ + 1 hashes', () => {
    fc.assert(
      fc.property(treeAndSize, ({ inputs, n, pick }) => {
        const log = logOf(inputs);
        const m = 1 + (pick % n);
        const proof = log.consistencyProof(m, n);
        expect(proof.map(hashToHex)).toEqual(refProof(m, inputs.slice(0, n)).map(hashToHex));
        expect(proof.length).toBeLessThanOrEqual(ceilLog2(n) + 1);
        expect(verifyConsistency(m, n, log.root(m), log.root(n), proof)).toEqual({ valid: true });
      }),
      { numRuns: 60 },
    );
  });
});

describe('a proof fails once anything in it is changed', () => {
  it('inclusion: any bit of any hash, the index, or the size', () => {
    fc.assert(
      fc.property(treeAndSize, fc.nat(), ({ inputs, n, pick, bit }, other) => {
        const log = logOf(inputs);
        const index = pick % n;
        const proof = log.inclusionProof(index, n);
        const leaf = leafHash(inputs[index] ?? new Uint8Array());
        const root = log.root(n);
        const rejects = (check: { valid: boolean }): void => expect(check.valid).toBe(false);
        rejects(verifyInclusion(index, n, flipBit(leaf, bit), proof, root));
        rejects(verifyInclusion(index, n, leaf, proof, flipBit(root, bit)));
        proof.forEach((_, at) => {
          const tampered = proof.map((p, j) => (j === at ? flipBit(p, bit) : p));
          rejects(verifyInclusion(index, n, leaf, tampered, root));
        });
        rejects(verifyInclusion(index, n, leaf, [...proof, root], root));
        if (proof.length > 0) rejects(verifyInclusion(index, n, leaf, proof.slice(1), root));
        // Another leaf index, in the same tree.
        const otherIndex = (index + 1 + (other % Math.max(1, n - 1))) % n;
        if (otherIndex !== index) rejects(verifyInclusion(otherIndex, n, leaf, proof, root));
        // Another size: hash for hash the same computation, so it can pass only where the RFC
        // path has the same shape for both sizes (a root is only ever trusted with its size).
        const otherSize = index + 1 + (other % 5000);
        if (otherSize !== n) {
          const same = inclusionShape(index, otherSize) === inclusionShape(index, n);
          expect(verifyInclusion(index, otherSize, leaf, proof, root).valid).toBe(same);
        }
        rejects(verifyInclusion(index, n * 2, leaf, proof, root));
      }),
      { numRuns: 80 },
    );
  });

  it('consistency: a changed root, a leaf changed before m, or other sizes', () => {
    fc.assert(
      fc.property(treeAndSize, fc.nat(), leafInput, ({ inputs, n, pick, bit }, other, changed) => {
        const log = logOf(inputs);
        const m = 1 + (pick % n);
        const proof = log.consistencyProof(m, n);
        const [r1, r2] = [log.root(m), log.root(n)];
        const rejects = (check: { valid: boolean }): void => expect(check.valid).toBe(false);
        rejects(verifyConsistency(m, n, flipBit(r1, bit), r2, proof));
        rejects(verifyConsistency(m, n, r1, flipBit(r2, bit), proof));
        proof.forEach((_, at) => {
          const tampered = proof.map((p, j) => (j === at ? flipBit(p, bit) : p));
          rejects(verifyConsistency(m, n, r1, r2, tampered));
        });
        rejects(verifyConsistency(m, n, r1, r2, [...proof, r2]));
        if (m < n) rejects(verifyConsistency(m, n, r1, r2, proof.slice(0, -1)));
        // History rewritten before m: neither the new log's proof nor the old one links them.
        const at = other % m;
        if (hashToHex(leafHash(changed)) !== hashToHex(leafHash(inputs[at] ?? new Uint8Array()))) {
          const rewritten = logOf(inputs.map((input, i) => (i === at ? changed : input)));
          const r2x = rewritten.root(n);
          rejects(verifyConsistency(m, n, r1, r2x, rewritten.consistencyProof(m, n)));
          rejects(verifyConsistency(m, n, r1, r2x, proof));
        }
        // Other sizes pass only where the RFC proof has the same shape.
        const m2 = 1 + (other % n);
        const n2 = m + (other % 5000);
        for (const [a, b] of [
          [m2, n],
          [m, n2],
        ] as const) {
          if (a === m && b === n) continue;
          const same = consistencyShape(a, b) === consistencyShape(m, n) && (a === b) === (m === n);
          expect(verifyConsistency(a, b, r1, r2, proof).valid).toBe(same && a <= b);
        }
        rejects(verifyConsistency(m, n * 2, r1, r2, proof));
        rejects(verifyConsistency(0, n, r1, r2, proof));
      }),
      { numRuns: 80 },
    );
  });
});
