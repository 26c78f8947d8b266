import * as E from 'fp-ts/Either';
import type { LedgerEvent } from '../domain/ledger';
import type { Party } from '../domain/shared/party';
import type { Aggregate } from '../kernel/aggregate';
import { loadState, type LoadedState } from '../kernel/command-handler';
import type { DomainEvent } from '../kernel/event';
import type { EventStore } from '../kernel/event-store';
import { latestDay, type PartialDate } from '../kernel/partial-date';
import type { DecodeError, RecordedEvent } from '../kernel/recorded-event';
import { bilateralOverview, type BilateralOverview } from '../projections/bilateral-overview';
import {
  checkOverviewOptions,
  type BilateralOverviewOptions,
} from '../projections/joint-working-group-checks';
import { readLedgerEvents } from '../projections/checkpoint';
import { applyToCurrentStates, emptyCurrentStates } from '../projections/current-states';

/**
 * A point in time to look back from. Combine them freely:
 * - `revision`: the stream as it stood after this revision;
 * - `recordedAt`: what the record said at that instant (events recorded later are left out);
 * - `occurredOn`: what was true on that date by the record used (events that may have happened
 *   later are left out: an event dated `2025-09` is not yet known to be true on `2025-09-10`).
 *
 * `{ recordedAt: 1 Oct, occurredOn: '2025-09-10' }` asks what we knew on 1 October about
 * 10 September.
 */
export interface AsOf {
  readonly revision?: bigint;
  readonly recordedAt?: Date;
  readonly occurredOn?: PartialDate;
}

/** Whether an event belongs to the history as seen from `asOf`. */
export const isKnownAsOf = (recorded: RecordedEvent, asOf: AsOf): boolean =>
  (asOf.revision === undefined || recorded.revision <= asOf.revision) &&
  (asOf.recordedAt === undefined || recorded.recordedAt <= asOf.recordedAt) &&
  (asOf.occurredOn === undefined ||
    latestDay(recorded.event.occurredOn) <= latestDay(asOf.occurredOn));

export type StateAsOf<State> = LoadedState<State>;

/**
 * The state of one aggregate as seen from `asOf`, folded from the events it selects in the order
 * they were recorded. A late entry about an earlier fact is included when its date qualifies.
 */
export const stateAsOf = <
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Rule extends string,
>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Rule>,
  id: string,
  asOf: AsOf,
): Promise<E.Either<DecodeError, StateAsOf<State>>> =>
  loadState(store, aggregate, id, (recorded) => isKnownAsOf(recorded, asOf));

/**
 * The bilateral overview of two parties as seen from `asOf` (`revision` does not apply here).
 * `options` are the overview's own (dormancy judged on a date), checked before anything is read.
 */
export const bilateralOverviewAsOf = async (
  store: EventStore,
  parties: readonly [Party, Party],
  asOf: Omit<AsOf, 'revision'>,
  options: BilateralOverviewOptions = {},
): Promise<E.Either<DecodeError, BilateralOverview>> => {
  const checked = checkOverviewOptions(options);
  if (E.isLeft(checked)) throw checked.left;
  const states = emptyCurrentStates();
  for await (const decoded of readLedgerEvents(store)) {
    if (E.isLeft(decoded)) return decoded;
    const recorded: RecordedEvent<LedgerEvent> = decoded.right;
    if (isKnownAsOf(recorded, asOf)) applyToCurrentStates(states, recorded);
  }
  return E.right(bilateralOverview(states, parties, options));
};
