import type { EventStore, StoredEvent } from '../kernel/event-store';
import { createChainChecker, type IntegrityFinding } from './integrity-check';
import {
  createCheckpointCheck,
  type CheckpointFinding,
  type CheckpointResult,
} from './checkpoint-check';
import { hashToBase64 } from './merkle-tree';
import { readIfPresent } from './read-if-present';
import type { Checkpoint } from './tree-checkpoint';
import { createVisibilityCheck } from './stream-visibility';
import { keptSoFar, type KeptTree } from './tree-keeper';
import { traced } from '../telemetry/traced';

/** The outcome of replaying a history and recomputing every integrity link. */
export interface VerificationReport {
  /** The stream verified, or `$all` for the whole store. */
  readonly scope: string;
  readonly eventsChecked: number;
  /** True when every event's link holds. */
  readonly intact: boolean;
  /** The first event that does not match, in the order checked. */
  readonly firstProblem: IntegrityFinding | undefined;
  readonly findings: readonly IntegrityFinding[];
  /**
   * The running digest of everything checked, in order. Write it down: a later run over the same
   * history must print the same digest, whatever a forger recomputed since.
   */
  readonly digest: string;
  /**
   * For the whole store: the RFC 9162 tree head of the global order (`size` events, `rootHash`
   * in base64), the one a checkpoint signs.
   */
  readonly treeHead?: { readonly size: number; readonly rootHash: string };
  /** Each checkpoint given, and whether it holds against the history as it is now. */
  readonly checkpoints: readonly CheckpointResult[];
  /** Why a checkpoint does not hold, in the order found. */
  readonly checkpointFindings: readonly CheckpointFinding[];
  /**
   * For the whole store, once its tree was kept (by a proof, a checkpoint or `keepTree`): whether
   * the tree kept then still has the root the events give now. A difference means events were
   * changed after they were kept, or the kept tree was.
   */
  readonly keptTree?: { readonly size: number; readonly holds: boolean; readonly message?: string };
}

export interface VerifyOptions {
  /**
   * Checkpoints an auditor holds (read from a witness file, signatures checked, see
   * `checkpointsOfWitnessFile`): the history must be consistent with every one of them. Only
   * `verifyAll` uses them.
   */
  readonly checkpoints?: readonly Checkpoint[];
  /** Called every `progressEvery` events (default 10,000) with the number checked so far. */
  readonly onProgress?: (eventsChecked: number) => void;
  readonly progressEvery?: number;
}

const verify = async (
  scope: string,
  store: EventStore,
  events: AsyncIterable<StoredEvent>,
  options: VerifyOptions,
  whole?: {
    readonly visibility: ReturnType<typeof createVisibilityCheck>;
    readonly tree: ReturnType<typeof createCheckpointCheck>;
    readonly kept: KeptTree;
  },
): Promise<VerificationReport> => {
  const checker = createChainChecker({ storeKeepsRecordedAt: store.keepsRecordedAt === true });
  const findings: IntegrityFinding[] = [];
  const every = Math.max(1, options.progressEvery ?? 10_000);
  for await (const stored of events) {
    const { finding, hash, sealedRecordedAt } = checker.check(stored);
    if (finding !== undefined) findings.push(finding);
    whole?.visibility.note(stored);
    whole?.tree.push(hash, sealedRecordedAt);
    if (options.onProgress !== undefined && checker.checked() % every === 0)
      options.onProgress(checker.checked());
  }
  if (whole !== undefined)
    for (const finding of await whole.visibility.findings(store)) findings.push(finding);
  const head = whole?.tree.treeHead();
  const checked = whole?.tree.finish() ?? { findings: [], results: [] };
  const kept = whole === undefined ? undefined : keptTreeHolds(whole.kept, whole.tree);
  return {
    scope,
    eventsChecked: checker.checked(),
    intact: findings.length === 0 && checked.findings.length === 0 && kept?.holds !== false,
    firstProblem: findings[0],
    findings,
    digest: checker.digest(),
    ...(head === undefined
      ? {}
      : { treeHead: { size: head.size, rootHash: hashToBase64(head.rootHash) } }),
    checkpoints: checked.results,
    checkpointFindings: checked.findings,
    ...(kept === undefined ? {} : { keptTree: kept }),
  };
};

