import type { EventStore, StoredEvent } from '../kernel/event-store';
import { sha256 } from '../kernel/integrity';
import { createInMemoryTreeStorage, createPositions } from '../kernel/in-memory-tree-storage';
import type { KeptLeaf, KeptSubtree, TreeStorage } from '../kernel/tree-storage';
import {
  createInMemorySubtreeHashStore,
  createMerkleLog,
  eventLeaf,
  hashFromHex,
  type Hash,
  type SubtreeHashStore,
} from './merkle-tree';
import { sealedHashOf } from './sealed-record';

/**
 * The tree keeper: follows a store's global order, as a projection does, and keeps the Merkle
 * tree of it beside the events (in the store's `tree` storage, or in memory for a store that has
 * none), so that a proof is a few reads instead of a pass over the whole log. Only the events
 * appended since the last call are read. The tree is brought up to date when asked: by
 * `keepTree`, and by every proof and signed checkpoint.
 *
 * A kept leaf is `eventLeaf` of the event's own integrity hash, as sealed in its metadata; an
 * event without one (never written by the library) stands for the hash of its data and metadata,
 * as in `verifyAll`. For an intact history the kept tree and the tree `verifyAll` recomputes are
 * the same; `verifyAll` reports it when they are not.
 */

export {
  createInMemoryTreeStorage,
  type InMemoryTreeStorage,
} from '../kernel/in-memory-tree-storage';

/**
 * The leaves kept since `start` and not yet in the storage: per level, the subtrees closed after
 * the first `start` leaves (at level L the first of them has index ⌊start / 2^L⌋).
 */
const createTail = (start: number) => {
  // Small to begin with: a service that keeps the tree after every command has a tail of one.
  const hashes = createInMemorySubtreeHashStore(2);
  const positions = createPositions(2);
  const offset = (level: number): number => Math.floor(start / 2 ** level);
  return {
    start,
    size: (): number => start + positions.count(),
    get: (level: number, index: number): Hash | undefined =>
      index >= offset(level) ? hashes.get(level, index - offset(level)) : undefined,
    put: (level: number, index: number, hash: Hash): void =>
      hashes.put(level, index - offset(level), hash),
    positionOf: (index: number): bigint | undefined => positions.at(index - start),
    addPosition: positions.push,
    /** What the storage needs to hold everything kept here. */
    contents: (): { leaves: KeptLeaf[]; subtrees: KeptSubtree[] } => {
      const end = start + positions.count();
      const leaves: KeptLeaf[] = [];
      for (let i = start; i < end; i++)
        leaves.push({
          position: positions.at(i - start) ?? 0n,
          hash: hashes.get(0, i - start) ?? new Uint8Array(),
        });
      const subtrees: KeptSubtree[] = [];
      for (let level = 1; 2 ** level <= end; level++)
        for (let index = offset(level); index < Math.floor(end / 2 ** level); index++) {
          const hash = hashes.get(level, index - offset(level));
          if (hash !== undefined) subtrees.push({ level, index, hash });
        }
      return { leaves, subtrees };
    },
  };
};
type Tail = ReturnType<typeof createTail>;

/** The leaf the keeper keeps for an event (see above). */
export const keptLeafOf = (event: StoredEvent): Hash => {
  const sealed = sealedHashOf(event);
  return eventLeaf(
    sealed !== undefined && hashFromHex(sealed) !== undefined
      ? sealed
      : sha256(`${event.data}\n${event.metadata}`),
  );
};

/** A store's tree as kept when it was asked for; later growth does not change it. */
export interface KeptTree {
  /** The number of leaves: the events of the global order it covers. */
  readonly size: number;
  /** MTH of the first n leaves, n ≤ size. */
  readonly root: (n?: number) => Hash;
  /** RFC 9162 PATH(index, D[n]), leaf side first. */
  readonly inclusionProof: (index: number, n?: number) => Hash[];
  /** RFC 9162 PROOF(m, D[n]), 0 < m ≤ n. */
  readonly consistencyProof: (m: number, n?: number) => Hash[];
  /** The leaf kept for leaf `index`. */
  readonly leaf: (index: number) => Hash | undefined;
  /** The global position of the event leaf `index` stands for. */
  readonly positionOf: (index: number) => bigint | undefined;
  /** The leaf of the event at `position`, if the tree covers it: O(log n) reads. */
  readonly leafIndexOf: (position: bigint) => number | undefined;
}

interface Keeping {
  readonly base: TreeStorage;
  tail: Tail;
}

