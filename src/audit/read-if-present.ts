import type { EventStore, StoredEvent } from '../kernel/event-store';
import { isStoreError } from '../kernel/store-errors';

/**
 * One stream's events, or none when the stream does not exist (or is soft-deleted): an audit of
 * a stream nobody wrote reports nothing rather than failing. A tombstone still rejects.
 */
export async function* readIfPresent(
  store: EventStore,
  streamId: string,
): AsyncGenerator<StoredEvent> {
  try {
    yield* store.readStream(streamId);
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound')) return;
    throw error;
  }
}