const keptTreeHolds = (
  kept: KeptTree,
  tree: ReturnType<typeof createCheckpointCheck>,
): VerificationReport['keptTree'] => {
  if (kept.size === 0) return undefined;
  const now = tree.watchedRoot();
  if (now === undefined)
    return {
      size: kept.size,
      holds: false,
      message: `the store's kept tree covers ${kept.size} events, but the store now holds only ${tree.treeHead().size}: events were removed`,
    };
  const then = kept.root(kept.size);
  if (Buffer.from(now).equals(Buffer.from(then))) return { size: kept.size, holds: true };
  return {
    size: kept.size,
    holds: false,
    message: `the store's kept tree has root ${hashToBase64(then)} for its ${kept.size} events, but they now give ${hashToBase64(now)}: events were changed after the tree was kept, or the tree was`,
  };
};

/** Replays one stream and recomputes its chain. A missing stream verifies with no events. */
export const verifyStream = (
  store: EventStore,
  streamId: string,
  options: VerifyOptions = {},
): Promise<VerificationReport> => verify(streamId, store, readIfPresent(store, streamId), options);

/**
 * Replays the whole store in global order, recomputing every stream's chain and folding every
 * event into one running digest. Streams through constant memory (per stream, one hash).
 */
export const verifyAll = (
  store: EventStore,
  options: VerifyOptions = {},
): Promise<VerificationReport> =>
  traced(
    'audit.verify',
    { 'ledger.checkpoints': options.checkpoints?.length ?? 0 },
    () => verifyWhole(store, options),
    {
      result: (report) => ({
        'ledger.intact': report.intact,
        'ledger.events_checked': report.eventsChecked,
        'ledger.findings': report.findings.length,
      }),
    },
  );

const verifyWhole = async (
  store: EventStore,
  options: VerifyOptions,
): Promise<VerificationReport> => {
  // The tree as kept before the pass (by this process or, in a storage that loads, another):
  // the events it covers were all committed by then.
  const kept = await keptSoFar(store);
  return verify('$all', store, store.readAll(), options, {
    visibility: createVisibilityCheck(),
    tree: createCheckpointCheck(options.checkpoints ?? [], kept.size),
    kept,
  });
};

/** A report as the lines a reviewer reads. */
export const formatVerificationReport = (report: VerificationReport): string => {
  const problems =
    report.findings.length +
    report.checkpointFindings.length +
    (report.keptTree?.holds === false ? 1 : 0);
  const failing = report.checkpointFindings[0];
  const holding = report.checkpoints.filter((c) => c.holds).length;
  return [
    `Integrity of ${report.scope}: ${report.eventsChecked} events checked, ${
      report.intact ? 'chain intact' : `${problems} problem(s)`
    }`,
    ...(report.firstProblem === undefined
      ? []
      : [`  first problem: ${report.firstProblem.problem}: ${report.firstProblem.message}`]),
    ...(report.checkpoints.length === 0
      ? []
      : [`  checkpoints: ${holding} of ${report.checkpoints.length} hold`]),
    ...(failing === undefined
      ? []
      : [`  first checkpoint that does not hold: ${failing.problem}: ${failing.message}`]),
    `  running digest: ${report.digest}`,
    ...(report.keptTree?.message === undefined ? [] : [`  kept tree: ${report.keptTree.message}`]),
    ...(report.treeHead === undefined
      ? []
      : [`  tree head: size ${report.treeHead.size}, root ${report.treeHead.rootHash}`]),
  ].join('\n');
};
