import * as t from 'io-ts';
import { PartialDate } from '../../kernel/partial-date';
import { EngagementId, PositiveInteger, struct } from '../../kernel/primitives';
import { Parties, Party } from '../shared/party';
import { Post } from '../shared/post';
import { Delegation } from '../shared/delegation';
import { ActionOutcome } from './events';
import { Sector } from './sector';
import { Description, Name, Reason } from '../../kernel/text';

/** `occurredOn` is the day the parties agreed to set up the group. */
export const EstablishJointWorkingGroup = t.strict(
  {
    type: t.literal('EstablishJointWorkingGroup'),
    jwgId: EngagementId,
    name: Name,
    parties: Parties,
    sectors: t.array(Sector),
    occurredOn: PartialDate,
  },
  'EstablishJointWorkingGroup',
);

export const DesignateCoChair = t.strict(
  {
    type: t.literal('DesignateCoChair'),
    jwgId: EngagementId,
    party: Party,
    post: Post,
    occurredOn: PartialDate,
  },
  'DesignateCoChair',
);

export const AddSector = t.strict(
  {
    type: t.literal('AddSector'),
    jwgId: EngagementId,
    sector: Sector,
    occurredOn: PartialDate,
  },
  'AddSector',
);

export const ScheduleMeeting = t.strict(
  {
    type: t.literal('ScheduleMeeting'),
    jwgId: EngagementId,
    round: PositiveInteger,
    hostParty: Party,
    venue: Name,
    scheduledOn: PartialDate,
    occurredOn: PartialDate,
  },
  'ScheduleMeeting',
);

export const PostponeMeeting = struct(
  'PostponeMeeting',
  {
    type: t.literal('PostponeMeeting'),
    jwgId: EngagementId,
    round: PositiveInteger,
    newDate: PartialDate,
    occurredOn: PartialDate,
  },
  { reason: Reason },
);

/** `occurredOn` is the day the round took place. */
export const RecordMeetingHeld = t.strict(
  {
    type: t.literal('RecordMeetingHeld'),
    jwgId: EngagementId,
    round: PositiveInteger,
    hostParty: Party,
    venue: Name,
    delegations: t.array(Delegation),
    occurredOn: PartialDate,
  },
  'RecordMeetingHeld',
);

export const RecordActionItem = struct(
  'RecordActionItem',
  {
    type: t.literal('RecordActionItem'),
    jwgId: EngagementId,
    actionId: EngagementId,
    round: PositiveInteger,
    ownerParty: Party,
    description: Description,
    occurredOn: PartialDate,
  },
  { dueOn: PartialDate },
);

export const CloseActionItem = struct(
  'CloseActionItem',
  {
    type: t.literal('CloseActionItem'),
    jwgId: EngagementId,
    actionId: EngagementId,
    outcome: ActionOutcome,
    occurredOn: PartialDate,
  },
  { note: Description },
);

export const DissolveJointWorkingGroup = t.strict(
  {
    type: t.literal('DissolveJointWorkingGroup'),
    jwgId: EngagementId,
    reason: Reason,
    occurredOn: PartialDate,
  },
  'DissolveJointWorkingGroup',
);

export const JointWorkingGroupCommand = t.union(
  [
    EstablishJointWorkingGroup,
    DesignateCoChair,
    AddSector,
    ScheduleMeeting,
    PostponeMeeting,
    RecordMeetingHeld,
    RecordActionItem,
    CloseActionItem,
    DissolveJointWorkingGroup,
  ],
  'JointWorkingGroupCommand',
);
export type JointWorkingGroupCommand = t.TypeOf<typeof JointWorkingGroupCommand>;
