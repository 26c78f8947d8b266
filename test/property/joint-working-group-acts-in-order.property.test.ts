import {
  JointWorkingGroup,
  type JointWorkingGroupCommand,
} from '../../src/domain/joint-working-group';
import type { Post } from '../../src/domain/shared/post';
import {
  checkDependentPairs,
  FAR_AHEAD,
  LONG_AGO,
  type DependentPair,
} from '../support/acts-in-order';

type Command = JointWorkingGroupCommand;
const jwgId = 'jwg-in-order';
const old = LONG_AGO;

const naqvi: Post = { title: 'Federal Minister for Interior', party: 'PK' };
const chaudhry: Post = { title: 'Minister of State for Interior', party: 'PK' };

const establish = (on: string): Command => ({
  type: 'EstablishJointWorkingGroup',
  jwgId,
  name: 'Pakistan–Bahrain Joint Working Group',
  parties: ['PK', 'BH'],
  sectors: ['counterNarcotics'],
  occurredOn: on,
});
const designate = (post: Post, on: string): Command => ({
  type: 'DesignateCoChair',
  jwgId,
  party: post.party,
  post,
  occurredOn: on,
});
/** Round `round` scheduled on `on` to meet on `scheduledOn`. */
const schedule = (round: number, scheduledOn: string, on: string): Command => ({
  type: 'ScheduleMeeting',
  jwgId,
  round,
  hostParty: 'PK',
  venue: 'Islamabad',
  scheduledOn,
  occurredOn: on,
});
/** Round `round` postponed on `on` to `newDate`. */
const postpone = (round: number, newDate: string, on: string): Command => ({
  type: 'PostponeMeeting',
  jwgId,
  round,
  newDate,
  occurredOn: on,
});
const hold = (round: number, on: string): Command => ({
  type: 'RecordMeetingHeld',
  jwgId,
  round,
  hostParty: 'PK',
  venue: 'Islamabad',
  delegations: [],
  occurredOn: on,
});
const action = (on: string, dueOn?: string): Command => ({
  type: 'RecordActionItem',
  jwgId,
  actionId: 'a1',
  round: 1,
  ownerParty: 'BH',
  description: 'name a liaison officer',
  ...(dueOn === undefined ? {} : { dueOn }),
  occurredOn: on,
});
const close = (on: string): Command => ({
  type: 'CloseActionItem',
  jwgId,
  actionId: 'a1',
  outcome: 'completed',
  occurredOn: on,
});
const dissolve = (on: string): Command => ({
  type: 'DissolveJointWorkingGroup',
  jwgId,
  reason: 'work done',
  occurredOn: on,
});

const pairs: readonly DependentPair<Command>[] = [
  {
    later: 'a co-chair designated',
    earlier: 'the establishment',
    rule: 'DatedBeforeEstablishment',
    setup: (e) => [establish(e)],
    command: (l) => designate(naqvi, l),
  },
  {
    later: 'a sector added',
    earlier: 'the establishment',
    rule: 'DatedBeforeEstablishment',
    setup: (e) => [establish(e)],
    command: (l) => ({ type: 'AddSector', jwgId, sector: 'immigration', occurredOn: l }),
  },
  {
    later: 'a round scheduled',
    earlier: 'the establishment',
    rule: 'DatedBeforeEstablishment',
    setup: (e) => [establish(e)],
    command: (l) => schedule(1, FAR_AHEAD, l),
  },
  {
    // Scheduled on the day of establishment, so the establishment is the first step missed.
    later: 'the date a round is scheduled for',
    earlier: 'the establishment',
    rule: 'DatedBeforeEstablishment',
    setup: (e) => [establish(e)],
    command: (l, e) => schedule(1, l, e),
  },
  {
    later: 'a replacement co-chair',
    earlier: 'the designation it replaces',
    rule: 'ReplacedBeforeDesignation',
    setup: (e) => [establish(old), designate(naqvi, e)],
    command: (l) => designate(chaudhry, l),
  },
  {
    later: 'a round held',
    earlier: 'the round before it',
    rule: 'MeetingBeforePreviousRound',
    setup: (e) => [establish(old), hold(1, e)],
    command: (l) => hold(2, l),
  },
  {
    later: 'the date a round is scheduled for',
    earlier: 'the round held before it',
    rule: 'MeetingBeforePreviousRound',
    setup: (e) => [establish(old), hold(1, e)],
    command: (l) => schedule(2, l, old),
  },
  {
    later: 'the date a round is scheduled for',
    earlier: 'the day it is scheduled',
    rule: 'MeetingScheduledInThePast',
    setup: () => [establish(old)],
    command: (l, e) => schedule(1, l, e),
  },
  {
    later: 'the date a round is postponed to',
    earlier: 'the day it is postponed',
    rule: 'MeetingScheduledInThePast',
    setup: () => [establish(old), schedule(1, old, old)],
    command: (l, e) => postpone(1, l, e),
  },
  {
    later: 'the date a round is postponed to',
    earlier: 'the date it was set for',
    rule: 'PostponementMustBeLater',
    setup: (e) => [establish(old), schedule(1, e, old)],
    command: (l) => postpone(1, l, old),
    // Postponing to the date already set is refused as no change.
    excludes: (e, l) => e === l,
  },
  {
    later: 'a postponement',
    earlier: 'the scheduling',
    rule: 'PostponedBeforeScheduled',
    setup: (e) => [establish(old), schedule(1, '2098', e)],
    command: (l) => postpone(1, FAR_AHEAD, l),
  },
  {
    later: 'a round held',
    earlier: 'its scheduling',
    rule: 'MeetingHeldBeforeScheduled',
    setup: (e) => [establish(old), schedule(1, FAR_AHEAD, e)],
    command: (l) => hold(1, l),
  },
  {
    later: 'an action item',
    earlier: 'the round that set it',
    rule: 'ActionItemBeforeMeeting',
    setup: (e) => [establish(old), hold(1, e)],
    command: (l) => action(l),
  },
  {
    later: "an action item's due date",
    earlier: 'the round that set it',
    rule: 'ActionItemDueBeforeMeeting',
    setup: (e) => [establish(old), hold(1, e)],
    command: (l) => action(FAR_AHEAD, l),
  },
  {
    later: 'closing an action item',
    earlier: 'recording it',
    rule: 'ActionClosedBeforeRecorded',
    setup: (e) => [establish(old), hold(1, old), action(e)],
    command: close,
  },
  {
    later: 'the dissolution',
    earlier: 'the last round held',
    rule: 'DissolvedBeforeLastMeeting',
    setup: (e) => [establish(old), hold(1, e)],
    command: dissolve,
  },
  {
    later: 'the dissolution',
    earlier: 'a co-chair designated',
    rule: 'DissolvedBeforeEarlierStep',
    setup: (e) => [establish(old), designate(naqvi, e)],
    command: dissolve,
  },
  {
    later: 'the dissolution',
    earlier: 'an action item closed',
    rule: 'DissolvedBeforeEarlierStep',
    setup: (e) => [establish(old), hold(1, old), action(old), close(e)],
    command: dissolve,
  },
];

describe('JointWorkingGroup: no step dated certainly before a step it depends on', () => {
  checkDependentPairs(JointWorkingGroup, pairs);
});
