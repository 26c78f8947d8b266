import * as E from 'fp-ts/Either';
import { keysToOpen, type PersonalKeys } from '../personal/sealed-data';
import { v4 as uuidv4 } from 'uuid';
import type { DomainEvent } from '../kernel/event';
import { categoryOf } from '../kernel/event-registry';
import type { EventStore, StoredEvent, Subscription } from '../kernel/event-store';
import { EngagementId } from '../kernel/primitives';
import { isBookkeepingStream } from './checkpoint';
import { checkpointWriter, type CheckpointWriter } from './checkpoint-writer';
import type { Projection, ProjectionFailure } from './projection';
import { recordProjectionLag } from '../telemetry/projection-telemetry';
import { traced } from '../telemetry/traced';
import { batchCauses } from '../telemetry/trace-context';
import { startingPoint } from './starting-point';

/** How a run ended. */
export type RunOutcome =
  | { readonly kind: 'stopped' }
  /** Aborted through the signal, like a crash: no checkpoint was written on the way out. */
  | { readonly kind: 'aborted' }
  | { readonly kind: 'failed'; readonly failure: ProjectionFailure };

export interface ProjectionProgress {
  readonly projection: string;
  /** Events applied to the model since `initial()`, counting those a snapshot brought in. */
  readonly eventsApplied: number;
  /** The last position handled (applied, or skipped as a checkpoint), if any. */
  readonly position: bigint | undefined;
  /** Events applied per second during this run. */
  readonly ratePerSecond: number;
  /** Everything recorded before the run started has been handled. */
  readonly caughtUp: boolean;
}

export interface CheckpointOptions {
  /** Write a checkpoint after this many applied events. Default 1,000. */
  readonly every?: number;
  /** Write one when the runner catches up (if anything was applied since the last). Default true. */
  readonly onCaughtUp?: boolean;
  /** Write one when `stop()` is called (if anything was applied since the last). Default true. */
  readonly onStop?: boolean;
}

export interface RunnerOptions {
  /** `false`: read and write no checkpoint at all, start from the beginning. */
  readonly checkpoint?: CheckpointOptions | false;
  /** Drop the model and the checkpointed position, record the rebuild and start from zero. */
  readonly rebuild?: { readonly reason: string };
  readonly onProgress?: (progress: ProjectionProgress) => void;
  /** While catching up, report every this many applied events (default 1,000); live, every event. */
  readonly progressEvery?: number;
  /** Aborting is a crash: the runner ends at once and writes nothing more. */
  readonly signal?: AbortSignal;
  /** Recorded as the checkpoints' actor. Default `projection-runner`. */
  readonly actor?: string;
  /** Ties this run's checkpoints together (their correlation id) and seeds their ids. */
  readonly runId?: string;
  /** Dates the checkpoints. */
  readonly now?: () => Date;
  /** Milliseconds, for the rate. Default `performance.now`. */
  readonly clock?: () => number;
}

export interface ProjectionRunner<Model> {
  readonly name: string;
  /** The model as it is now: read it, do not change it. */
  readonly model: () => Model;
  /** The last position handled, if any. */
  readonly position: () => bigint | undefined;
  readonly progress: () => ProjectionProgress;
  /** Resolves once everything recorded before the start is applied; rejects if the run ends first. */
  readonly caughtUp: () => Promise<void>;
  /** Resolves once the event at `position` (or a later one) is handled; rejects if the run ends first. */
  readonly reached: (position: bigint) => Promise<void>;
  /** Ends the run (writing a last checkpoint unless configured not to) and says how it ended. */
  readonly stop: () => Promise<RunOutcome>;
  /** How the run ended, once it has. Never rejects. */
  readonly finished: Promise<RunOutcome>;
}

