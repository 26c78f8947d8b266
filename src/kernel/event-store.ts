import type { KeyStore } from '../personal/key-store';
import type { TreeStorage } from './tree-storage';

/**
 * The store port: the five verbs every adapter implements (append, read a stream, read all,
 * subscribe to all, delete). Revisions and positions are `bigint`; reads are async iterables so
 * a long history streams through constant memory.
 *
 * Payloads cross the port as JSON text. The kernel encodes and decodes them, so a malformed
 * stored event is met by the decoder (and named) instead of by the adapter.
 */

/**
 * What the writer believes about the stream, as EventStoreDB defines it:
 * `'any'` (no check), `'no_stream'` (must not exist, or be soft-deleted), `'stream_exists'` (must
 * exist and not be deleted), or the exact revision of the stream's last event (0 or more; a
 * soft-deleted stream still answers to the revision of its last event).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** An event on its way into the store. */
export interface EventToAppend {
  /** A UUID. Re-appending ids already at the expected place writes nothing (see `appendToStream`). */
  readonly eventId: string;
  readonly type: string;
  /** JSON text. */
  readonly data: string;
  /** JSON text. */
  readonly metadata: string;
  /**
   * When the writer recorded the event: the library stamps it before sealing, so the instant is
   * covered by the event's hash. Stores that keep it (`keepsRecordedAt`) store exactly this
   * value; without it, or in a store that stamps its own time, the store's clock decides.
   */
  readonly recordedAt?: Date;
}

/** An event as the store holds it. */
export interface StoredEvent {
  readonly streamId: string;
  /**
   * The event's place in its stream, from 0 and one apart. A stream recreated after a soft delete
   * carries on after its last revision, so its first visible event need not be at 0.
   */
  readonly revision: bigint;
  /**
   * The event's place in the store's global order: strictly increasing in the order events were
   * appended, but neither contiguous nor starting at 0 (EventStoreDB uses byte offsets).
   */
  readonly position: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  /**
   * When the event was recorded, as the store keeps it: the writer's instant in a store that
   * keeps it (`keepsRecordedAt`), otherwise the store's own time of append.
   */
  readonly recordedAt: Date;
}

export interface AppendResult {
  /**
   * The revision of the stream's last event after the append, to pass as the next expected
   * revision. For an idempotent re-append, the revision of the last re-appended event (what the
   * first append returned). For an empty batch, the stream's current last revision (counting
   * events a soft delete hid), or -1n when the stream has no events.
   */
  readonly nextExpectedRevision: bigint;
  /**
   * The global position of the last event appended (or found, for an idempotent re-append);
   * -1n for an empty batch, which writes nothing.
   */
  readonly position: bigint;
}

/** One append of a write to several streams (`appendToStreams`). */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision: ExpectedRevision;
}

/** What a write to several streams did, counted rather than listed: the write may be long. */
export interface StreamAppendsResult {
  /** The appends taken, idempotent ones included. */
  readonly appends: number;
  /** The events written; an idempotent append writes none. */
  readonly eventsWritten: number;
  /** The global position of the last event written; -1n if none was. */
  readonly position: bigint;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Default `'forwards'`. */
  readonly direction?: Direction;
  /**
   * The first revision to read (inclusive). Defaults to the start, or the end going backwards.
   * Forwards from beyond the end reads nothing; backwards from beyond the end starts at the last
   * event.
   */
  readonly fromRevision?: bigint;
  /**
   * The last revision to read (inclusive), in the direction of reading: forwards it is an upper
   * bound, backwards a lower one. A bound on the wrong side of `fromRevision` reads nothing.
   */
  readonly toRevision?: bigint;
  /** At most this many events. */
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Default `'forwards'`. */
  readonly direction?: Direction;
  /**
   * The first position to read (inclusive, in both directions). Defaults to the start, or the end
   * going backwards. A position that no event holds starts at the next event in the direction of
   * reading.
   */
  readonly fromPosition?: bigint;
  /** At most this many events. */
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions {
  /**
   * Deliver events after this position (exclusive), e.g. a projection's checkpoint. Defaults to
   * the start of the store.
   */
  readonly afterPosition?: bigint;
}

export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: StoredEvent }
  /** Everything recorded before the subscription started has been delivered; live from here. */
  | { readonly kind: 'caughtUp' };

/** One iteration only: iterating the same subscription twice shares one cursor. */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  /** Ends the subscription; a pending `next()` resolves as done, and so does every later one. */
  close(): Promise<void>;
}

export type DeleteMode = 'soft' | 'tombstone';

export interface DeleteStreamOptions {
  /** Checked as for an append (default `'any'`). */
  readonly expectedRevision?: ExpectedRevision;
  /**
   * `'soft'`: the stream reads as not found and a later append recreates it after its last
   * revision. `'tombstone'`: the stream is gone for good; any later append, read or delete is
   * refused.
   */
  readonly mode: DeleteMode;
}

