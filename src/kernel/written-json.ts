import type { EventToAppend } from './event-store';
import type { IntegrityLink } from './integrity';

/**
 * An event whose data and metadata the library serialised itself. A store checks that data and
 * metadata are JSON by parsing them; text that is the very string `JSON.stringify` returned a
 * moment ago needs no second parse. The proof is that text, kept in private fields no one else
 * can set: an event whose data or metadata was changed afterwards, a copy made by anyone else, or
 * an event a caller made on its own is not proven, and is parsed as before.
 *
 * (A private field costs next to nothing to check; a `WeakMap` of the same proofs was measured
 * at more per event than the parse it spares.)
 */
class WrittenAppend implements EventToAppend {
  readonly #data: string;
  readonly #metadata: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: Date;

  constructor(append: Required<EventToAppend>) {
    this.eventId = append.eventId;
    this.type = append.type;
    this.data = append.data;
    this.metadata = append.metadata;
    this.recordedAt = append.recordedAt;
    this.#data = append.data;
    this.#metadata = append.metadata;
  }

  static holds(append: EventToAppend, field: 'data' | 'metadata', text: string): boolean {
    return (
      #data in append &&
      typeof text === 'string' &&
      (field === 'data' ? append.#data : append.#metadata) === text
    );
  }
}

/** An encoded event, its integrity link beside it. */
class WrittenEvent extends WrittenAppend {
  readonly integrity: IntegrityLink;

  constructor(append: Required<EventToAppend> & { readonly integrity: IntegrityLink }) {
    super(append);
    this.integrity = append.integrity;
  }
}

/**
 * An event with the `data` and `metadata` that `JSON.stringify` has just returned, proven so.
 * Only the encoder calls this, with text it serialised itself.
 */
export const writtenEvent = (
  append: Required<EventToAppend> & { readonly integrity: IntegrityLink },
): EventToAppend & { readonly integrity: IntegrityLink } => {
  // V8 builds `JSON.stringify`'s text as a rope, and whoever reads it first lays it out flat:
  // the store's parse did, while it had one. Reading a character flattens it here, in the
  // write that made it, instead of in the first replay (measured: the parse it spares costs
  // about twice as much as this).
  flatten(append.data);
  flatten(append.metadata);
  return new WrittenEvent(append);
};

const flatten = (text: string): void => {
  if (text.length > 0) text.charCodeAt(text.length - 1);
};

/** Whether `text` is, for certain, the JSON the library wrote as this event's `field`. */
export const isWrittenJson = (
  append: EventToAppend,
  field: 'data' | 'metadata',
  text: string,
): boolean => WrittenAppend.holds(append, field, text);

/** An encoded event without its integrity link, as the store takes it, still proven JSON. */
export const withoutIntegrity = (
  encoded: EventToAppend & { readonly integrity: unknown },
): EventToAppend => {
  const { eventId, type, data, metadata, recordedAt } = encoded;
  if (
    recordedAt !== undefined &&
    isWrittenJson(encoded, 'data', data) &&
    isWrittenJson(encoded, 'metadata', metadata)
  )
    return new WrittenAppend({ eventId, type, data, metadata, recordedAt });
  return recordedAt === undefined
    ? { eventId, type, data, metadata }
    : { eventId, type, data, metadata, recordedAt };
};
