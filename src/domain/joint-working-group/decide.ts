import * as E from 'fp-ts/Either';
import { actsOutOfOrder } from '../../kernel/acts-in-order';
import { refuse, type RuleViolation } from '../../kernel/decider';
import { delegationProblem } from '../shared/delegation';
import { describePost, samePost } from '../shared/post';
import { areDistinct, isOneOf } from '../shared/rules';
import type { JointWorkingGroupCommand } from './commands';
import type { JointWorkingGroupEvent } from './events';
import { jointWorkingGroupActsInOrder } from './prerequisites';
import type { JointWorkingGroupRule } from './rules';
import { isKnownSector, knownSectorNamedBy, sameSector, showSector, type Sector } from './sector';
import type { JointWorkingGroupState } from './state';

export type { JointWorkingGroupRule } from './rules';

/** What deciding a command gives: the events to record, or the rule that refuses it. */
export type JointWorkingGroupDecision = E.Either<
  RuleViolation<JointWorkingGroupRule>,
  readonly JointWorkingGroupEvent[]
>;

type CommandOf<Type extends JointWorkingGroupCommand['type']> = Extract<
  JointWorkingGroupCommand,
  { type: Type }
>;

/** A group that exists and still works. */
type Active = Extract<JointWorkingGroupState, { status: 'active' }>;

const no = (rule: JointWorkingGroupRule, message: string) =>
  refuse('JointWorkingGroup', rule, message);

/** A custom sector that spells a known one must be written as that known code. */
const checkNotAKnownSectorInDisguise = (sector: Sector): JointWorkingGroupDecision | undefined => {
  if (isKnownSector(sector)) return undefined;
  const known = knownSectorNamedBy(sector);
  if (known === undefined) return undefined;
  return no(
    'CustomSectorNamesAKnownSector',
    `${showSector(sector)} is the known sector '${known}'; write '${known}' instead`,
  );
};

const establish = (
  command: CommandOf<'EstablishJointWorkingGroup'>,
  state: JointWorkingGroupState,
): JointWorkingGroupDecision => {
  if (state.status !== 'notEstablished')
    return no(
      'AlreadyEstablished',
      `joint working group ${command.jwgId} was already established on ${state.establishedOn}; choose another id for a new group`,
    );
  const { parties, sectors } = command;
  if (!areDistinct(parties))
    return no(
      'PartiesMustDiffer',
      `a joint working group needs two different parties, got ${parties[0]} twice`,
    );
  if (sectors.length === 0)
    return no(
      'AtLeastOneSector',
      `name at least one sector for joint working group ${command.jwgId}`,
    );
  for (const [index, sector] of sectors.entries()) {
    const disguised = checkNotAKnownSectorInDisguise(sector);
    if (disguised !== undefined) return disguised;
    const earlier = sectors.slice(0, index).find((s) => sameSector(s, sector));
    if (earlier !== undefined)
      return no(
        'SectorAlreadyCovered',
        `${showSector(sector)} is listed twice (also as ${showSector(earlier)}); list each sector once`,
      );
  }
  return E.right([
    {
      type: 'JointWorkingGroupEstablished',
      occurredOn: command.occurredOn,
      data: { jwgId: command.jwgId, name: command.name, parties, sectors },
    },
  ]);
};

const designateCoChair = (
  command: CommandOf<'DesignateCoChair'>,
  state: Active,
): JointWorkingGroupDecision => {
  const { party, post } = command;
  if (!isOneOf(party, state.parties))
    return no(
      'CoChairMustBeOfAParty',
      `${party} is not a party to ${state.jwgId} (${state.parties.join(', ')}); designate a co-chair for one of them`,
    );
  if (post.party !== party)
    return no(
      'CoChairPostMustActForItsParty',
      `${describePost(post)} acts for ${post.party}, so it cannot co-chair for ${party}`,
    );
  const seat = state.coChairs.find((s) => s.party === party);
  if (seat !== undefined && samePost(seat.post, post))
    return no(
      'CoChairAlreadyDesignated',
      `${describePost(post)} already co-chairs ${state.jwgId} for ${party}; designate a different post or holder to replace it`,
    );
  return E.right([
    {
      type: 'CoChairDesignated',
      occurredOn: command.occurredOn,
      data: {
        jwgId: state.jwgId,
        party,
        post,
        ...(seat === undefined ? {} : { replaces: seat.post }),
      },
    },
  ]);
};

