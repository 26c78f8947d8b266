import type { KeptLeaf, TreeStorage } from './tree-storage';

/**
 * Tree storage in memory, and the compact arrays it is made of: here rather than beside the
 * keeper so that a store can hold a loaded copy of its tree in the same form (the PostgreSQL
 * store does) without depending on the audit module.
 */

const HASH_SIZE = 32;

/**
 * 32-byte hashes by (level, index), put in order within each level: one growing byte array per
 * level instead of an object per hash (a million events make two million hashes; as separate
 * Buffers they would take several times the memory).
 */
export const createHashLevels = (
  /** Room for this many hashes per level before a level first grows (default 64). */
  initialPerLevel = 64,
) => {
  const levels: { bytes: Uint8Array; count: number }[] = [];
  return {
    get: (level: number, index: number): Uint8Array | undefined => {
      const row = levels[level];
      if (row === undefined || !Number.isInteger(index) || index < 0 || index >= row.count) {
        return undefined;
      }
      return row.bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
    },
    put: (level: number, index: number, hash: Uint8Array): void => {
      if (hash.length !== HASH_SIZE) throw new RangeError('a subtree hash has 32 bytes');
      const row = levels[level] ?? {
        bytes: new Uint8Array(HASH_SIZE * Math.max(1, initialPerLevel)),
        count: 0,
      };
      levels[level] = row;
      // A log puts hashes of one level in order; anything else would leave holes.
      if (index !== row.count)
        throw new RangeError(`level ${level}: put ${index}, expected ${row.count}`);
      if ((index + 1) * HASH_SIZE > row.bytes.length) {
        const grown = new Uint8Array(row.bytes.length * 2);
        grown.set(row.bytes);
        row.bytes = grown;
      }
      row.bytes.set(hash, index * HASH_SIZE);
      row.count += 1;
    },
    /** How many hashes a level holds. */
    count: (level: number): number => levels[level]?.count ?? 0,
  };
};

/** A growing array of 64-bit positions: a million leaves take 8 MB, not a million objects. */
export const createPositions = (initial = 1024) => {
  let values = new BigUint64Array(Math.max(1, initial));
  let count = 0;
  return {
    count: () => count,
    at: (i: number): bigint | undefined =>
      Number.isInteger(i) && i >= 0 && i < count ? values[i] : undefined,
    push: (position: bigint): void => {
      if (count === values.length) {
        const grown = new BigUint64Array(values.length * 2);
        grown.set(values);
        values = grown;
      }
      values[count++] = position;
    },
  };
};

const MAX_POSITION = 2n ** 64n - 1n;

const checkLeaves = (after: bigint | undefined, leaves: readonly KeptLeaf[]): void => {
  let last = after;
  for (const leaf of leaves) {
    if (leaf.hash.length !== HASH_SIZE) throw new RangeError('a leaf hash has 32 bytes');
    if (
      leaf.position < 0n ||
      leaf.position > MAX_POSITION ||
      (last !== undefined && leaf.position <= last)
    )
      throw new RangeError(`leaf positions must increase; ${leaf.position} follows ${last}`);
    last = leaf.position;
  }
};

type Extension = Parameters<NonNullable<TreeStorage['extend']>>;

/** Tree storage in memory whose `extend` answers at once; see `createInMemoryTreeStorage`. */
export interface InMemoryTreeStorage extends TreeStorage {
  readonly extend: (...args: Extension) => boolean;
  /**
   * Throws the RangeError `extend` would throw for these leaves and subtrees, keeping nothing:
   * for a storage that writes them elsewhere first and keeps them here once written.
   */
  readonly check: (...args: Extension) => void;
}

/** Tree storage in memory: for tests, and for stores that keep none of their own. */
export const createInMemoryTreeStorage = (): InMemoryTreeStorage => {
  const hashes = createHashLevels();
  const positions = createPositions();
  const check = (...[from, leaves, subtrees]: Extension): void => {
    checkLeaves(positions.at(from - 1), leaves);
    // Every subtree goes where its level ends, or nothing is kept.
    const next = new Map<number, number>();
    for (const s of subtrees) {
      if (s.hash.length !== HASH_SIZE) throw new RangeError('a subtree hash has 32 bytes');
      const at = next.get(s.level) ?? hashes.count(s.level);
      if (s.level < 1 || s.index !== at)
        throw new RangeError(`subtree (${s.level}, ${s.index}) does not follow the kept ones`);
      next.set(s.level, at + 1);
    }
  };
  return {
    size: positions.count,
    hash: (level, index) => hashes.get(level, index),
    positionOf: positions.at,
    check,
    extend: (from, leaves, subtrees) => {
      if (from !== positions.count()) return false;
      check(from, leaves, subtrees);
      for (const [i, leaf] of leaves.entries()) {
        hashes.put(0, from + i, leaf.hash);
        positions.push(leaf.position);
      }
      for (const s of subtrees) hashes.put(s.level, s.index, s.hash);
      return true;
    },
  };
};
