import type { Aggregate } from '../../kernel/aggregate';
import { JointWorkingGroupCommand } from './commands';
import { decideJointWorkingGroup, type JointWorkingGroupRule } from './decide';
import { jointWorkingGroupEvents, type JointWorkingGroupEvent } from './events';
import { evolveJointWorkingGroup } from './evolve';
import { initialJointWorkingGroupState, type JointWorkingGroupState } from './state';
import { Party } from '../shared/party';

export * from './commands';
export * from './decide';
export * from './events';
export * from './evolve';
export * from './sector';
export * from './state';

/**
 * A standing group of two states' officials working on agreed sectors: its co-chairs, its
 * meeting rounds and the action items they leave, until it is dissolved.
 */
export const JointWorkingGroup: Aggregate<
  JointWorkingGroupCommand,
  JointWorkingGroupEvent,
  JointWorkingGroupState,
  JointWorkingGroupRule
> = {
  name: 'JointWorkingGroup',
  commands: JointWorkingGroupCommand,
  events: jointWorkingGroupEvents,
  idOf: (command) => command.jwgId,
  onBehalfOf: Party,
  partiesOf: (state) => (state.status === 'notEstablished' ? undefined : state.parties),
  initialState: initialJointWorkingGroupState,
  decide: decideJointWorkingGroup,
  evolve: evolveJointWorkingGroup,
};
