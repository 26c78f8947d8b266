import * as t from 'io-ts';
import { eventCatalog, eventType, type EventOf } from '../../kernel/event';
import { PartialDate } from '../../kernel/partial-date';
import { EngagementId, PositiveInteger, struct } from '../../kernel/primitives';
import { Delegation } from '../shared/delegation';
import { Parties, Party } from '../shared/party';
import { Post } from '../shared/post';
import { Sector } from './sector';
import { Description, Name, Reason } from '../../kernel/text';

/** How an action item ended. */
export const ActionOutcome = t.keyof(
  { completed: null, dropped: null, superseded: null },
  'ActionOutcome',
);
export type ActionOutcome = t.TypeOf<typeof ActionOutcome>;

/** The parties agreed to set up the group; the event's `occurredOn` is the day they agreed. */
export const JointWorkingGroupEstablished = eventType(
  'JointWorkingGroupEstablished',
  t.strict(
    { jwgId: EngagementId, name: Name, parties: Parties, sectors: t.array(Sector) },
    'JointWorkingGroupEstablishedData',
  ),
);

/** A post co-chairs the group for a party; `replaces` names the post it takes over from. */
export const CoChairDesignated = eventType(
  'CoChairDesignated',
  struct(
    'CoChairDesignatedData',
    { jwgId: EngagementId, party: Party, post: Post },
    { replaces: Post },
  ),
);

export const SectorAdded = eventType(
  'SectorAdded',
  t.strict({ jwgId: EngagementId, sector: Sector }, 'SectorAddedData'),
);

/** A round is set for a date; `occurredOn` is when that was decided. */
export const MeetingScheduled = eventType(
  'MeetingScheduled',
  t.strict(
    {
      jwgId: EngagementId,
      round: PositiveInteger,
      hostParty: Party,
      venue: Name,
      scheduledOn: PartialDate,
    },
    'MeetingScheduledData',
  ),
);

export const MeetingPostponed = eventType(
  'MeetingPostponed',
  struct(
    'MeetingPostponedData',
    {
      jwgId: EngagementId,
      round: PositiveInteger,
      previousDate: PartialDate,
      newDate: PartialDate,
    },
    { reason: Reason },
  ),
);

/** A round took place; `occurredOn` is the day it did. */
export const MeetingHeld = eventType(
  'MeetingHeld',
  t.strict(
    {
      jwgId: EngagementId,
      round: PositiveInteger,
      hostParty: Party,
      venue: Name,
      delegations: t.array(Delegation),
    },
    'MeetingHeldData',
  ),
);

export const ActionItemRecorded = eventType(
  'ActionItemRecorded',
  struct(
    'ActionItemRecordedData',
    {
      jwgId: EngagementId,
      actionId: EngagementId,
      round: PositiveInteger,
      ownerParty: Party,
      description: Description,
    },
    { dueOn: PartialDate },
  ),
);

export const ActionItemClosed = eventType(
  'ActionItemClosed',
  struct(
    'ActionItemClosedData',
    { jwgId: EngagementId, actionId: EngagementId, outcome: ActionOutcome },
    { note: Description },
  ),
);

export const JointWorkingGroupDissolved = eventType(
  'JointWorkingGroupDissolved',
  t.strict({ jwgId: EngagementId, reason: Reason }, 'JointWorkingGroupDissolvedData'),
);

export const jointWorkingGroupEvents = eventCatalog(
  JointWorkingGroupEstablished,
  CoChairDesignated,
  SectorAdded,
  MeetingScheduled,
  MeetingPostponed,
  MeetingHeld,
  ActionItemRecorded,
  ActionItemClosed,
  JointWorkingGroupDissolved,
);
export type JointWorkingGroupEvent = EventOf<
  [
    typeof JointWorkingGroupEstablished,
    typeof CoChairDesignated,
    typeof SectorAdded,
    typeof MeetingScheduled,
    typeof MeetingPostponed,
    typeof MeetingHeld,
    typeof ActionItemRecorded,
    typeof ActionItemClosed,
    typeof JointWorkingGroupDissolved,
  ]
>;
