import type { Aggregate } from '../../kernel/aggregate';
import { BilateralMeetingCommand } from './commands';
import { decideBilateralMeeting, type BilateralMeetingRule } from './decide';
import { bilateralMeetingEvents, type BilateralMeetingEvent } from './events';
import { evolveBilateralMeeting } from './evolve';
import { initialBilateralMeetingState, type BilateralMeetingState } from './state';
import { Party } from '../shared/party';

export * from './commands';
export * from './decide';
export * from './events';
export * from './evolve';
export * from './state';

/**
 * A meeting between two states (a ministerial visit, talks between delegations): who came, what
 * was agreed, decided or announced, and the facts stated there, each with its source.
 */
export const BilateralMeeting: Aggregate<
  BilateralMeetingCommand,
  BilateralMeetingEvent,
  BilateralMeetingState,
  BilateralMeetingRule
> = {
  name: 'BilateralMeeting',
  commands: BilateralMeetingCommand,
  events: bilateralMeetingEvents,
  idOf: (command) => command.meetingId,
  onBehalfOf: Party,
  partiesOf: (state) => (state.status === 'unrecorded' ? undefined : state.parties),
  initialState: initialBilateralMeetingState,
  decide: decideBilateralMeeting,
  evolve: evolveBilateralMeeting,
};