export interface EventStore {
  /**
   * The clock the writer stamps `recordedAt` with: the command handler seals its reading into
   * each event, hands it to the store to keep, and refuses an act dated after it. Without one
   * (EventStoreDB by default) the handler's own clock is used.
   */
  readonly now?: () => Date;
  /**
   * True when the store keeps the `recordedAt` each event arrives with (in memory, the embedded
   * file), so a stored instant that differs from the one sealed in the event is a finding. A
   * store whose server stamps its own time (EventStoreDB) leaves it out.
   */
  readonly keepsRecordedAt?: boolean;
  /**
   * Where the store keeps the Merkle tree over its global order (the embedded file and the
   * PostgreSQL schema do, in tables of their own). Without it the tree is kept in memory, beside the store object. Only the
   * library's tree keeper writes it, after the events it covers are committed.
   */
  readonly tree?: TreeStorage;
  /**
   * Where the personal values of this store's events are sealed and opened: the keys of their
   * data subjects, kept apart from the events (see `withKeyStore`). Without it an event that
   * names a person is refused, not written in plain text, and sealed values read as withheld.
   */
  readonly keys?: KeyStore;
  /**
   * Appends all events or none, at the end of the stream, in the order given.
   *
   * Rejects with `StreamDeletedError` when the stream is tombstoned (whatever was expected) or
   * when `'stream_exists'` meets a soft-deleted stream, and with `ConcurrencyConflictError` when
   * `expectedRevision` does not hold: `'no_stream'` on a stream with visible events,
   * `'stream_exists'` on a stream never written, an exact revision other than the stream's last.
   * Appending to a soft-deleted stream with `'any'`, `'no_stream'` or its last revision
   * recreates it: the first new event takes the revision after the last one deleted.
   *
   * Idempotent, as EventStoreDB: when the batch's event ids are already in the stream at the
   * place the writer expects (right after the exact revision; at the start for `'no_stream'`;
   * anywhere, contiguously, for `'any'` and `'stream_exists'`), nothing is written and the
   * result is the one the first append returned. A batch only some of whose ids are there is a
   * `ConcurrencyConflictError`.
   *
   * An empty batch is checked like any other and writes nothing.
   *
   * Rejects with `InvalidAppendError`, writing nothing, for an empty stream name or one starting
   * with `$` (reserved for the store), a negative expected revision, an event id that is not a
   * UUID or appears twice in the batch, an empty event type, or data or metadata that is not JSON.
   */
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Optional: appends to several streams as one write, all or nothing (an import, a migration).
   * The appends are taken in order, each checked exactly as `appendToStream` checks it against
   * what the appends before it left; idempotent ones write nothing. If any is refused (invalid,
   * a conflict, a deleted stream), nothing of the write is recorded and that refusal is thrown.
   * The iterable is read to its end before anything is recorded, so it may be long; a store that
   * cannot write several streams at once (EventStoreDB) leaves this out.
   */
  readonly appendToStreams?: (
    appends: AsyncIterable<StreamAppend> | Iterable<StreamAppend>,
  ) => Promise<StreamAppendsResult>;
  /**
   * Reads one stream's visible events: revisions one apart, in the direction asked. Iterating
   * rejects with `StreamNotFoundError` when the stream is missing or soft-deleted, and with
   * `StreamDeletedError` when it is tombstoned. A recreated stream reads only its new events.
   */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  /**
   * Reads every stream's events in global order (system events excluded), positions strictly
   * increasing forwards and strictly decreasing backwards.
   *
   * Deleting a stream does not take its events out of the global order: events of soft-deleted
   * and tombstoned streams stay in `readAll` and `subscribeToAll`, in their places, with their
   * stream ids and revisions. The global order is the audit record, and the audit digest folds
   * it, so it must never shrink. (EventStoreDB keeps them until a scavenge; a database behind
   * this library must not be scavenged.)
   */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  /**
   * Catch-up, then live: every event after `afterPosition` in global order, then one `caughtUp`
   * once everything recorded before the call has been delivered, then events as they are
   * appended. Several subscriptions may run at once; each sees every event.
   */
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  /**
   * Deletes a stream, checking `expectedRevision` as an empty append would.
   *
   * Soft-deleting a stream that was never written is a `ConcurrencyConflictError` (actual
   * `'no_stream'`), as EventStoreDB since 21.10; soft-deleting a soft-deleted stream changes
   * nothing. Tombstoning a stream that was never written succeeds and bars the name for good.
   * Any delete of a tombstoned stream is a `StreamDeletedError`.
   */
  deleteStream(streamId: string, options: DeleteStreamOptions): Promise<void>;
}
