import { createInMemoryKeyStore } from '../../src/personal/in-memory-key-store';
import { withKeyStore } from '../../src/personal/with-key-store';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';

/** An in-memory store with an in-memory key store beside it, so that names can be recorded. */
export const createKeyedInMemoryStore = (
  options: Parameters<typeof createInMemoryEventStore>[0] = {},
) => withKeyStore(createInMemoryEventStore(options), createInMemoryKeyStore());
