import * as crypto from 'node:crypto';
import { createHashLevels } from '../kernel/in-memory-tree-storage';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency v2), section 2.1, over the global order of
 * events: pure hashing, a log that keeps the hashes of its complete subtrees as they close, and a
 * streaming hasher. Verifiers are in merkle-proofs.ts.
 */

/** A SHA-256 digest: 32 bytes. */
export type Hash = Uint8Array;

export const HASH_SIZE = 32;

// The one-shot `crypto.hash` (Node 20.12 and later) is about 40% faster than a Hash object, and a
// million-event tree hashes two million times.
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;

const digest = (data: Uint8Array): Buffer =>
  oneShot === undefined
    ? crypto.createHash('sha256').update(data).digest()
    : oneShot('sha256', data, 'buffer');

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = digest(new Uint8Array(0));

// Scratch space for the two fixed-size inputs, so that hashing a node allocates only its result.
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;
const eventInput = Buffer.alloc(1 + HASH_SIZE);

/** SHA-256(0x00 || data): the prefix keeps a leaf from passing for a node. */
export const leafHash = (data: Uint8Array): Hash =>
  crypto.createHash('sha256').update(Buffer.of(0x00)).update(data).digest();

/** SHA-256(0x01 || left || right). Both must be 32 bytes. */
export const nodeHash = (left: Hash, right: Hash): Hash => {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    throw new RangeError('a node hash takes two 32-byte hashes');
  }
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return digest(nodeInput);
};

const HEX_HASH = /^[0-9a-f]{64}$/;

export const hashToHex = (hash: Hash): string => Buffer.from(hash).toString('hex');

export const hashToBase64 = (hash: Hash): string => Buffer.from(hash).toString('base64');

/** The hash written as 64 lowercase hex digits, or undefined for anything else. */
export const hashFromHex = (text: string): Hash | undefined =>
  HEX_HASH.test(text) ? Buffer.from(text, 'hex') : undefined;

/** The hash written in base64 (44 characters, padded), or undefined for anything else. */
export const hashFromBase64 = (text: string): Hash | undefined => {
  // Node's decoder skips characters it does not know; the round trip refuses them instead.
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === HASH_SIZE && bytes.toString('base64') === text ? bytes : undefined;
};

/**
 * The leaf of one event: leafHash of the 32 raw bytes of its integrity hash
 * (`metadata.integrity.hash`, 64 lowercase hex digits). Throws on anything else, since a store
 * only ever holds hashes that decoded as Sha256Hex.
 */
export const eventLeaf = (hashHex: string): Hash => {
  if (!HEX_HASH.test(hashHex)) throw new TypeError(`not a SHA-256 hex digest: ${hashHex}`);
  eventInput.write(hashHex, 1, 'hex');
  return digest(eventInput);
};

/**
 * Where a log keeps its hashes: the hash of the perfect subtree at (level, index) covers leaves
 * index·2^level up to (index+1)·2^level - 1, so level 0 holds the leaf hashes. A log puts each
 * hash once, when its subtree closes, and never changes it; it asks only for subtrees that have
 * closed. This is the whole contract, so a store can keep the same hashes in a table keyed by
 * (level, index), or as C2SP tlog-tiles (a tile of 256 hashes at tile level L, index t, holds
 * levels 8L; a store of tiles can answer the levels between from the tile below).
 */
export interface SubtreeHashStore {
  readonly get: (level: number, index: number) => Hash | undefined;
  readonly put: (level: number, index: number, hash: Hash) => void;
}

/**
 * Hashes in memory: one growing byte array per level instead of an object per hash (a million
 * events make two million hashes; as separate Buffers they would take several times the memory).
 */
export const createInMemorySubtreeHashStore = (
  /** Room for this many hashes per level before a level first grows (default 64). */
  initialPerLevel = 64,
): SubtreeHashStore => createHashLevels(initialPerLevel);

/** A Merkle tree that grows one leaf at a time and answers for any prefix of itself. */
export interface MerkleLog {
  /** Adds a leaf hash (from leafHash or eventLeaf): O(log n) hashes, one on average. */
  readonly append: (leaf: Hash) => void;
  readonly size: () => number;
  /** MTH of the first n leaves, n ≤ size: O(log n) reads and hashes. */
  readonly root: (n?: number) => Hash;
  /** RFC 9162 §2.1.3.1 PATH(index, D[n]), leaf side first. */
  readonly inclusionProof: (index: number, n?: number) => Hash[];
  /** RFC 9162 §2.1.4.1 PROOF(m, D[n]) for 0 < m ≤ n (empty for m = n). */
  readonly consistencyProof: (m: number, n?: number) => Hash[];
}

export interface MerkleLogOptions {
  /** Where the subtree hashes live; in memory unless given. */
  readonly store?: SubtreeHashStore;
  /** How many leaves the store already holds the subtrees of (a log reopened). */
  readonly size?: number;
}

