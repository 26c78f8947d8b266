import type { EventStore } from '../../src/kernel/event-store';

/** Every item of an async iterable, in order. */
export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

/** The store, with every event its `readAll` hands out counted. */
export const counting = (store: EventStore): { store: EventStore; read: () => number } => {
  let read = 0;
  return {
    store: {
      ...store,
      readAll: async function* (options) {
        for await (const event of store.readAll(options)) {
          read++;
          yield event;
        }
      },
    },
    read: () => read,
  };
};