const addSector = (command: CommandOf<'AddSector'>, state: Active): JointWorkingGroupDecision => {
  const disguised = checkNotAKnownSectorInDisguise(command.sector);
  if (disguised !== undefined) return disguised;
  const existing = state.sectors.find((s) => sameSector(s, command.sector));
  if (existing !== undefined)
    return no(
      'SectorAlreadyCovered',
      `${state.jwgId} already covers ${showSector(existing)}; add a sector it does not cover yet`,
    );
  return E.right([
    {
      type: 'SectorAdded',
      occurredOn: command.occurredOn,
      data: { jwgId: state.jwgId, sector: command.sector },
    },
  ]);
};

const checkRoundAfterLastHeld = (
  round: number,
  state: Active,
): JointWorkingGroupDecision | undefined =>
  round <= state.lastHeldRound
    ? no(
        'MeetingRoundsMustIncrease',
        `round ${round} is not after round ${state.lastHeldRound}, the last held; use round ${state.lastHeldRound + 1} or later`,
      )
    : undefined;

const scheduleMeeting = (
  command: CommandOf<'ScheduleMeeting'>,
  state: Active,
): JointWorkingGroupDecision => {
  const { round, hostParty, scheduledOn } = command;
  if (!isOneOf(hostParty, state.parties))
    return no(
      'HostMustBeAParty',
      `host ${hostParty} is not one of the parties ${state.parties.join(', ')}`,
    );
  const problem = checkRoundAfterLastHeld(round, state);
  if (problem !== undefined) return problem;
  const scheduled = state.scheduledMeetings.find((m) => m.round === round);
  if (scheduled !== undefined)
    return no(
      'MeetingAlreadyScheduled',
      `round ${round} is already scheduled for ${scheduled.scheduledOn}; postpone it, or schedule another round`,
    );
  return E.right([
    {
      type: 'MeetingScheduled',
      occurredOn: command.occurredOn,
      data: { jwgId: state.jwgId, round, hostParty, venue: command.venue, scheduledOn },
    },
  ]);
};

const postponeMeeting = (
  command: CommandOf<'PostponeMeeting'>,
  state: Active,
): JointWorkingGroupDecision => {
  const { round, newDate } = command;
  const scheduled = state.scheduledMeetings.find((m) => m.round === round);
  if (scheduled === undefined)
    return no(
      'MeetingNotScheduled',
      round <= state.lastHeldRound
        ? `round ${round} can no longer be postponed: round ${state.lastHeldRound} has been held`
        : `round ${round} is not scheduled; schedule it before postponing it`,
    );
  if (newDate === scheduled.scheduledOn)
    return no(
      'PostponementMustChangeDate',
      `round ${round} is already set for ${newDate}; give the new date it moves to`,
    );
  return E.right([
    {
      type: 'MeetingPostponed',
      occurredOn: command.occurredOn,
      data: {
        jwgId: state.jwgId,
        round,
        previousDate: scheduled.scheduledOn,
        newDate,
        ...(command.reason === undefined ? {} : { reason: command.reason }),
      },
    },
  ]);
};

const recordMeetingHeld = (
  command: CommandOf<'RecordMeetingHeld'>,
  state: Active,
): JointWorkingGroupDecision => {
  const { round, hostParty, delegations } = command;
  if (!isOneOf(hostParty, state.parties))
    return no(
      'HostMustBeAParty',
      `host ${hostParty} is not one of the parties ${state.parties.join(', ')}`,
    );
  const problem = checkRoundAfterLastHeld(round, state);
  if (problem !== undefined) return problem;
  const delegationIssue = delegationProblem(delegations, state.parties);
  if (delegationIssue !== undefined) return no(delegationIssue.rule, delegationIssue.message);
  return E.right([
    {
      type: 'MeetingHeld',
      occurredOn: command.occurredOn,
      data: { jwgId: state.jwgId, round, hostParty, venue: command.venue, delegations },
    },
  ]);
};

