import {
  EMPTY_ROOT,
  createInMemorySubtreeHashStore,
  createMerkleLog,
  createTreeHasher,
  eventLeaf,
  hashFromBase64,
  hashFromHex,
  hashToBase64,
  hashToHex,
  leafHash,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type SubtreeHashStore,
} from '../../src';
import vectors from './rfc6962-vectors.json';

const h = (hex: string): Hash => {
  const hash = hashFromHex(hex);
  if (hash === undefined) throw new Error(`bad vector ${hex}`);
  return hash;
};
const hexes = (hashes: readonly Hash[]): string[] => hashes.map(hashToHex);
const root = (n: number): Hash => h(vectors.roots[n] ?? '');
const leafAt = (i: number): Hash => leafHash(Buffer.from(vectors.leafInputs[i] ?? '', 'hex'));
const flip = (hash: Hash, bit = 3): Hash => {
  const copy = Uint8Array.from(hash);
  copy[0] = (copy[0] ?? 0) ^ (1 << bit);
  return copy;
};

const vectorLog = (store?: SubtreeHashStore) => {
  const log = createMerkleLog(store === undefined ? {} : { store });
  vectors.leafInputs.forEach((_, i) => log.append(leafAt(i)));
  return log;
};

describe('RFC 6962 test vectors', () => {
  it('gives the published root for every size from 0 to 8, and the empty tree SHA-256("")', () => {
    const log = vectorLog();
    expect(hashToHex(EMPTY_ROOT)).toBe(vectors.roots[0]);
    expect(vectors.roots.map((_, n) => hashToHex(log.root(n)))).toEqual(vectors.roots);
    expect(hashToHex(log.root())).toBe(vectors.roots[8]);
  });

  it('hashes leaves and keeps exactly the published complete subtrees', () => {
    const kept: string[][] = [];
    const memory = createInMemorySubtreeHashStore();
    const store: SubtreeHashStore = {
      get: memory.get,
      put: (level, index, hash) => {
        (kept[level] ??= [])[index] = hashToHex(hash);
        memory.put(level, index, hash);
      },
    };
    vectorLog(store);
    expect(kept).toEqual(vectors.nodeHashes);
    expect(hashToHex(nodeHash(leafAt(0), leafAt(1)))).toBe(vectors.nodeHashes[1]?.[0]);
  });

  it('streams to the same roots', () => {
    const hasher = createTreeHasher();
    const roots = [hashToHex(hasher.root())];
    vectors.leafInputs.forEach((_, i) => {
      hasher.push(leafAt(i));
      roots.push(hashToHex(hasher.root()));
    });
    expect(roots).toEqual(vectors.roots);
    expect(hasher.size()).toBe(8);
  });

  it.each(vectors.inclusionProofs)(
    'inclusion of leaf $index in $size',
    ({ index, size, proof }) => {
      const log = vectorLog();
      expect(hexes(log.inclusionProof(index, size))).toEqual(proof);
      const path = proof.map(h);
      expect(verifyInclusion(index, size, leafAt(index), path, root(size))).toEqual({
        valid: true,
      });
      const wrong = [
        verifyInclusion(index + 1, size, leafAt(index), path, root(size)),
        verifyInclusion(index, size * 2, leafAt(index), path, root(size)),
        verifyInclusion(index, size, leafHash(Buffer.from('WrongLeaf')), path, root(size)),
        verifyInclusion(index, size, leafAt(index), path, EMPTY_ROOT),
        verifyInclusion(index, size, leafAt(index), [...path, root(size)], root(size)),
        verifyInclusion(index, size, leafAt(index), [root(size), ...path], root(size)),
        ...path.map((_, i) => {
          const tampered = path.map((p, j) => (i === j ? flip(p) : p));
          return verifyInclusion(index, size, leafAt(index), tampered, root(size));
        }),
        ...(path.length > 0
          ? [verifyInclusion(index, size, leafAt(index), path.slice(0, -1), root(size))]
          : []),
      ];
      for (const check of wrong) expect(check.valid).toBe(false);
    },
  );

  it.each(vectors.consistencyProofs)('consistency $first → $second', ({ first, second, proof }) => {
    const log = vectorLog();
    expect(hexes(log.consistencyProof(first, second))).toEqual(proof);
    const path = proof.map(h);
    const [r1, r2] = [root(first), root(second)];
    expect(verifyConsistency(first, second, r1, r2, path)).toEqual({ valid: true });
    if (first === second) return;
    const wrong = [
      verifyConsistency(first - 1, second, r1, r2, path),
      verifyConsistency(first + 1, second, r1, r2, path),
      verifyConsistency(first, second * 2, r1, r2, path),
      verifyConsistency(first, second, r2, r1, path),
      verifyConsistency(first, second, flip(r1), r2, path),
      verifyConsistency(first, second, r1, flip(r2), path),
      verifyConsistency(first, second, r1, r2, []),
      verifyConsistency(first, second, r1, r2, [...path, r2]),
      verifyConsistency(first, second, r1, r2, [r1, ...path]),
      verifyConsistency(first, second, r1, r2, path.slice(0, -1)),
      ...path.map((_, i) => {
        const tampered = path.map((p, j) => (i === j ? flip(p, 4) : p));
        return verifyConsistency(first, second, r1, r2, tampered);
      }),
    ];
    for (const check of wrong) expect(check.valid).toBe(false);
  });
});

