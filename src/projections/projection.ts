import type * as t from 'io-ts';
import type { DomainEvent } from '../kernel/event';
import type { EventRegistry } from '../kernel/event-registry';
import type { DecodeError, RecordedEvent } from '../kernel/recorded-event';

/**
 * A read model folded from the global order: plain data and functions.
 *
 * `apply` may update the model in place and return it (a fold over a long history should not
 * copy everything at every step); the runner never calls it twice for the same position.
 */
export interface Projection<Model, Event extends DomainEvent> {
  /** Names the checkpoint stream (`ProjectionCheckpoint-<name>`): letters, digits, `.`, `_`, `-`. */
  readonly name: string;
  /**
   * Raise it whenever `apply` or the model's shape changes: a checkpoint written by another
   * version no longer fits, so the runner rebuilds from the start. Default 1.
   */
  readonly version?: number;
  /** Decodes the events the projection reads. Checkpoint streams are never given to it. */
  readonly events: EventRegistry<Event>;
  readonly initial: () => Model;
  readonly apply: (model: Model, recorded: RecordedEvent<Event>) => Model;
  /**
   * An event from a stream whose category `events` does not know: `'fail'` (the default, for a
   * projection of the whole ledger, where it means the store holds what it cannot read) or
   * `'skip'` (for a projection that reads only some streams).
   */
  readonly otherStreams?: 'fail' | 'skip';
  /**
   * The model's JSON form. With it, every checkpoint carries the model and a restarted runner
   * resumes from the last checkpoint; without it, the model lives in memory only and every start
   * replays from the beginning (the checkpoints then record progress).
   */
  readonly snapshot?: t.Type<Model, unknown, unknown>;
}

/** Why a runner stopped before it was asked to. */
export type ProjectionFailure =
  | {
      /** Another runner of the same projection wrote a checkpoint first. */
      readonly kind: 'CheckpointConflict';
      readonly streamId: string;
      readonly message: string;
    }
  | { readonly kind: 'DecodeFailed'; readonly error: DecodeError; readonly message: string }
  | {
      readonly kind: 'ApplyFailed';
      readonly streamId: string;
      readonly revision: bigint;
      readonly position: bigint;
      readonly cause: unknown;
      readonly message: string;
    }
  | {
      /** The checkpoint stream holds an event this library cannot read. */
      readonly kind: 'CheckpointUnreadable';
      readonly error: DecodeError;
      readonly message: string;
    }
  | { readonly kind: 'StoreFailed'; readonly cause: unknown; readonly message: string };
