import type { ExpectedRevision } from '../kernel/event-store';

/*
 * The smallest surface of `@kurrent/kurrentdb-client` 1.x and `@eventstore/db-client` 6.x that
 * this adapter uses, typed structurally so either client (or a later one speaking the same
 * protocol) can be passed in, and neither is loaded unless the caller loads it.
 */

export interface EsdbPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface EsdbRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly isJson: boolean;
  readonly created: Date;
  readonly position?: EsdbPosition;
}

export interface EsdbResolvedEvent {
  readonly event?: EsdbRecordedEvent;
  readonly commitPosition?: bigint;
}

/** What the clients accept as JSON event data. */
export type EsdbJson = Record<string | number, unknown> | unknown[] | string;

export interface EsdbProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: 'application/json';
  readonly data: EsdbJson;
  readonly metadata: Uint8Array;
}

/** `expectedRevision` for `@eventstore/db-client`, `streamState` for `@kurrent/kurrentdb-client`. */
export interface EsdbExpectation {
  readonly expectedRevision: ExpectedRevision;
  readonly streamState: ExpectedRevision;
}

/** Both clients name it `expectedRevision` for deletes, and neither can send `stream_exists`. */
export interface EsdbDeleteExpectation {
  readonly expectedRevision: 'any' | 'no_stream' | bigint;
}

export interface EsdbFilter {
  readonly filterOn: 'eventType';
  readonly regex: string;
  readonly checkpointInterval: number;
  readonly checkpointReached: (subscription: unknown, position: EsdbPosition) => void;
}

export interface EsdbSubscription extends AsyncIterable<EsdbResolvedEvent> {
  /** Events converted but not yet taken by the reader (the client is a Node.js Readable). */
  readonly readableLength: number;
  on(event: 'caughtUp', listener: () => void): unknown;
  unsubscribe(): Promise<void>;
}

export interface EventStoreDBClientLike {
  appendToStream(
    streamName: string,
    events: EsdbProposedEvent[],
    options: EsdbExpectation,
  ): Promise<{ readonly nextExpectedRevision: bigint; readonly position?: EsdbPosition }>;
  readStream(
    streamName: string,
    options: {
      readonly direction: 'forwards' | 'backwards';
      readonly fromRevision: bigint | 'start' | 'end';
      readonly maxCount: number;
    },
  ): AsyncIterable<EsdbResolvedEvent>;
  readAll(options: {
    readonly direction: 'forwards' | 'backwards';
    readonly fromPosition: EsdbPosition | 'start' | 'end';
    readonly maxCount: number;
  }): AsyncIterable<EsdbResolvedEvent>;
  subscribeToAll(options: {
    readonly fromPosition: EsdbPosition | 'start';
    readonly filter: EsdbFilter;
  }): EsdbSubscription;
  deleteStream(streamName: string, options: EsdbDeleteExpectation): Promise<unknown>;
  tombstoneStream(streamName: string, options: EsdbDeleteExpectation): Promise<unknown>;
}
