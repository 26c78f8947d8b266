import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Aggregate } from '../../src/kernel/aggregate';
import { refuse } from '../../src/kernel/decider';
import { eventCatalog, eventType, type EventOf } from '../../src/kernel/event';
import { PartialDate } from '../../src/kernel/partial-date';
import { EngagementId, PositiveInteger } from '../../src/kernel/primitives';

/**
 * A small aggregate whose one command records several events at once, so tests of the SQLite
 * store can check that a whole batch (with its integrity chain) lands or none of it does.
 */

export const TallyCounted = eventType(
  'TallyCounted',
  t.strict({ tallyId: EngagementId, batchId: t.string, index: t.number, of: t.number }),
);
export type TallyEvent = EventOf<[typeof TallyCounted]>;

export const RecordTallyBatch = t.strict({
  type: t.literal('RecordTallyBatch'),
  tallyId: EngagementId,
  batchId: t.string,
  count: PositiveInteger,
  occurredOn: PartialDate,
});
export type RecordTallyBatch = t.TypeOf<typeof RecordTallyBatch>;

export interface TallyState {
  readonly counted: number;
}

export type TallyRule = 'BatchTooLarge';

export const MAX_TALLY_BATCH = 20;

export const Tally: Aggregate<RecordTallyBatch, TallyEvent, TallyState, TallyRule> = {
  name: 'Tally',
  commands: RecordTallyBatch,
  events: eventCatalog(TallyCounted),
  idOf: (command) => command.tallyId,
  initialState: { counted: 0 },
  decide: (command) =>
    command.count > MAX_TALLY_BATCH
      ? refuse(
          'Tally',
          'BatchTooLarge',
          `a batch of ${command.count} is more than ${MAX_TALLY_BATCH}; split it`,
        )
      : E.right(
          Array.from({ length: command.count }, (_, index) => ({
            type: 'TallyCounted' as const,
            occurredOn: command.occurredOn,
            data: { tallyId: command.tallyId, batchId: command.batchId, index, of: command.count },
          })),
        ),
  evolve: (state) => ({ counted: state.counted + 1 }),
};