describe('consistency: the known ways verifiers go wrong', () => {
  const big = createMerkleLog();
  for (let i = 0; i < 16; i += 1) big.append(leafHash(Buffer.of(i)));

  it('refuses a proof that stops short of the second size', () => {
    // A proof from 4 to 8 is also a prefix of the way to 16: a verifier that does not check that
    // it used up the second size would take root(8) for the root of a tree of 16.
    const proof = big.consistencyProof(4, 8);
    expect(verifyConsistency(4, 8, big.root(4), big.root(8), proof).valid).toBe(true);
    expect(verifyConsistency(4, 16, big.root(4), big.root(8), proof)).toEqual({
      valid: false,
      reason: 'wrong-proof-length',
    });
    expect(verifyConsistency(4, 16, big.root(4), big.root(16), proof).valid).toBe(false);
  });

  it('refuses a proof with hashes left over once the second size is used up', () => {
    const proof = big.consistencyProof(6, 16);
    const [r6, r16] = [big.root(6), big.root(16)];
    expect(verifyConsistency(6, 16, r6, r16, [...proof, r16])).toEqual({
      valid: false,
      reason: 'wrong-proof-length',
    });
    const path = big.inclusionProof(6, 16);
    expect(verifyInclusion(6, 16, leafHash(Buffer.of(6)), [...path, r16], r16)).toEqual({
      valid: false,
      reason: 'wrong-proof-length',
    });
  });

  it('refuses an empty proof between equal sizes with different roots', () => {
    expect(verifyConsistency(5, 5, big.root(5), big.root(5), []).valid).toBe(true);
    expect(verifyConsistency(5, 5, big.root(5), big.root(6), [])).toEqual({
      valid: false,
      reason: 'root-mismatch',
    });
    expect(verifyConsistency(5, 5, big.root(5), big.root(5), [big.root(5)]).valid).toBe(false);
  });

  it('refuses every proof from size 0, and m > n', () => {
    for (const proof of [[], [EMPTY_ROOT], big.consistencyProof(1, 16)]) {
      expect(verifyConsistency(0, 16, EMPTY_ROOT, big.root(16), proof)).toEqual({
        valid: false,
        reason: 'bad-sizes',
      });
      expect(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, proof).valid).toBe(false);
    }
    expect(
      verifyConsistency(8, 4, big.root(8), big.root(4), big.consistencyProof(4, 8)).valid,
    ).toBe(false);
  });
});