/** The largest power of two smaller than n, for n ≥ 2: where RFC 9162 splits a tree of n. */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

export const isPowerOfTwo = (n: number): boolean => {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
};

/** log2 of a power of two. */
const levelOf = (width: number): number => Math.round(Math.log2(width));

const checkSize = (name: string, value: number, max: number): void => {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer from 0 to ${max}, not ${value}`);
  }
};

export const createMerkleLog = (options: MerkleLogOptions = {}): MerkleLog => {
  const store = options.store ?? createInMemorySubtreeHashStore();
  let size = options.size ?? 0;
  checkSize('size', size, Number.MAX_SAFE_INTEGER);

  const stored = (level: number, index: number): Hash => {
    const hash = store.get(level, index);
    if (hash === undefined)
      throw new Error(`the store has no hash for subtree (${level}, ${index})`);
    return hash;
  };

  // MTH(D[lo:hi]). In the RFC's recursion every left part is perfect and aligned, so it is one
  // read; only the right edge is hashed, and that is at most log2(hi - lo) levels deep.
  const treeHash = (lo: number, hi: number): Hash => {
    const width = hi - lo;
    if (isPowerOfTwo(width)) {
      const level = levelOf(width);
      return stored(level, lo / width);
    }
    const k = splitPoint(width);
    return nodeHash(treeHash(lo, lo + k), treeHash(lo + k, hi));
  };

  const path = (index: number, lo: number, hi: number): Hash[] => {
    if (hi - lo === 1) return [];
    const k = splitPoint(hi - lo);
    return index < lo + k
      ? [...path(index, lo, lo + k), treeHash(lo + k, hi)]
      : [...path(index, lo + k, hi), treeHash(lo, lo + k)];
  };

  // SUBPROOF(m, D[lo:hi], b) with m counted from lo: b says whether D[lo:hi] is still the whole
  // first tree's path, whose root the verifier already has.
  const subproof = (m: number, lo: number, hi: number, whole: boolean): Hash[] => {
    if (m === hi - lo) return whole ? [] : [treeHash(lo, hi)];
    const k = splitPoint(hi - lo);
    return m <= k
      ? [...subproof(m, lo, lo + k, whole), treeHash(lo + k, hi)]
      : [...subproof(m - k, lo + k, hi, false), treeHash(lo, lo + k)];
  };

  return {
    append: (leaf) => {
      if (leaf.length !== HASH_SIZE) throw new RangeError('a leaf hash has 32 bytes');
      let index = size;
      let level = 0;
      let hash = leaf;
      store.put(level, index, hash);
      // Each odd index closes the pair it ends, and possibly the pairs above it.
      while (index % 2 === 1) {
        hash = nodeHash(stored(level, index - 1), hash);
        index = (index - 1) / 2;
        level += 1;
        store.put(level, index, hash);
      }
      size += 1;
    },
    size: () => size,
    root: (n = size) => {
      checkSize('n', n, size);
      return n === 0 ? EMPTY_ROOT : treeHash(0, n);
    },
    inclusionProof: (index, n = size) => {
      checkSize('n', n, size);
      checkSize('index', index, n - 1);
      return path(index, 0, n);
    },
    consistencyProof: (m, n = size) => {
      checkSize('n', n, size);
      checkSize('m', m, n);
      if (m === 0)
        throw new RangeError('RFC 9162 defines no consistency proof from the empty tree');
      return subproof(m, 0, n, true);
    },
  };
};

/** Folds leaves into a root in O(log n) memory: for checking a whole store in one pass. */
export interface TreeHasher {
  readonly push: (leaf: Hash) => void;
  readonly size: () => number;
  /** MTH of the leaves pushed so far. */
  readonly root: () => Hash;
}

export const createTreeHasher = (): TreeHasher => {
  // The perfect subtrees of the tree so far, largest first: one per set bit of the size.
  const frontier: { width: number; hash: Hash }[] = [];
  let size = 0;
  return {
    push: (leaf) => {
      if (leaf.length !== HASH_SIZE) throw new RangeError('a leaf hash has 32 bytes');
      let top = { width: 1, hash: leaf };
      for (let last = frontier.at(-1); last?.width === top.width; last = frontier.at(-1)) {
        frontier.pop();
        top = { width: top.width * 2, hash: nodeHash(last.hash, top.hash) };
      }
      frontier.push(top);
      size += 1;
    },
    size: () => size,
    root: () => {
      let root: Hash | undefined;
      for (let i = frontier.length - 1; i >= 0; i -= 1) {
        const part = frontier[i];
        if (part !== undefined) root = root === undefined ? part.hash : nodeHash(part.hash, root);
      }
      return root ?? EMPTY_ROOT;
    },
  };
};
