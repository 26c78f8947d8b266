import type { EventStore, StoredEvent } from '../../src/kernel/event-store';
import { StreamNotFoundError } from '../../src/kernel/store-errors';

/**
 * A store that serves a fixed list of stored events, in the order given, as a database someone
 * has tampered with would: for testing what readers and verifiers make of it.
 */
export const readOnlyStore = (events: readonly StoredEvent[]): EventStore => {
  const refuse = async (): Promise<never> => {
    throw new Error('this store is read-only');
  };
  return {
    appendToStream: refuse,
    deleteStream: refuse,
    subscribeToAll: () => {
      throw new Error('this store is read-only');
    },
    readAll: async function* () {
      yield* events;
    },
    readStream: async function* (streamId) {
      const own = events.filter((e) => e.streamId === streamId);
      if (own.length === 0) throw new StreamNotFoundError(streamId);
      yield* own;
    },
  };
};

export const collectAll = async (store: EventStore): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
};