describe('verifiers take anything without throwing', () => {
  const log = vectorLog();
  const proof = log.inclusionProof(5, 8);
  const cproof = log.consistencyProof(6, 8);
  const odd = [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60];
  // Proofs usually arrive as JSON: whatever it holds is what a verifier gets at run time.
  const fromJson = <T>(text: string): T => JSON.parse(text);

  it('says why a malformed inclusion check fails', () => {
    expect(verifyInclusion(8, 8, leafAt(0), proof, root(8)).valid).toBe(false);
    expect(verifyInclusion(0, 0, leafAt(0), [], EMPTY_ROOT).valid).toBe(false);
    for (const bad of odd) {
      expect(verifyInclusion(bad, 8, leafAt(5), proof, root(8))).toMatchObject({ valid: false });
      expect(verifyInclusion(5, bad, leafAt(5), proof, root(8))).toMatchObject({ valid: false });
    }
    const short = new Uint8Array(31);
    expect(verifyInclusion(5, 8, short, proof, root(8)).valid).toBe(false);
    expect(verifyInclusion(5, 8, leafAt(5), proof, short).valid).toBe(false);
    expect(verifyInclusion(5, 8, leafAt(5), [...proof.slice(0, 2), short], root(8))).toEqual({
      valid: false,
      reason: 'malformed-hash',
    });
    const notHashes = fromJson<Hash[]>('[null, "aa", { "length": 32 }]');
    expect(verifyInclusion(5, 8, leafAt(5), notHashes, root(8)).valid).toBe(false);
    expect(verifyInclusion(5, 8, leafAt(5), fromJson<Hash[]>('null'), root(8)).valid).toBe(false);
    expect(verifyInclusion(fromJson<number>('"5"'), 8, leafAt(5), proof, root(8)).valid).toBe(
      false,
    );
    expect(verifyConsistency(6, fromJson<number>('null'), root(6), root(8), cproof).valid).toBe(
      false,
    );
  });

  it('says why a malformed consistency check fails', () => {
    for (const bad of odd) {
      expect(verifyConsistency(bad, 8, root(6), root(8), cproof).valid).toBe(false);
      expect(verifyConsistency(6, bad, root(6), root(8), cproof).valid).toBe(false);
    }
    expect(verifyConsistency(6, 8, new Uint8Array(33), root(8), cproof)).toEqual({
      valid: false,
      reason: 'malformed-hash',
    });
    expect(verifyConsistency(6, 8, root(6), root(8), [new Uint8Array(0)]).valid).toBe(false);
  });
});

describe('hashes as text', () => {
  it('round-trips hex and base64 and refuses anything else', () => {
    const hash = root(8);
    expect(hashFromHex(hashToHex(hash))).toEqual(hash);
    expect(hashToBase64(hash)).toBe(Buffer.from(vectors.roots[8] ?? '', 'hex').toString('base64'));
    expect(hashFromBase64(hashToBase64(hash))).toEqual(hash);
    for (const bad of ['', 'AB'.repeat(32), 'ab'.repeat(31), `${'ab'.repeat(32)}\n`]) {
      expect(hashFromHex(bad)).toBeUndefined();
    }
    const b64 = hashToBase64(hash);
    for (const bad of ['', b64.slice(1), `${b64}=`, `!${b64.slice(1)}`, 'AAAA']) {
      expect(hashFromBase64(bad)).toBeUndefined();
    }
  });

  it('makes an event leaf from the 32 bytes of its integrity hash, not from its hex text', () => {
    const eventHash = 'ab'.repeat(32);
    expect(eventLeaf(eventHash)).toEqual(leafHash(Buffer.from(eventHash, 'hex')));
    expect(eventLeaf(eventHash)).not.toEqual(leafHash(Buffer.from(eventHash, 'utf8')));
    expect(() => eventLeaf('AB'.repeat(32))).toThrow(TypeError);
  });
});

describe('the log refuses what it cannot answer', () => {
  it('throws for sizes past its own, and for a consistency proof from 0', () => {
    const log = vectorLog();
    expect(() => log.root(9)).toThrow(RangeError);
    expect(() => log.inclusionProof(8)).toThrow(RangeError);
    expect(() => log.inclusionProof(3, 3)).toThrow(RangeError);
    expect(() => log.consistencyProof(0, 4)).toThrow(RangeError);
    expect(() => log.consistencyProof(5, 4)).toThrow(RangeError);
    expect(log.consistencyProof(8, 8)).toEqual([]);
    expect(() => log.append(new Uint8Array(16))).toThrow(RangeError);
  });

  it('reopens over a store that already holds the hashes', () => {
    const store = createInMemorySubtreeHashStore();
    vectorLog(store);
    const reopened = createMerkleLog({ store, size: 8 });
    expect(hashToHex(reopened.root())).toBe(vectors.roots[8]);
    expect(hexes(reopened.inclusionProof(5, 8))).toEqual(vectors.inclusionProofs[2]?.proof);
  });
});