const keepings = new WeakMap<EventStore, Keeping>();
const running = new WeakMap<EventStore, Promise<unknown>>();

/** The storage and the tail of a store, the tail starting where the storage ends. */
const keepingOf = (store: EventStore): Keeping => {
  const known = keepings.get(store);
  const base = store.tree ?? known?.base ?? createInMemoryTreeStorage();
  // Another writer may have kept leaves in the storage since: it is the record, the tail goes.
  if (known?.base === base && known.tail.start === base.size()) return known;
  const keeping = { base, tail: createTail(base.size()) };
  keepings.set(store, keeping);
  return keeping;
};

const viewOf = (keeping: Keeping, tail: Tail = keeping.tail): KeptTree => {
  const { base } = keeping;
  const size = tail.size();
  const hash = (level: number, index: number): Hash | undefined =>
    tail.get(level, index) ?? base.hash(level, index);
  const positionOf = (index: number): bigint | undefined =>
    index >= size
      ? undefined
      : index >= tail.start
        ? tail.positionOf(index)
        : base.positionOf(index);
  const log = createMerkleLog({ store: { get: hash, put: () => undefined }, size });
  const leafIndexOf = (position: bigint): number | undefined => {
    const first = positionOf(0);
    if (first === undefined || position < first) return undefined;
    // Stores that number their events 1, 2, 3, ... answer at the first guess.
    const guess = position - first;
    if (guess < BigInt(size) && positionOf(Number(guess)) === position) return Number(guess);
    let [lo, hi] = [0, size - 1];
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const at = positionOf(mid) ?? -1n;
      if (at === position) return mid;
      if (at < position) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  return {
    size,
    root: log.root,
    inclusionProof: log.inclusionProof,
    consistencyProof: log.consistencyProof,
    leaf: (index) => (index < size ? hash(0, index) : undefined),
    positionOf,
    leafIndexOf,
  };
};

/** Leaves kept in memory before they are written to the storage in one transaction. */
const KEEP_EVERY = 10_000;

/** Moves the tail into the storage; false when another writer kept leaves there first. */
const flush = async (keeping: Keeping): Promise<boolean> => {
  const { base, tail } = keeping;
  if (base.extend === undefined || tail.size() === tail.start) return true;
  const { leaves, subtrees } = tail.contents();
  const kept = await base.extend(tail.start, leaves, subtrees);
  keeping.tail = createTail(base.size());
  return kept;
};

const catchUp = async (store: EventStore): Promise<KeptTree> => {
  for (;;) {
    // What other processes kept since is the record: the storage learns of it first.
    await store.tree?.load?.();
    const keeping = keepingOf(store);
    const storageSize = () => keeping.tail.size();
    const last = storageSize() === 0 ? undefined : viewOf(keeping).positionOf(storageSize() - 1);
    const subtrees: SubtreeHashStore = {
      get: (level, index) => keeping.tail.get(level, index) ?? keeping.base.hash(level, index),
      put: (level, index, hash) => keeping.tail.put(level, index, hash),
    };
    const log = createMerkleLog({ store: subtrees, size: storageSize() });
    let inStep = true;
    for await (const event of store.readAll(last === undefined ? {} : { fromPosition: last })) {
      if (last !== undefined && event.position <= last) continue;
      const leaf = keptLeafOf(event);
      keeping.tail.addPosition(event.position);
      log.append(leaf);
      if (keeping.tail.size() - keeping.tail.start >= KEEP_EVERY && !(await flush(keeping))) {
        inStep = false;
        break;
      }
    }
    if (inStep && (await flush(keeping))) return viewOf(keepingOf(store));
    // Another process kept the same leaves meanwhile (the tail now starts where it ended): go on
    // from what it kept.
  }
};

/**
 * Brings the store's tree up to date with its global order and returns it. Calls for one store
 * run one after another. With a read-only store, what the storage lacks is kept in memory.
 */
export const keepTree = (store: EventStore): Promise<KeptTree> => {
  const before = running.get(store) ?? Promise.resolve();
  const next = before.then(
    () => catchUp(store),
    () => catchUp(store),
  );
  running.set(store, next);
  return next;
};

/**
 * The tree as kept so far, without reading the events: what `verifyAll` compares with. The
 * storage is loaded first, so a new process finds what others kept.
 */
export const keptSoFar = async (store: EventStore): Promise<KeptTree> => {
  await store.tree?.load?.();
  return viewOf(keepingOf(store));
};
