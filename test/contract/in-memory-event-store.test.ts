import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { describeEventStoreContract } from './event-store-contract';

const noCleanUp = async (): Promise<void> => {};

describeEventStoreContract(
  'the in-memory store',
  () => ({ store: createInMemoryEventStore(), dispose: noCleanUp }),
  { startsEmpty: true },
);

// Positions far from 0 and seven apart: the suite must not lean on contiguous positions.
describeEventStoreContract(
  'the in-memory store with gaps between positions',
  () => ({
    store: createInMemoryEventStore({ positions: { first: 1_000_003n, step: 7n } }),
    dispose: noCleanUp,
  }),
  { startsEmpty: true },
);
