import * as E from 'fp-ts/Either';
import type { EventStore, StoredEvent } from '../kernel/event-store';
import { isStoreError } from '../kernel/store-errors';
import { createChainChecker, type IntegrityProblem } from './integrity-check';
import { eventLeaf, hashToBase64, type Hash } from './merkle-tree';
import { keepTree, type KeptTree } from './tree-keeper';
import { parseNote } from './signed-note';
import { parseCheckpoint, type Checkpoint } from './tree-checkpoint';
import { tracedConsistencyProof, tracedInclusionProof } from '../telemetry/audit-telemetry';

/**
 * Proof bundles: an event and the hashes that put it under a signed checkpoint, or two signed
 * checkpoints and the hashes that show the second extends the first, as JSON anyone can check
 * with the verifier key alone (see docs/proofs.md for the formats field by field).
 *
 * Bundles are made from the store's kept tree (tree-keeper.ts): a few reads of the subtree hashes
 * once the keeper has caught up, never a pass over the whole log (except to find an event of a
 * stream a reader no longer sees).
 */

import { eventAsStored, type EventAsStored } from './event-as-stored';

export { eventAsStored, type EventAsStored } from './event-as-stored';

export const INCLUSION_PROOF_FORMAT = 'diplomatic-ledger/inclusion-proof/v1';
export const CONSISTENCY_PROOF_FORMAT = 'diplomatic-ledger/consistency-proof/v1';

export interface InclusionProofBundle {
  readonly format: typeof INCLUSION_PROOF_FORMAT;
  readonly event: EventAsStored;
  /** The event's 0-based place in the global order: its leaf. */
  readonly leafIndex: number;
  /** The checkpoint's tree size. */
  readonly treeSize: number;
  /** RFC 9162 PATH(leafIndex, D[treeSize]), leaf side first, each hash in base64. */
  readonly path: readonly string[];
  /** The signed checkpoint note. */
  readonly checkpoint: string;
}

export interface ConsistencyProofBundle {
  readonly format: typeof CONSISTENCY_PROOF_FORMAT;
  /** The signed note of the earlier checkpoint. */
  readonly from: string;
  /** The signed note of the later checkpoint. */
  readonly to: string;
  /** RFC 9162 PROOF(from size, D[to size]), each hash in base64. */
  readonly path: readonly string[];
}

/** A checkpoint with the signed note it was read from (a `SignedCheckpoint` is one). */
export interface NotedCheckpoint {
  readonly note: string;
  readonly checkpoint: Checkpoint;
}

/**
 * Why the store makes no bundle:
 * - `eventNotFound`: no event at that stream and revision;
 * - `eventNotCovered`: the event comes after the checkpoint's size;
 * - `eventAltered`: the event no longer matches the hash sealed with it;
 * - `historyChanged`: the store's first N events no longer give the root the checkpoint signed;
 * - `checkpointBeyondHistory`: the checkpoint covers more events than the store holds;
 * - `checkpointMismatch`: the note given does not hold the checkpoint given with it;
 * - `badSizes`: a consistency proof from size 0, or from a larger checkpoint to a smaller one;
 * - `originsDiffer`: the two checkpoints are of different logs.
 */
export type BundleRefusalProblem =
  | 'eventNotFound'
  | 'eventNotCovered'
  | 'eventAltered'
  | 'historyChanged'
  | 'checkpointBeyondHistory'
  | 'checkpointMismatch'
  | 'badSizes'
  | 'originsDiffer';

export interface ProofBundleRefused {
  readonly kind: 'ProofBundleRefused';
  readonly problem: BundleRefusalProblem;
  readonly message: string;
}

const refuse = (
  problem: BundleRefusalProblem,
  message: string,
): E.Either<ProofBundleRefused, never> => E.left({ kind: 'ProofBundleRefused', problem, message });

// The findings that say the event itself does not match its seal. The others are about its place
// in its stream, which a lone event cannot show and the tree covers instead.
export const ALTERED_PROBLEMS: readonly IntegrityProblem[] = [
  'unreadable',
  'dataAltered',
  'eventAltered',
];

/**
 * The event at `streamId`@`revision`: one read of its stream, or, for a stream a reader no longer
 * sees (deleted or tombstoned, its events still in the global order), a pass over the log.
 */
const eventAt = async (
  store: EventStore,
  streamId: string,
  revision: bigint,
): Promise<StoredEvent | undefined> => {
  try {
    for await (const event of store.readStream(streamId, { fromRevision: revision, maxCount: 1 }))
      return event.revision === revision ? event : undefined;
    return undefined;
  } catch (error) {
    if (!isStoreError(error, 'StreamNotFound') && !isStoreError(error, 'StreamDeleted'))
      throw error;
  }
  for await (const event of store.readAll())
    if (event.streamId === streamId && event.revision === revision) return event;
  return undefined;
};

const describe = (c: Checkpoint): string => `the checkpoint of ${c.origin} at size ${c.size}`;

const sameHash = (a: Hash, b: Hash): boolean => Buffer.from(a).equals(Buffer.from(b));

/** The note must hold the checkpoint it comes with, or the bundle would carry another one. */
const checkNoted = (noted: NotedCheckpoint): E.Either<ProofBundleRefused, Checkpoint> => {
  const body = parseNote(noted.note);
  const parsed: E.Either<{ readonly message: string }, Checkpoint> = E.isLeft(body)
    ? body
    : parseCheckpoint(body.right.text);
  if (E.isLeft(parsed))
    return refuse('checkpointMismatch', `the note holds no checkpoint: ${parsed.left.message}`);
  const [a, b] = [parsed.right, noted.checkpoint];
  if (
    a.origin !== b.origin ||
    a.size !== b.size ||
    !sameHash(a.rootHash, b.rootHash) ||
    a.madeAt.getTime() !== b.madeAt.getTime()
  )
    return refuse('checkpointMismatch', `the note does not hold ${describe(b)}`);
  return E.right(b);
};

