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
 * `'any'` (no check), `'no_stream'` (must not exist), `'stream_exists'` (must exist), or the exact
 * revision of the stream's last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** An event on its way into the store. */
export interface EventToAppend {
  /** A UUID. Re-appending ids already at the expected place writes nothing. */
  readonly eventId: string;
  readonly type: string;
  /** JSON text. */
  readonly data: string;
  /** JSON text. */
  readonly metadata: string;
}

/** An event as the store holds it. */
export interface StoredEvent {
  readonly streamId: string;
  /** The event's place in its stream, from 0. */
  readonly revision: bigint;
  /** The event's place in the store's global order; increases, not necessarily by one. */
  readonly position: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  /** When the store appended the event. */
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append. */
  readonly nextExpectedRevision: bigint;
  /** The global position of the last event appended (or found, for an idempotent re-append). */
  readonly position: bigint;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** The first revision to read (inclusive). Defaults to the start, or the end going backwards. */
  readonly fromRevision?: bigint;
  /** The last revision to read (inclusive), in the direction of reading. */
  readonly toRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  readonly direction?: Direction;
  /** The first position to read (inclusive). Defaults to the start, or the end going backwards. */
  readonly fromPosition?: bigint;
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Deliver events after this position (exclusive), e.g. a projection's checkpoint. */
  readonly afterPosition?: bigint;
}

export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: StoredEvent }
  /** Everything recorded before the subscription started has been delivered; live from here. */
  | { readonly kind: 'caughtUp' };

export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  /** Ends the subscription; a pending `next()` resolves as done. */
  close(): Promise<void>;
}

export type DeleteMode = 'soft' | 'tombstone';

export interface DeleteStreamOptions {
  readonly expectedRevision?: ExpectedRevision;
  /**
   * `'soft'`: the stream reads as not found and a later append recreates it after its last
   * revision. `'tombstone'`: the stream is gone for good; any later append or read is refused.
   */
  readonly mode: DeleteMode;
}

export interface EventStore {
  /**
   * Appends all events or none. Rejects with `ConcurrencyConflictError` when `expectedRevision`
   * does not hold and `StreamDeletedError` when the stream is tombstoned.
   */
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Reads one stream. Iterating rejects with `StreamNotFoundError` when the stream is missing or
   * soft-deleted, and with `StreamDeletedError` when it is tombstoned.
   */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  /** Reads every stream's events in global order (system events excluded). */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  /** Catch-up, then live: every event after `afterPosition`, then a `caughtUp`, then new ones. */
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  deleteStream(streamId: string, options: DeleteStreamOptions): Promise<void>;
}
