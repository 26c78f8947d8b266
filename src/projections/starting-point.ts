import * as E from 'fp-ts/Either';
import type { DomainEvent } from '../kernel/event';
import type { EventStore, StoredEvent } from '../kernel/event-store';
import { decodeRecordedEvent } from '../kernel/recorded-event';
import { isStoreError } from '../kernel/store-errors';
import { checkpointEvents, checkpointStreamOf } from './checkpoint';
import type { Projection, ProjectionFailure } from './projection';

/** The checkpoint stream's last revision and hash, which the next checkpoint follows. */
export interface ChainEnd {
  readonly revision: bigint;
  readonly hash: string;
}

/** Where a run starts: a model, the last position it covers and the checkpoint stream's end. */
export interface StartingPoint<Model> {
  readonly model: Model;
  readonly position: bigint | undefined;
  readonly eventsApplied: number;
  readonly chain: ChainEnd | undefined;
  /** Why the run must start over and record it, if it must. */
  readonly rebuildReason: string | undefined;
}

/** The last event of the checkpoint stream, or `undefined` when there is none yet. */
const readLastCheckpoint = async (
  store: EventStore,
  streamId: string,
): Promise<StoredEvent | undefined> => {
  try {
    for await (const stored of store.readStream(streamId, {
      direction: 'backwards',
      maxCount: 1,
    }))
      return stored;
    return undefined;
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound')) return undefined;
    throw error;
  }
};

/**
 * Works out where a run starts from the last checkpoint: its snapshot and position when they
 * fit this version of the projection, otherwise the beginning.
 */
export const startingPoint = async <Model, Event extends DomainEvent>(
  store: EventStore,
  projection: Projection<Model, Event>,
  rebuild: { readonly reason: string } | undefined,
): Promise<E.Either<ProjectionFailure, StartingPoint<Model>>> => {
  const version = projection.version ?? 1;
  const fresh = (
    chain: ChainEnd | undefined,
    rebuildReason: string | undefined,
  ): StartingPoint<Model> => ({
    model: projection.initial(),
    position: undefined,
    eventsApplied: 0,
    chain,
    rebuildReason,
  });
  const stored = await readLastCheckpoint(store, checkpointStreamOf(projection.name));
  if (stored === undefined) return E.right(fresh(undefined, rebuild?.reason));
  const decoded = decodeRecordedEvent(checkpointEvents, stored);
  if (E.isLeft(decoded))
    return E.left({
      kind: 'CheckpointUnreadable',
      error: decoded.left,
      message: `projection ${projection.name}: ${decoded.left.message}`,
    });
  const chain = { revision: stored.revision, hash: decoded.right.metadata.integrity.hash };
  if (rebuild !== undefined) return E.right(fresh(chain, rebuild.reason));
  const last = decoded.right.event;
  if (last.type === 'ProjectionRebuildStarted') return E.right(fresh(chain, undefined));
  if (last.data.projectionVersion !== version)
    return E.right(
      fresh(chain, `projection version changed from ${last.data.projectionVersion} to ${version}`),
    );
  // Without a snapshot the model was in memory only: it is gone, so replay everything.
  if (projection.snapshot === undefined || last.data.snapshot === undefined)
    return E.right(fresh(chain, undefined));
  const model = projection.snapshot.decode(last.data.snapshot);
  if (E.isLeft(model))
    return E.right(fresh(chain, 'the last snapshot does not decode as this projection’s model'));
  return E.right({
    model: model.right,
    position: BigInt(last.data.position),
    eventsApplied: last.data.eventsApplied,
    chain,
    rebuildReason: undefined,
  });
};