interface Waiter {
  readonly until: () => boolean;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Starts a projection: catches up from its checkpoint (or from the beginning), then follows the
 * store live, checkpointing into `ProjectionCheckpoint-<name>` in the same store.
 *
 * Every event at or below the last position handled is skipped, so a subscription that delivers
 * an event again never applies it twice. Checkpoints are appended with the expected revision of
 * the checkpoint stream: when two runners of one projection run at once, the second to write
 * meets a conflict and fails with `CheckpointConflict` instead of both writing.
 */
export const startProjection = <Model, Event extends DomainEvent>(
  store: EventStore,
  projection: Projection<Model, Event>,
  options: RunnerOptions = {},
): ProjectionRunner<Model> => {
  if (!EngagementId.is(projection.name))
    throw new RangeError(
      `projection name "${projection.name}" must be letters, digits, ".", "_" or "-" (at most 128)`,
    );
  const checkpointing = options.checkpoint !== false;
  const checkpointEvery = Math.max(
    1,
    (options.checkpoint === false ? undefined : options.checkpoint?.every) ?? 1_000,
  );
  const checkpointOnCaughtUp =
    options.checkpoint === false ? false : (options.checkpoint?.onCaughtUp ?? true);
  const checkpointOnStop =
    options.checkpoint === false ? false : (options.checkpoint?.onStop ?? true);
  const progressEvery = Math.max(1, options.progressEvery ?? 1_000);
  const runId = options.runId ?? uuidv4();
  const now = options.now ?? (() => new Date());
  const clock = options.clock ?? (() => performance.now());
  const actor = options.actor ?? 'projection-runner';
  const skipOthers = projection.otherStreams === 'skip';
  const known = new Set(projection.events.categories);

  let model = projection.initial();
  let position: bigint | undefined;
  let eventsApplied = 0;
  let appliedThisRun = 0;
  let sinceCheckpoint = 0;
  let lastEventId: string | undefined;
  let checkpoints: CheckpointWriter<Model> | undefined;
  let isCaughtUp = false;
  let startedAt = clock();
  let stopping = false;
  let subscription: Subscription | undefined;
  let ended: RunOutcome | undefined;
  const waiters = new Set<Waiter>();
  // The trace contexts of the events applied since the last checkpoint: its span links to them.
  const causes = batchCauses();

  const progress = (): ProjectionProgress => {
    const seconds = (clock() - startedAt) / 1000;
    return {
      projection: projection.name,
      eventsApplied,
      position,
      ratePerSecond: seconds > 0 ? appliedThisRun / seconds : 0,
      caughtUp: isCaughtUp,
    };
  };
  const report = (): void => options.onProgress?.(progress());

  const settleWaiters = (): void => {
    for (const waiter of waiters)
      if (waiter.until()) {
        waiters.delete(waiter);
        waiter.resolve();
      }
  };
  const wait = (until: () => boolean): Promise<void> => {
    if (until()) return Promise.resolve();
    if (ended !== undefined) return Promise.reject(endedError(ended));
    return new Promise((resolve, reject) => {
      waiters.add({ until, resolve, reject });
    });
  };
  const endedError = (outcome: RunOutcome): Error =>
    new Error(
      outcome.kind === 'failed'
        ? outcome.failure.message
        : `projection ${projection.name} ${outcome.kind} before getting there`,
      { cause: outcome },
    );

  const aborted = (): boolean => options.signal?.aborted === true;

  const writeCheckpoint = async (): Promise<ProjectionFailure | undefined> => {
    if (checkpoints === undefined || position === undefined || sinceCheckpoint === 0 || aborted())
      return undefined;
    // One span per batch the runner checkpoints: how far it got, and how many events it took.
    const writer = checkpoints;
    const at = position;
    const failure = await traced(
      `projection.checkpoint ${projection.name}`,
      {
        'ledger.projection': projection.name,
        'ledger.position': String(at),
        'ledger.events': sinceCheckpoint,
      },
      () => writer.checkpointed({ model, position: at, eventsApplied, lastEventId }),
      {
        result: (failed) => (failed === undefined ? {} : { 'ledger.failure': failed.kind }),
        links: causes.links,
      },
    );
    if (failure === undefined) {
      sinceCheckpoint = 0;
      causes.clear();
    }
    return failure;
  };

  /** Applies one delivered event, unless it was handled already or is bookkeeping. */
  const handle = (stored: StoredEvent, keys?: PersonalKeys): ProjectionFailure | undefined => {
    if (position !== undefined && stored.position <= position) return undefined;
    if (
      isBookkeepingStream(stored.streamId) ||
      (skipOthers && !known.has(categoryOf(stored.streamId)))
    ) {
      position = stored.position;
      return undefined;
    }
    const decoded = projection.events.decode(stored, keys);
    if (E.isLeft(decoded))
      return {
        kind: 'DecodeFailed',
        error: decoded.left,
        message: `projection ${projection.name}: ${decoded.left.message}`,
      };
    try {
      model = projection.apply(model, decoded.right);
      // Live, how far behind the record the model is; catching up, that says nothing new.
      if (isCaughtUp) recordProjectionLag(projection.name, decoded.right.recordedAt, Date.now());
    } catch (error) {
      return {
        kind: 'ApplyFailed',
        streamId: stored.streamId,
        revision: stored.revision,
        position: stored.position,
        cause: error,
        message: `projection ${projection.name} failed on ${stored.type} at ${stored.streamId}@${stored.revision} (position ${stored.position}): ${describeError(error)}`,
      };
    }
    position = stored.position;
    lastEventId = stored.eventId;
    if (checkpointing) causes.add(decoded.right.metadata);
    eventsApplied++;
    appliedThisRun++;
    sinceCheckpoint++;
    return undefined;
  };

  const run = async (): Promise<RunOutcome> => {
    if (checkpointing) {
      const start = await startingPoint(store, projection, options.rebuild);
      if (E.isLeft(start)) return { kind: 'failed', failure: start.left };
      ({ model, position, eventsApplied } = start.right);
      checkpoints = checkpointWriter(store, projection, { runId, actor, now }, start.right.chain);
      if (start.right.rebuildReason !== undefined) {
        const failure = await checkpoints.rebuildStarted(start.right.rebuildReason);
        if (failure !== undefined) return { kind: 'failed', failure };
      }
    }
    if (stopping) return { kind: 'stopped' };
    if (aborted()) return { kind: 'aborted' };
    startedAt = clock();
    subscription = store.subscribeToAll(position === undefined ? {} : { afterPosition: position });
    for await (const message of subscription) {
      if (aborted()) return { kind: 'aborted' };
      if (message.kind === 'caughtUp') {
        isCaughtUp = true;
        if (checkpointing && checkpointOnCaughtUp) {
          const failure = await writeCheckpoint();
          if (failure !== undefined) return { kind: 'failed', failure };
        }
        report();
        settleWaiters();
        continue;
      }
      const opening = keysToOpen(store.keys, message.event);
      const failure = handle(message.event, opening === undefined ? undefined : await opening);
      if (failure !== undefined) return { kind: 'failed', failure };
      if (aborted()) return { kind: 'aborted' };
      if (checkpointing && sinceCheckpoint >= checkpointEvery) {
        const failed = await writeCheckpoint();
        if (failed !== undefined) return { kind: 'failed', failure: failed };
      }
      if (isCaughtUp || appliedThisRun % progressEvery === 0) report();
      settleWaiters();
      if (stopping) break;
    }
    if (aborted()) return { kind: 'aborted' };
    if (checkpointing && checkpointOnStop) {
      const failure = await writeCheckpoint();
      if (failure !== undefined) return { kind: 'failed', failure };
    }
    return { kind: 'stopped' };
  };

  const finished = run()
    .catch((error: unknown): RunOutcome => ({
      kind: 'failed',
      failure: {
        kind: 'StoreFailed',
        cause: error,
        message: `projection ${projection.name}: ${describeError(error)}`,
      },
    }))
    .then(async (outcome) => {
      ended = outcome;
      await subscription?.close();
      for (const waiter of waiters) waiter.reject(endedError(outcome));
      waiters.clear();
      return outcome;
    });

  const abort = (): void => {
    void subscription?.close();
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  void finished.then(() => options.signal?.removeEventListener('abort', abort));

  return {
    name: projection.name,
    model: () => model,
    position: () => position,
    progress,
    caughtUp: () => wait(() => isCaughtUp),
    reached: (target) => wait(() => position !== undefined && position >= target),
    stop: async () => {
      stopping = true;
      await subscription?.close();
      return finished;
    },
    finished,
  };
};

/** What a one-shot run folded. */
export interface ProjectionResult<Model> {
  readonly model: Model;
  readonly position: bigint | undefined;
  readonly eventsApplied: number;
}

/**
 * Folds the whole store, as it is now, into a fresh model and returns it: no checkpoint is read
 * or written.
 */
export const runProjection = async <Model, Event extends DomainEvent>(
  store: EventStore,
  projection: Projection<Model, Event>,
): Promise<E.Either<ProjectionFailure, ProjectionResult<Model>>> => {
  const runner = startProjection(store, projection, { checkpoint: false });
  const caughtUp = await runner.caughtUp().then(
    () => true,
    () => false,
  );
  const outcome = await runner.stop();
  if (outcome.kind === 'failed') return E.left(outcome.failure);
  if (!caughtUp) throw new Error(`projection ${projection.name} ended before catching up`);
  const { eventsApplied, position } = runner.progress();
  return E.right({ model: runner.model(), position, eventsApplied });
};
