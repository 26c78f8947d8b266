import * as E from 'fp-ts/Either';
import type { DomainEvent } from '../kernel/event';
import { eventIdFor } from '../kernel/event-id';
import type { EventStore, ExpectedRevision } from '../kernel/event-store';
import { encodeEvent } from '../kernel/recorded-event';
import { isStoreError } from '../kernel/store-errors';
import { withoutIntegrity } from '../kernel/written-json';
import { checkpointEvents, checkpointStreamOf, type ProjectionCheckpointEvent } from './checkpoint';
import type { Projection, ProjectionFailure } from './projection';
import type { ChainEnd } from './starting-point';

/** How far a model has got, as a checkpoint records it. */
export interface CheckpointAt<Model> {
  readonly model: Model;
  readonly position: bigint;
  readonly eventsApplied: number;
  /** The last event applied in this run, if any: the checkpoint's cause. */
  readonly lastEventId: string | undefined;
}

/**
 * Appends one run's events to `ProjectionCheckpoint-<name>`, each at the expected revision of the
 * one before and chained to its hash.
 */
export interface CheckpointWriter<Model> {
  /** Records that the run starts again from the beginning, and why. */
  readonly rebuildStarted: (reason: string) => Promise<ProjectionFailure | undefined>;
  /** Records the model's progress, with its snapshot when the projection has one. */
  readonly checkpointed: (at: CheckpointAt<Model>) => Promise<ProjectionFailure | undefined>;
}

export interface CheckpointWriterOptions {
  /** The checkpoints' correlation id, and the seed of their ids. */
  readonly runId: string;
  readonly actor: string;
  /** Dates the checkpoints. */
  readonly now: () => Date;
}

const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

const checkpointSource = {
  kind: 'other',
  reference: 'diplomatic-ledger projection runner',
} as const;

/** Writes a run's checkpoints after `chain`, the end of the checkpoint stream when it started. */
export const checkpointWriter = <Model, Event extends DomainEvent>(
  store: EventStore,
  projection: Projection<Model, Event>,
  options: CheckpointWriterOptions,
  chain: ChainEnd | undefined,
): CheckpointWriter<Model> => {
  const { runId, actor, now } = options;
  const version = projection.version ?? 1;
  const streamId = checkpointStreamOf(projection.name);
  let checkpointsWritten = 0;

  const append = async (
    event: ProjectionCheckpointEvent,
    reason: string,
    lastEventId: string | undefined,
  ): Promise<ProjectionFailure | undefined> => {
    const expectedRevision: ExpectedRevision = chain?.revision ?? 'no_stream';
    const encoded = encodeEvent(checkpointEvents, event, {
      streamId,
      eventId: eventIdFor(streamId, runId, checkpointsWritten),
      previousHash: chain?.hash ?? null,
      recordedAt: store.now?.() ?? new Date(),
      metadata: {
        actor,
        onBehalfOf: projection.name,
        reason,
        source: checkpointSource,
        correlationId: runId,
        causationId: lastEventId ?? runId,
      },
    });
    if (E.isLeft(encoded))
      return { kind: 'StoreFailed', cause: encoded.left, message: encoded.left.message };
    const toAppend = withoutIntegrity(encoded.right);
    try {
      const result = await store.appendToStream(streamId, [toAppend], { expectedRevision });
      chain = { revision: result.nextExpectedRevision, hash: encoded.right.integrity.hash };
      checkpointsWritten++;
      return undefined;
    } catch (error) {
      if (isStoreError(error, 'ConcurrencyConflict'))
        return {
          kind: 'CheckpointConflict',
          streamId,
          message: `projection ${projection.name}: another runner wrote a checkpoint first (${error.message}); only one runner of a projection may run at a time`,
        };
      return {
        kind: 'StoreFailed',
        cause: error,
        message: `projection ${projection.name}: cannot write its checkpoint: ${describeError(error)}`,
      };
    }
  };

  const rebuildStarted = (reason: string): Promise<ProjectionFailure | undefined> =>
    append(
      {
        type: 'ProjectionRebuildStarted',
        occurredOn: utcDay(now()),
        data: { projection: projection.name, projectionVersion: version, reason },
      },
      `projection ${projection.name} starts again from the beginning: ${reason}`,
      // Recorded before anything is applied: the run itself is the cause.
      undefined,
    );

  const checkpointed = async ({
    model,
    position,
    eventsApplied,
    lastEventId,
  }: CheckpointAt<Model>): Promise<ProjectionFailure | undefined> => {
    let snapshot: { snapshot: unknown } | Record<string, never>;
    try {
      // Through JSON now, so the model's state at this position is what is kept.
      snapshot =
        projection.snapshot === undefined
          ? {}
          : { snapshot: JSON.parse(JSON.stringify(projection.snapshot.encode(model))) as unknown };
    } catch (error) {
      return {
        kind: 'StoreFailed',
        cause: error,
        message: `projection ${projection.name}: its snapshot is not JSON: ${describeError(error)}`,
      };
    }
    return append(
      {
        type: 'ProjectionCheckpointed',
        occurredOn: utcDay(now()),
        data: {
          projection: projection.name,
          projectionVersion: version,
          position: position.toString(),
          eventsApplied,
          ...snapshot,
        },
      },
      `projection ${projection.name} has applied ${eventsApplied} events up to position ${position}`,
      lastEventId,
    );
  };

  return { rebuildStarted, checkpointed };
};
