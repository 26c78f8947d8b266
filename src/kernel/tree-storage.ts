/**
 * Where a store keeps the Merkle tree over its global order, beside its events (the tree itself,
 * and how it is brought up to date, are in audit/tree-keeper.ts). A store that offers none still
 * has a tree: the keeper holds it in memory for as long as the store object lives.
 *
 * Indexes follow RFC 9162: the subtree at (level, index) covers leaves index·2^level up to
 * (index+1)·2^level - 1, so level 0 holds the leaf hashes. Hashes are 32 bytes.
 *
 * The reads are synchronous: a storage whose rows live on a server (PostgreSQL) answers them from
 * a copy in memory, which `load` brings up to date, and writes through an asynchronous `extend`.
 */

/** One leaf: the event's place in the global order, and its leaf hash. */
export interface KeptLeaf {
  readonly position: bigint;
  readonly hash: Uint8Array;
}

/** A perfect subtree above the leaves (level 1 or more) that closed. */
export interface KeptSubtree {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

export interface TreeStorage {
  /**
   * Brings what the reads below answer up to date with what the storage holds, leaves other
   * writers (other processes) kept included. The keeper awaits it before every catch-up, and
   * `verifyAll` before it takes the kept tree. Absent when the reads always answer from the
   * storage itself.
   */
  readonly load?: () => Promise<void>;
  /** How many leaves are kept. */
  readonly size: () => number;
  /** The hash of the closed subtree (level, index), level 0 for a leaf; undefined if not kept. */
  readonly hash: (level: number, index: number) => Uint8Array | undefined;
  /** The global position of the event leaf `index` stands for. */
  readonly positionOf: (index: number) => bigint | undefined;
  /**
   * Adds `leaves` after the first `from` and the subtrees they close, all or none. Answers false,
   * keeping nothing, when the storage no longer holds exactly `from` leaves (another writer kept
   * them first). Absent when the storage is read-only. Once it answers true, the reads answer
   * for the new leaves too.
   */
  readonly extend?: (
    from: number,
    leaves: readonly KeptLeaf[],
    subtrees: readonly KeptSubtree[],
  ) => boolean | Promise<boolean>;
}
