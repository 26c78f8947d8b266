import { createTreeHasher, eventLeaf, hashToBase64, type Hash } from './merkle-tree';
import type { Checkpoint } from './tree-checkpoint';

/**
 * How far apart two writers' clocks may be: an event a checkpoint covers may carry a sealed
 * `recordedAt` up to this much after the checkpoint's time, and one after it up to this much
 * before, without a finding.
 */
export const RECORDING_SKEW_MS = 60_000;

/**
 * What can be wrong between a history and a checkpoint an auditor holds:
 * - `rootDiffers`: the root of the first `size` events today is not the root signed then, so
 *   something among them was changed, removed, inserted or reordered since;
 * - `beyondHistory`: the history holds fewer events than the checkpoint covered: events were
 *   removed;
 * - `recordedAfter`: an event the checkpoint covers is sealed as recorded after it was made;
 * - `recordedBefore`: an event after the checkpoint is sealed as recorded before it was made
 *   (a late entry made to look early).
 */
export type CheckpointProblem =
  'rootDiffers' | 'beyondHistory' | 'recordedAfter' | 'recordedBefore';

export interface CheckpointFinding {
  readonly problem: CheckpointProblem;
  readonly checkpoint: Pick<Checkpoint, 'origin' | 'size' | 'madeAt'>;
  /** The 0-based place in the global order of the event concerned, for the time findings. */
  readonly leafIndex?: number;
  readonly message: string;
}

/** What one checkpoint says against the history as it is now. */
export interface CheckpointResult {
  readonly checkpoint: Pick<Checkpoint, 'origin' | 'size' | 'madeAt'>;
  readonly holds: boolean;
}

const describe = (c: Pick<Checkpoint, 'origin' | 'size' | 'madeAt'>): string =>
  `the checkpoint of ${c.origin} at size ${c.size}, made ${c.madeAt.toISOString()}`;

/**
 * Checks a history, one event at a time in global order, against checkpoints an auditor holds,
 * while keeping the tree head of everything pushed (O(log n) memory). Each event's leaf is its
 * integrity hash as recomputed from what is stored, so an event altered without re-sealing
 * changes the root as much as one re-sealed.
 */
export const createCheckpointCheck = (
  checkpoints: readonly Checkpoint[],
  /** A tree size whose root to remember on the way (the size of the store's kept tree). */
  watchSize?: number,
) => {
  const bySize = [...checkpoints].sort((a, b) => a.size - b.size);
  // For the time bounds: the earliest time of any checkpoint still to cover an event, and the
  // latest time of any checkpoint already passed.
  const earliestFrom: (Checkpoint | undefined)[] = [];
  for (let i = bySize.length - 1; i >= 0; i--) {
    const here = bySize[i];
    const later = earliestFrom[i + 1];
    earliestFrom[i] =
      later === undefined || (here !== undefined && here.madeAt <= later.madeAt) ? here : later;
  }
  const tree = createTreeHasher();
  const findings: CheckpointFinding[] = [];
  const failed = new Set<Checkpoint>();
  let next = 0; // the first checkpoint whose size has not been reached
  let latestPassed = -Infinity;
  let latestPassedCheckpoint: Checkpoint | undefined;
  let watchedRoot: Hash | undefined;

  const report = (
    checkpoint: Checkpoint,
    problem: CheckpointProblem,
    message: string,
    leafIndex?: number,
  ) => {
    failed.add(checkpoint);
    findings.push({
      problem,
      checkpoint: { origin: checkpoint.origin, size: checkpoint.size, madeAt: checkpoint.madeAt },
      ...(leafIndex === undefined ? {} : { leafIndex }),
      message: `${describe(checkpoint)} ${message}`,
    });
  };

  const compareRoots = (): void => {
    if (watchSize === tree.size()) watchedRoot = tree.root();
    for (let c = bySize[next]; c !== undefined && c.size === tree.size(); c = bySize[++next]) {
      const root: Hash = tree.root();
      if (Buffer.compare(Buffer.from(root), Buffer.from(c.rootHash)) !== 0)
        report(
          c,
          'rootDiffers',
          `does not hold: its root was ${hashToBase64(c.rootHash)}, the first ${c.size} events now give ${hashToBase64(root)}; something before it was changed, removed, inserted or reordered`,
        );
      if (c.madeAt.getTime() >= latestPassed) {
        latestPassed = c.madeAt.getTime();
        latestPassedCheckpoint = c;
      }
    }
  };
  compareRoots();

  /** Folds in the next event: its recomputed hash, and the instant sealed in it if any. */
  const push = (hashHex: string, sealedRecordedAt: string | undefined): void => {
    const index = tree.size();
    if (sealedRecordedAt !== undefined) {
      const at = Date.parse(sealedRecordedAt);
      const covering = earliestFrom[next];
      if (covering !== undefined && at > covering.madeAt.getTime() + RECORDING_SKEW_MS)
        report(
          covering,
          'recordedAfter',
          `covers event ${index} of the global order, which is sealed as recorded later, at ${sealedRecordedAt}`,
          index,
        );
      if (latestPassedCheckpoint !== undefined && at < latestPassed - RECORDING_SKEW_MS)
        report(
          latestPassedCheckpoint,
          'recordedBefore',
          `does not cover event ${index} of the global order, yet that event is sealed as recorded earlier, at ${sealedRecordedAt}`,
          index,
        );
    }
    tree.push(eventLeaf(hashHex));
    compareRoots();
  };

  /** Ends the check: checkpoints larger than the history are findings. */
  const finish = (): {
    readonly findings: CheckpointFinding[];
    readonly results: CheckpointResult[];
  } => {
    for (const c of bySize.slice(next))
      report(
        c,
        'beyondHistory',
        `covers ${c.size} events, but the history now holds only ${tree.size()}: events were removed`,
      );
    next = bySize.length;
    return {
      findings,
      results: bySize.map((c) => ({
        checkpoint: { origin: c.origin, size: c.size, madeAt: c.madeAt },
        holds: !failed.has(c),
      })),
    };
  };

  return {
    push,
    finish,
    /** The root at `watchSize`, once that many events were pushed. */
    watchedRoot: (): Hash | undefined => watchedRoot,
    /** The tree head of everything pushed so far. */
    treeHead: () => ({ size: tree.size(), rootHash: tree.root() }),
  };
};
