import { v4 as uuidv4 } from 'uuid';
import type { EventStore } from '../../src/kernel/event-store';
import type { CommandContext } from '../../src/kernel/recorded-event';

/** A valid command context with a fresh command id; override what a test is about. */
export const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  commandId: uuidv4(),
  actor: 'registrar@mofa.example',
  onBehalfOf: 'PK',
  reason: 'recording the outcome of talks',
  source: { kind: 'newsReport', reference: 'UrduPoint, 10 Sep 2025' },
  ...overrides,
});

/** Every stored event of a stream as plain data, for before/after comparisons. */
export const snapshot = async (store: EventStore, streamId: string): Promise<unknown[]> => {
  const out: unknown[] = [];
  try {
    for await (const e of store.readStream(streamId)) out.push(e);
  } catch (error) {
    if ((error as { kind?: string }).kind === 'StreamNotFound') return [];
    throw error;
  }
  return out;
};

/**
 * A store clock for histories that run on past today (signatures in 2027, a termination in
 * 2031): the store records them as of 1 January 2040, so no act is dated after its recording.
 */
export const recordingIn2040 = (): Date => new Date('2040-01-01T00:00:00Z');
