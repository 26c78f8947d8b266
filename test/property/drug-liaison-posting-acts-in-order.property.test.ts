import {
  DrugLiaisonPosting,
  type DrugLiaisonPostingCommand,
} from '../../src/domain/drug-liaison-posting';
import {
  checkDependentPairs,
  FAR_AHEAD,
  LONG_AGO,
  type DependentPair,
} from '../support/acts-in-order';

type Command = DrugLiaisonPostingCommand;
const postingId = 'dlo-in-order';
const old = LONG_AGO;

const announce = (on: string, hostApprovalRequired = false): Command => ({
  type: 'AnnouncePosting',
  postingId,
  sendingState: 'BH',
  hostState: 'PK',
  mission: 'Embassy of the Kingdom of Bahrain, Islamabad',
  hostApprovalRequired,
  occurredOn: on,
});
const nominate = (on: string): Command => ({
  type: 'NominateOfficer',
  postingId,
  officer: { title: 'Drug Liaison Officer', party: 'BH' },
  occurredOn: on,
});
const notify = (on: string): Command => ({
  type: 'NotifyAppointment',
  postingId,
  noteVerbaleRef: 'NV 2025/117',
  occurredOn: on,
});
const approve = (on: string): Command => ({ type: 'GrantHostApproval', postingId, occurredOn: on });
const assume = (on: string, tourEndsOn = '2090'): Command => ({
  type: 'AssumeDuties',
  postingId,
  tourEndsOn,
  occurredOn: on,
});
const extend = (on: string, newEndsOn = FAR_AHEAD): Command => ({
  type: 'ExtendTour',
  postingId,
  newEndsOn,
  occurredOn: on,
});
const recall = (on: string): Command => ({
  type: 'RecallOfficer',
  postingId,
  reason: 'end of tour',
  occurredOn: on,
});
const declarePng = (on: string): Command => ({
  type: 'DeclarePersonaNonGrata',
  postingId,
  occurredOn: on,
});
const end = (on: string): Command => ({
  type: 'EndPosting',
  postingId,
  reason: 'post abolished',
  occurredOn: on,
});

/** Announced without prior approval, an officer nominated and notified long ago. */
const notified = [announce(old), nominate(old), notify(old)];

const pairs: readonly DependentPair<Command>[] = [
  {
    later: 'a nomination',
    earlier: 'the announcement',
    rule: 'DatedBeforeAnnouncement',
    setup: (e) => [announce(e)],
    command: nominate,
  },
  {
    later: 'a nomination',
    earlier: 'the recall of the officer before',
    rule: 'NominationBeforePreviousDeparture',
    setup: (e) => [...notified, recall(e)],
    command: nominate,
  },
  {
    later: 'the notification',
    earlier: 'the nomination',
    rule: 'NotificationBeforeNomination',
    setup: (e) => [announce(old), nominate(e)],
    command: notify,
  },
  {
    later: "the host's approval",
    earlier: 'the notification',
    rule: 'ApprovalBeforeNotification',
    setup: (e) => [announce(old, true), nominate(old), notify(e)],
    command: approve,
  },
  {
    later: "the host's refusal",
    earlier: 'the notification',
    rule: 'ApprovalBeforeNotification',
    setup: (e) => [announce(old, true), nominate(old), notify(e)],
    command: (l) => ({ type: 'RefuseHostApproval', postingId, occurredOn: l }),
  },
  {
    later: 'duties assumed',
    earlier: 'the notification',
    rule: 'DutiesBeforeNotification',
    setup: (e) => [announce(old), nominate(old), notify(e)],
    command: (l) => assume(l),
  },
  {
    later: 'duties assumed',
    earlier: "the host's approval",
    rule: 'DutiesBeforeHostApproval',
    setup: (e) => [announce(old, true), nominate(old), notify(old), approve(e)],
    command: (l) => assume(l),
  },
  {
    later: 'the end of the tour',
    earlier: 'the start of duties',
    rule: 'TourEndsBeforeDutiesStart',
    setup: () => notified,
    command: (l, e) => assume(e, l),
  },
  {
    later: 'an extension',
    earlier: 'the start of duties',
    rule: 'ExtensionBeforeDutiesStart',
    setup: (e) => [...notified, assume(e)],
    command: (l) => extend(l),
  },
  {
    later: 'an extension',
    earlier: 'the extension before it',
    rule: 'ExtensionBeforePreviousExtension',
    setup: (e) => [...notified, assume(old), extend(e, '2095')],
    command: (l) => extend(l),
  },
  {
    // Not a prerequisite but the reverse: the tour's end must not come before the extension.
    later: 'the end of the tour',
    earlier: 'its extension',
    rule: 'ExtensionAfterTourEnded',
    setup: (_e, l) => [...notified, assume(old, l)],
    command: (_l, e) => extend(e),
  },
  {
    later: 'a recall',
    earlier: 'the start of duties',
    rule: 'RecallBeforeEarlierStep',
    setup: (e) => [...notified, assume(e)],
    command: recall,
  },
  {
    later: 'a declaration of persona non grata',
    earlier: 'the nomination',
    rule: 'PersonaNonGrataBeforeEarlierStep',
    setup: (e) => [announce(old), nominate(e)],
    command: declarePng,
  },
  {
    later: 'a recall',
    earlier: 'the declaration of persona non grata',
    rule: 'RecallBeforeEarlierStep',
    setup: (e) => [...notified, declarePng(e)],
    command: recall,
  },
  {
    later: 'the end of the posting',
    earlier: 'the announcement',
    rule: 'PostingEndBeforeStart',
    setup: (e) => [announce(e)],
    command: end,
  },
  {
    later: 'the end of the posting',
    earlier: 'the start of duties',
    rule: 'PostingEndBeforeStart',
    setup: (e) => [...notified, assume(e)],
    command: end,
  },
  {
    later: 'the end of the posting',
    earlier: 'the recall of the last officer',
    rule: 'PostingEndBeforeEarlierStep',
    setup: (e) => [...notified, recall(e)],
    command: end,
  },
];

describe('DrugLiaisonPosting: no step dated certainly before a step it depends on', () => {
  checkDependentPairs(DrugLiaisonPosting, pairs);
});