const recordActionItem = (
  command: CommandOf<'RecordActionItem'>,
  state: Active,
): JointWorkingGroupDecision => {
  const { actionId, round, ownerParty, dueOn } = command;
  if (!state.heldMeetings.some((m) => m.round === round))
    return no(
      'ActionItemNeedsHeldMeeting',
      `round ${round} of ${state.jwgId} has not been held; record the meeting before its action items`,
    );
  if (state.actionItems.some((a) => a.actionId === actionId))
    return no(
      'ActionItemAlreadyRecorded',
      `action item ${actionId} is already recorded; give the new one another id`,
    );
  if (!isOneOf(ownerParty, state.parties))
    return no(
      'ActionOwnerMustBeAParty',
      `${ownerParty} is not a party to ${state.jwgId}; an action item is owned by ${state.parties.join(' or ')}`,
    );
  return E.right([
    {
      type: 'ActionItemRecorded',
      occurredOn: command.occurredOn,
      data: {
        jwgId: state.jwgId,
        actionId,
        round,
        ownerParty,
        description: command.description,
        ...(dueOn === undefined ? {} : { dueOn }),
      },
    },
  ]);
};

const closeActionItem = (
  command: CommandOf<'CloseActionItem'>,
  state: Active,
): JointWorkingGroupDecision => {
  const { actionId } = command;
  const item = state.actionItems.find((a) => a.actionId === actionId);
  if (item === undefined)
    return no(
      'ActionItemUnknown',
      `${state.jwgId} has no action item ${actionId}; record it before closing it`,
    );
  if (item.status === 'closed')
    return no(
      'ActionItemAlreadyClosed',
      `action item ${actionId} was already closed on ${item.closedOn} (${item.outcome})`,
    );
  return E.right([
    {
      type: 'ActionItemClosed',
      occurredOn: command.occurredOn,
      data: {
        jwgId: state.jwgId,
        actionId,
        outcome: command.outcome,
        ...(command.note === undefined ? {} : { note: command.note }),
      },
    },
  ]);
};

const dissolve = (
  command: CommandOf<'DissolveJointWorkingGroup'>,
  state: Active,
): JointWorkingGroupDecision =>
  E.right([
    {
      type: 'JointWorkingGroupDissolved',
      occurredOn: command.occurredOn,
      data: { jwgId: state.jwgId, reason: command.reason },
    },
  ]);

export const decideJointWorkingGroup = (
  command: JointWorkingGroupCommand,
  state: JointWorkingGroupState,
): JointWorkingGroupDecision => {
  if (state.status === 'dissolved')
    return no(
      'AlreadyDissolved',
      `joint working group ${state.jwgId} was dissolved on ${state.dissolvedOn}; it takes no further records`,
    );
  if (command.type === 'EstablishJointWorkingGroup') return establish(command, state);
  if (state.status === 'notEstablished')
    return no(
      'NotEstablished',
      `joint working group ${command.jwgId} is not established; establish it before ${command.type}`,
    );
  const decision = decideForActive(command, state);
  // Dates last, in one place: a step that cannot happen at all is refused for that first.
  if (E.isLeft(decision)) return decision;
  return (
    actsOutOfOrder('JointWorkingGroup', jointWorkingGroupActsInOrder(command, state)) ?? decision
  );
};

const decideForActive = (
  command: Exclude<JointWorkingGroupCommand, { type: 'EstablishJointWorkingGroup' }>,
  state: Active,
): JointWorkingGroupDecision => {
  switch (command.type) {
    case 'DesignateCoChair':
      return designateCoChair(command, state);
    case 'AddSector':
      return addSector(command, state);
    case 'ScheduleMeeting':
      return scheduleMeeting(command, state);
    case 'PostponeMeeting':
      return postponeMeeting(command, state);
    case 'RecordMeetingHeld':
      return recordMeetingHeld(command, state);
    case 'RecordActionItem':
      return recordActionItem(command, state);
    case 'CloseActionItem':
      return closeActionItem(command, state);
    case 'DissolveJointWorkingGroup':
      return dissolve(command, state);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};
