import * as E from 'fp-ts/Either';
import { recordMetadata, type CheckedInput } from '../kernel/command-input';
import type { DomainEvent, EventCatalog } from '../kernel/event';
import { eventIdFor } from '../kernel/event-id';
import type { EventStore, StoredEvent } from '../kernel/event-store';
import { encodeEvent, type InvalidEventError } from '../kernel/recorded-event';
import { isStoreError } from '../kernel/store-errors';
import { withoutIntegrity } from '../kernel/written-json';

/** The last visible event of a stream, `undefined` if it has none; rejects for a tombstone. */
export const lastEventOf = async (
  store: EventStore,
  streamId: string,
): Promise<StoredEvent | undefined> => {
  try {
    for await (const event of store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))
      return event;
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound')) return undefined;
    throw error;
  }
  return undefined;
};

/** The integrity hash an event was sealed with, if its metadata carries one. */
export const sealedHashOf = (event: StoredEvent): string | undefined => {
  try {
    const metadata = JSON.parse(event.metadata) as { integrity?: { hash?: unknown } };
    const hash = metadata.integrity?.hash;
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Appends one sealed event of the library's own bookkeeping (a deletion record, a signed
 * checkpoint) to the end of `streamId`, chained to its last event, for a checked command:
 * its id, who and why. Answers the revision written, or `'changed'` when another writer got in
 * first.
 */
export const appendSealedRecord = async <Event extends DomainEvent>(
  store: EventStore,
  catalog: EventCatalog<Event>,
  streamId: string,
  event: Event,
  input: CheckedInput<unknown>,
  recordedAt: Date,
): Promise<E.Either<InvalidEventError | 'changed', bigint>> => {
  const previous = await lastEventOf(store, streamId);
  const encoded = encodeEvent(catalog, event, {
    streamId,
    eventId: eventIdFor(streamId, input.context.commandId, 0),
    previousHash: previous === undefined ? null : (sealedHashOf(previous) ?? null),
    recordedAt,
    metadata: recordMetadata(input),
  });
  if (E.isLeft(encoded)) {
    // The library's own records name no one: a personal field in one is a bug, not the input's.
    if (encoded.left.kind === 'PersonalDataRefused')
      throw new TypeError(
        `${encoded.left.eventType} is a record of the library's own and may not declare personal fields`,
      );
    return E.left(encoded.left);
  }
  try {
    const appended = await store.appendToStream(streamId, [withoutIntegrity(encoded.right)], {
      expectedRevision: previous?.revision ?? 'no_stream',
    });
    return E.right(appended.nextExpectedRevision);
  } catch (error) {
    if (isStoreError(error, 'ConcurrencyConflict')) return E.left('changed');
    throw error;
  }
};
