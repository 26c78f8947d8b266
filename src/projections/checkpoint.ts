import { keysToOpen } from '../personal/sealed-data';
import {
  ERASURE_CATEGORY,
  erasureEvents,
  isErasureStream,
  type ErasureEvent,
} from '../personal/erasure-record';
import type * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { aggregates, ledgerEvents, type LedgerEvent } from '../domain/ledger';
import {
  DELETION_CATEGORY,
  deletionEvents,
  isDeletionStream,
  type DeletionEvent,
} from '../kernel/deletion-record';
import { eventCatalog, eventType, type EventOf } from '../kernel/event';
import {
  TREE_CHECKPOINT_CATEGORY,
  isTreeCheckpointStream,
  treeCheckpointEvents,
  type TreeCheckpointEvent,
} from '../kernel/tree-checkpoint-record';
import { categoryOf, eventRegistry } from '../kernel/event-registry';
import type { EventStore } from '../kernel/event-store';
import { checkedString, PositiveInteger, struct } from '../kernel/primitives';
import type { DecodeError, RecordedEvent } from '../kernel/recorded-event';
import { Name, Reason } from '../kernel/text';

/** The stream category of projection checkpoints: `ProjectionCheckpoint-<projection name>`. */
export const CHECKPOINT_CATEGORY = 'ProjectionCheckpoint';

/** Where the runner of the projection `name` keeps its checkpoints. */
export const checkpointStreamOf = (projectionName: string): string =>
  `${CHECKPOINT_CATEGORY}-${projectionName}`;

/** True for a checkpoint stream. */
export const isCheckpointStream = (streamId: string): boolean =>
  categoryOf(streamId) === CHECKPOINT_CATEGORY;

/**
 * True for the library's own bookkeeping (projection checkpoints, deletion records): projections
 * of engagements never see these events; audits read them like any other.
 */
export const isBookkeepingStream = (streamId: string): boolean =>
  isCheckpointStream(streamId) ||
  isDeletionStream(streamId) ||
  isTreeCheckpointStream(streamId) ||
  isErasureStream(streamId);

/** A global position written as decimal digits: JSON has no bigint. */
export const PositionText = checkedString('PositionText', (s) => /^(0|[1-9][0-9]*)$/.test(s));

const Count = new t.Type<number, number, unknown>(
  'Count',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0,
  (u, c) =>
    typeof u === 'number' && Number.isInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c),
  (n) => n,
);

/**
 * A projection has applied every event up to `position` (inclusive) in the global order.
 * `snapshot` is the model at that position, in the projection's own JSON form, when the
 * projection keeps one: a restarted runner resumes from it instead of replaying everything.
 */
export const ProjectionCheckpointed = eventType(
  'ProjectionCheckpointed',
  struct(
    'ProjectionCheckpointedData',
    {
      projection: Name,
      projectionVersion: PositiveInteger,
      position: PositionText,
      eventsApplied: Count,
    },
    { snapshot: t.unknown },
  ),
);

/**
 * The projection's model was dropped: the next run starts from the beginning of the store
 * (asked for, or because the projection's version changed and an old snapshot no longer fits).
 */
export const ProjectionRebuildStarted = eventType(
  'ProjectionRebuildStarted',
  t.strict(
    { projection: Name, projectionVersion: PositiveInteger, reason: Reason },
    'ProjectionRebuildStartedData',
  ),
);

export const checkpointEvents = eventCatalog(ProjectionCheckpointed, ProjectionRebuildStarted);
export type ProjectionCheckpointEvent = EventOf<
  [typeof ProjectionCheckpointed, typeof ProjectionRebuildStarted]
>;

/**
 * Every event the library writes: the aggregates' events, the projections' checkpoints, the
 * records of deleted streams and of the tree checkpoints signed.
 */
export type LibraryEvent =
  LedgerEvent | ProjectionCheckpointEvent | DeletionEvent | TreeCheckpointEvent | ErasureEvent;

/**
 * Decodes any event the library writes, checkpoints included: the registry to give the audit
 * trail of a store that projection runners have checkpointed into.
 */
export const libraryEvents = eventRegistry<LibraryEvent>([
  ...aggregates,
  { name: CHECKPOINT_CATEGORY, events: checkpointEvents },
  { name: DELETION_CATEGORY, events: deletionEvents },
  { name: TREE_CHECKPOINT_CATEGORY, events: treeCheckpointEvents },
  { name: ERASURE_CATEGORY, events: erasureEvents },
]);

/**
 * The engagements' events in global order, decoded, with the library's own bookkeeping streams
 * (checkpoints) left out: what a read model of engagements folds. An event that cannot be
 * decoded is yielded as a `Left` in its place.
 */
export async function* readLedgerEvents(
  store: EventStore,
): AsyncGenerator<E.Either<DecodeError, RecordedEvent<LedgerEvent>>> {
  for await (const stored of store.readAll()) {
    if (isBookkeepingStream(stored.streamId)) continue;
    const opening = keysToOpen(store.keys, stored);
    yield ledgerEvents.decode(stored, opening === undefined ? undefined : await opening);
  }
}
