import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { defineEventStoreContract } from '../../src/testing';

const noCleanUp = async (): Promise<void> => {};

defineEventStoreContract(
  'the in-memory store',
  () => ({ store: createInMemoryEventStore(), dispose: noCleanUp }),
  { test, describe, startsEmpty: true, appendToStreams: true },
);

// Positions far from 0 and seven apart: the suite must not lean on contiguous positions.
defineEventStoreContract(
  'the in-memory store with gaps between positions',
  () => ({
    store: createInMemoryEventStore({ positions: { first: 1_000_003n, step: 7n } }),
    dispose: noCleanUp,
  }),
  { test, describe, startsEmpty: true, appendToStreams: true },
);
