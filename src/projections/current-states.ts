import * as E from 'fp-ts/Either';
import { BilateralMeeting, type BilateralMeetingState } from '../domain/bilateral-meeting';
import { DrugLiaisonPosting, type DrugLiaisonPostingState } from '../domain/drug-liaison-posting';
import { JointWorkingGroup, type JointWorkingGroupState } from '../domain/joint-working-group';
import { ledgerEvents, type LedgerEvent } from '../domain/ledger';
import { MoU, type MoUState } from '../domain/mou';
import { categoryOf } from '../kernel/event-registry';
import type { EventStore } from '../kernel/event-store';
import type { DecodeError, RecordedEvent } from '../kernel/recorded-event';
import type { Projection } from './projection';
import { runProjection } from './runner';

/**
 * The current state of every engagement in the store, keyed by aggregate id, folded from the
 * global order. `position` is the last event applied.
 */
export interface CurrentStates {
  readonly meetings: Map<string, BilateralMeetingState>;
  readonly jointWorkingGroups: Map<string, JointWorkingGroupState>;
  readonly mous: Map<string, MoUState>;
  readonly postings: Map<string, DrugLiaisonPostingState>;
  position: bigint | undefined;
}

export const emptyCurrentStates = (): CurrentStates => ({
  meetings: new Map(),
  jointWorkingGroups: new Map(),
  mous: new Map(),
  postings: new Map(),
  position: undefined,
});

/** The aggregate id of a stream: its name after the category (`MoU-extradition` → `extradition`). */
const idOf = (streamId: string): string => streamId.slice(categoryOf(streamId).length + 1);

const evolveIn = <Event extends LedgerEvent, State>(
  states: Map<string, State>,
  aggregate: { initialState: State; evolve: (state: State, event: Event) => State },
  id: string,
  event: Event,
): void => {
  states.set(id, aggregate.evolve(states.get(id) ?? aggregate.initialState, event));
};

/**
 * Applies one recorded event. The maps are updated in place: a fold over a long history must not
 * copy every state it holds at every step.
 */
export const applyToCurrentStates = (
  states: CurrentStates,
  recorded: RecordedEvent<LedgerEvent>,
): CurrentStates => {
  const { event } = recorded;
  const id = idOf(recorded.streamId);
  switch (categoryOf(recorded.streamId)) {
    case BilateralMeeting.name:
      if (BilateralMeeting.events.owns(event))
        evolveIn(states.meetings, BilateralMeeting, id, event);
      break;
    case JointWorkingGroup.name:
      if (JointWorkingGroup.events.owns(event))
        evolveIn(states.jointWorkingGroups, JointWorkingGroup, id, event);
      break;
    case MoU.name:
      if (MoU.events.owns(event)) evolveIn(states.mous, MoU, id, event);
      break;
    case DrugLiaisonPosting.name:
      if (DrugLiaisonPosting.events.owns(event))
        evolveIn(states.postings, DrugLiaisonPosting, id, event);
      break;
  }
  states.position = recorded.position;
  return states;
};

/**
 * The current state of every engagement as a projection, to run live with `startProjection`
 * (its model is in memory only: every start replays the store, which a ledger of engagements
 * does quickly).
 */
export const currentStatesProjection: Projection<CurrentStates, LedgerEvent> = {
  name: 'CurrentStates',
  version: 1,
  events: ledgerEvents,
  initial: emptyCurrentStates,
  apply: applyToCurrentStates,
};

/**
 * Reads the whole store in global order into the current state of every engagement: a one-shot
 * run of `currentStatesProjection`. Projection checkpoints are passed over. Stops at the first
 * event that cannot be decoded and says which it is.
 */
export const readCurrentStates = async (
  store: EventStore,
): Promise<E.Either<DecodeError, CurrentStates>> => {
  const result = await runProjection(store, currentStatesProjection);
  if (E.isRight(result)) return E.right(result.right.model);
  const failure = result.left;
  if (failure.kind === 'DecodeFailed') return E.left(failure.error);
  // Not a fact about the history: a fault of the store or of this library.
  throw new Error(failure.message, { cause: failure });
};
