import { LogCheckpoint } from '@sigstore/verify/dist/tlog/checkpoint';
import { verifyMerkleInclusion } from '@sigstore/verify/dist/tlog/merkle';
import * as fc from 'fast-check';
import { createMerkleLog, leafHash, verifyInclusion, type Hash } from '../../src';
import { scaled } from '../support/time-scale';

/**
 * A cross-check against an implementation written by others: Sigstore verifies Rekor inclusion
 * proofs as RFC 6962 gives them (its verifier is not exported by name, so the test reaches into
 * the package; the version is pinned). Whatever is tampered with, the two must agree.
 */

const sigstoreAccepts = (
  data: Uint8Array,
  index: number,
  size: number,
  proof: readonly Hash[],
  root: Hash,
): boolean => {
  const entry = {
    logIndex: String(index),
    logId: { keyId: Buffer.alloc(32) },
    kindVersion: { kind: 'hashedrekord', version: '0.0.1' },
    integratedTime: '0',
    inclusionPromise: undefined,
    canonicalizedBody: Buffer.from(data),
    inclusionProof: {
      logIndex: String(index),
      rootHash: Buffer.from(root),
      treeSize: String(size),
      hashes: proof.map((hash) => Buffer.from(hash)),
      checkpoint: { envelope: '' },
    },
  };
  try {
    verifyMerkleInclusion(entry, new LogCheckpoint('test', BigInt(size), Buffer.from(root), []));
    return true;
  } catch {
    return false;
  }
};

type Tamper = 'none' | 'proof-bit' | 'index' | 'size' | 'root' | 'leaf' | 'extra' | 'missing';
const tampers: readonly Tamper[] = [
  'none',
  'proof-bit',
  'index',
  'size',
  'root',
  'leaf',
  'extra',
  'missing',
];

const flipped = (bytes: Uint8Array, at: number): Uint8Array => {
  if (bytes.length === 0) return Uint8Array.of(7);
  const copy = Uint8Array.from(bytes);
  const i = at % copy.length;
  copy[i] = (copy[i] ?? 0) ^ 1;
  return copy;
};

// Thousands of leaves per run on a shared machine: more than jest's default 5 s is no fault.
jest.setTimeout(scaled(60_000));

describe('inclusion proofs, cross-checked with @sigstore/verify', () => {
  it('accepts the proofs Sigstore accepts, and refuses the ones it refuses', () => {
    const cases = fc.record({
      inputs: fc.array(fc.uint8Array({ maxLength: 8 }), {
        minLength: 1,
        maxLength: 1200,
        size: 'max',
      }),
      pick: fc.nat(),
      other: fc.nat({ max: 3000 }),
      tamper: fc.constantFrom(...tampers),
    });
    let accepted = 0;
    fc.assert(
      fc.property(cases, ({ inputs, pick, other, tamper }) => {
        const log = createMerkleLog();
        for (const input of inputs) log.append(leafHash(input));
        let index = pick % inputs.length;
        let size = inputs.length;
        let data: Uint8Array = inputs[index] ?? new Uint8Array();
        let root: Hash = log.root();
        let proof = log.inclusionProof(index, size);
        if (tamper === 'proof-bit' && proof.length > 0) {
          proof = proof.map((p, j) => (j === other % proof.length ? flipped(p, other) : p));
        }
        if (tamper === 'index') index = other % size;
        if (tamper === 'size') size = index + 1 + other;
        if (tamper === 'root') root = flipped(root, other);
        if (tamper === 'leaf') data = flipped(data, other);
        if (tamper === 'extra') proof = [...proof, root];
        if (tamper === 'missing') proof = proof.slice(1);
        const ours = verifyInclusion(index, size, leafHash(data), proof, root).valid;
        expect(ours).toBe(sigstoreAccepts(data, index, size, proof, root));
        if (ours) accepted += 1;
      }),
      { numRuns: 300 },
    );
    // Both sides of the comparison were exercised.
    expect(accepted).toBeGreaterThan(10);
    expect(accepted).toBeLessThan(290);
  });
});