/** Whether the store's tree still has the checkpoint's root at the checkpoint's size. */
const holds = (log: KeptTree, c: Checkpoint): E.Either<ProofBundleRefused, Checkpoint> => {
  if (c.size > log.size)
    return refuse(
      'checkpointBeyondHistory',
      `${describe(c)} covers ${c.size} events, but the store holds only ${log.size}: events were removed, or it is another log`,
    );
  const root = log.root(c.size);
  if (!sameHash(root, c.rootHash))
    return refuse(
      'historyChanged',
      `${describe(c)} signed root ${hashToBase64(c.rootHash)}, but the store's first ${c.size} events now give ${hashToBase64(root)}: the history changed since the checkpoint was made`,
    );
  return E.right(c);
};

/**
 * A bundle proving the event at `streamId`@`revision` is leaf n of the tree `checkpoint` signed.
 * Refused when the event is not among the checkpoint's events or the store no longer matches it.
 */
export const inclusionProofBundle = async (
  store: EventStore,
  at: { readonly streamId: string; readonly revision: bigint },
  checkpoint: NotedCheckpoint,
): Promise<E.Either<ProofBundleRefused, InclusionProofBundle>> =>
  tracedInclusionProof(at, checkpoint.checkpoint.size, () => inclusionOf(store, at, checkpoint));

const inclusionOf = async (
  store: EventStore,
  at: { readonly streamId: string; readonly revision: bigint },
  checkpoint: NotedCheckpoint,
): Promise<E.Either<ProofBundleRefused, InclusionProofBundle>> => {
  const noted = checkNoted(checkpoint);
  if (E.isLeft(noted)) return noted;
  const name = `${at.streamId}@${at.revision}`;
  const event = await eventAt(store, at.streamId, at.revision);
  if (event === undefined) return refuse('eventNotFound', `no event ${name} in the store`);
  const log = await keepTree(store);
  const index = log.leafIndexOf(event.position);
  if (index === undefined) return refuse('eventNotFound', `no event ${name} in the store's tree`);
  const c = noted.right;
  if (index >= c.size)
    return refuse(
      'eventNotCovered',
      `${name} is event ${index} of the global order, after the ${c.size} events ${describe(c)} covers`,
    );
  // Alone, the event can show only whether it matches its own seal; its place in its stream is
  // what the tree vouches for.
  const check = createChainChecker({ storeKeepsRecordedAt: store.keepsRecordedAt === true }).check(
    event,
  );
  const problem = check.finding?.problem;
  if (problem !== undefined && ALTERED_PROBLEMS.includes(problem))
    return refuse('eventAltered', `${name} does not match its seal: ${problem}`);
  const kept = log.leaf(index);
  if (kept === undefined || !sameHash(kept, eventLeaf(check.hash)))
    return refuse(
      'historyChanged',
      `${name} is not the event the store's tree kept as event ${index}: it was changed since it was recorded`,
    );
  const held = holds(log, c);
  if (E.isLeft(held)) return held;
  return E.right({
    format: INCLUSION_PROOF_FORMAT,
    event: eventAsStored(event),
    leafIndex: index,
    treeSize: c.size,
    path: log.inclusionProof(index, c.size).map(hashToBase64),
    checkpoint: checkpoint.note,
  });
};

/**
 * A bundle proving the tree `to` signed extends the tree `from` signed: nothing among the first
 * `from.size` events was changed, removed or reordered between them. Refused when the store no
 * longer matches either checkpoint.
 */
export const consistencyProofBundle = async (
  store: EventStore,
  from: NotedCheckpoint,
  to: NotedCheckpoint,
): Promise<E.Either<ProofBundleRefused, ConsistencyProofBundle>> =>
  tracedConsistencyProof(from.checkpoint.size, to.checkpoint.size, () =>
    consistencyOf(store, from, to),
  );

const consistencyOf = async (
  store: EventStore,
  from: NotedCheckpoint,
  to: NotedCheckpoint,
): Promise<E.Either<ProofBundleRefused, ConsistencyProofBundle>> => {
  const first = checkNoted(from);
  if (E.isLeft(first)) return first;
  const second = checkNoted(to);
  if (E.isLeft(second)) return second;
  const [a, b] = [first.right, second.right];
  if (a.origin !== b.origin)
    return refuse('originsDiffer', `the checkpoints are of ${a.origin} and of ${b.origin}`);
  if (a.size === 0 || a.size > b.size)
    return refuse(
      'badSizes',
      `a consistency proof goes from a checkpoint of 1 or more events to one at least as large, not from size ${a.size} to ${b.size}`,
    );
  const log = await keepTree(store);
  for (const c of [a, b]) {
    const held = holds(log, c);
    if (E.isLeft(held)) return held;
  }
  return E.right({
    format: CONSISTENCY_PROOF_FORMAT,
    from: from.note,
    to: to.note,
    path: log.consistencyProof(a.size, b.size).map(hashToBase64),
  });
};

/** A bundle as the file a verifier is given: two-space JSON and a final newline. */
export const formatProofBundle = (bundle: InclusionProofBundle | ConsistencyProofBundle): string =>
  `${JSON.stringify(bundle, null, 2)}\n`;
