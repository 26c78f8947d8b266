import * as E from 'fp-ts/Either';
import { actsOutOfOrder } from '../../kernel/acts-in-order';
import { refuse, type RuleViolation } from '../../kernel/decider';
import { isCertainlyAfter, latestDay } from '../../kernel/partial-date';
import { describePost, type Post } from '../shared/post';
import type { DrugLiaisonPostingCommand } from './commands';
import type { DrugLiaisonPostingEvent } from './events';
import { drugLiaisonPostingActsInOrder } from './prerequisites';
import type { DrugLiaisonPostingRule } from './rules';
import type { AnnouncedPosting, DrugLiaisonPostingState, LiaisonOfficer } from './state';

export type { DrugLiaisonPostingRule } from './rules';

/** What deciding a command gives: the events to record, or the rule that refuses it. */
export type DrugLiaisonPostingDecision = E.Either<
  RuleViolation<DrugLiaisonPostingRule>,
  readonly DrugLiaisonPostingEvent[]
>;

const no = (rule: DrugLiaisonPostingRule, message: string) =>
  refuse('DrugLiaisonPosting', rule, message);

/** Only the fields a post has, so that nothing unvalidated rides along into the event. */
const postOf = (post: Post): Post => ({
  title: post.title,
  party: post.party,
  ...(post.holder === undefined ? {} : { holder: post.holder }),
  ...(post.holderId === undefined ? {} : { holderId: post.holderId }),
  ...(post.organisation === undefined ? {} : { organisation: post.organisation }),
});

const describeOfficer = (officer: LiaisonOfficer): string => describePost(officer.post);

export const decideDrugLiaisonPosting = (
  command: DrugLiaisonPostingCommand,
  state: DrugLiaisonPostingState,
): DrugLiaisonPostingDecision => {
  if (command.type === 'AnnouncePosting') {
    if (state.status !== 'unannounced')
      return no(
        'PostingAlreadyAnnounced',
        `posting ${command.postingId} is already announced; a new posting needs a new postingId`,
      );
    if (command.sendingState === command.hostState)
      return no(
        'HostStateMustDifferFromSendingState',
        `a liaison officer is posted abroad: the host state must differ from the sending state, got ${command.sendingState} for both`,
      );
    return E.right([
      {
        type: 'DrugLiaisonPostingAnnounced',
        occurredOn: command.occurredOn,
        data: {
          postingId: command.postingId,
          sendingState: command.sendingState,
          hostState: command.hostState,
          mission: command.mission,
          hostApprovalRequired: command.hostApprovalRequired,
        },
      },
    ]);
  }
  if (state.status === 'unannounced')
    return no(
      'PostingNotAnnounced',
      `announce posting ${command.postingId} before recording ${command.type}`,
    );
  if (state.status === 'ended')
    return no(
      'PostingHasEnded',
      `posting ${state.postingId} ended on ${state.endedOn ?? 'an unknown date'} and takes no ${command.type}; record a new posting under a new postingId`,
    );
  if (state.status === 'declaredPersonaNonGrata') {
    const officer =
      state.currentOfficer === undefined ? 'the officer' : describeOfficer(state.currentOfficer);
    if (command.type === 'AssumeDuties')
      return no(
        'DutiesAfterPersonaNonGrata',
        `${officer} was declared persona non grata by ${state.hostState} and cannot assume duties; recall the officer and nominate another`,
      );
    if (command.type !== 'RecallOfficer' && command.type !== 'EndPosting')
      return no(
        'OnlyRecallOrEndAfterPersonaNonGrata',
        `${officer} was declared persona non grata; only a recall or the end of the posting can follow, not ${command.type}`,
      );
  }
  const decision = decideForAnnounced(command, state);
  // Dates last, in one place: a step that cannot happen at all is refused for that first.
  if (E.isLeft(decision)) return decision;
  return (
    actsOutOfOrder('DrugLiaisonPosting', drugLiaisonPostingActsInOrder(command, state)) ?? decision
  );
};

const decideForAnnounced = (
  command: Exclude<DrugLiaisonPostingCommand, { type: 'AnnouncePosting' }>,
  posting: AnnouncedPosting,
): DrugLiaisonPostingDecision => {
  const officer = posting.currentOfficer;
  const postingId = posting.postingId;
  switch (command.type) {
    case 'NominateOfficer': {
      if (officer !== undefined)
        return no(
          'OfficerAlreadyNominated',
          `${describeOfficer(officer)} is already nominated to posting ${postingId}; recall that officer first`,
        );
      if (command.officer.party !== posting.sendingState)
        return no(
          'OfficerMustActForSendingState',
          `${describePost(command.officer)} does not act for the sending state ${posting.sendingState}; nominate a post of ${posting.sendingState}`,
        );
      return E.right([
        {
          type: 'LiaisonOfficerNominated',
          occurredOn: command.occurredOn,
          data: {
            postingId,
            officer: postOf(command.officer),
            ...(command.rank === undefined ? {} : { rank: command.rank }),
          },
        },
      ]);
    }
    case 'NotifyAppointment': {
      if (officer === undefined)
        return no(
          'NoOfficerToNotify',
          `posting ${postingId} has no nominated officer; nominate one before notifying ${posting.hostState}`,
        );
      if (officer.notifiedRef !== undefined)
        return no(
          'AppointmentAlreadyNotified',
          `the appointment of ${describeOfficer(officer)} was already notified by note verbale ${officer.notifiedRef}`,
        );
      return E.right([
        {
          type: 'AppointmentNotified',
          occurredOn: command.occurredOn,
          data: { postingId, noteVerbaleRef: command.noteVerbaleRef },
        },
      ]);
    }
    case 'GrantHostApproval':
    case 'RefuseHostApproval': {
      if (!posting.hostApprovalRequired)
        return no(
          'HostApprovalNotRequired',
          `${posting.hostState} does not require prior approval for posting ${postingId}; a notified officer may assume duties directly`,
        );
      if (posting.status === 'hostRefused')
        return no(
          'HostApprovalAlreadyDecided',
          `${posting.hostState} has refused the last officer of posting ${postingId}; nominate and notify another before a new decision`,
        );
      if (officer?.notifiedRef === undefined)
        return no(
          'ApprovalBeforeNotification',
          `no appointment to posting ${postingId} has been notified to ${posting.hostState}; notify it before the host decides`,
        );
      if (officer.approval !== undefined)
        return no(
          'HostApprovalAlreadyDecided',
          `${posting.hostState} already ${officer.approval.decision} approval of ${describeOfficer(officer)} on ${officer.approval.on}`,
        );
      if (command.type === 'GrantHostApproval')
        return E.right([
          { type: 'HostApprovalGranted', occurredOn: command.occurredOn, data: { postingId } },
        ]);
      return E.right([
        {
          type: 'HostApprovalRefused',
          occurredOn: command.occurredOn,
          data: {
            postingId,
            ...(command.reason === undefined ? {} : { reason: command.reason }),
          },
        },
      ]);
    }
    case 'AssumeDuties': {
      if (posting.status === 'hostRefused')
        return no(
          'DutiesAfterHostRefusal',
          `${posting.hostState} refused the officer of posting ${postingId}; nominate, notify and have another officer approved first`,
        );
      if (officer?.notifiedRef === undefined)
        return no(
          'DutiesBeforeNotification',
          `no appointment to posting ${postingId} has been notified to ${posting.hostState}; notify it before duties are assumed`,
        );
      if (posting.hostApprovalRequired && officer.approval?.decision !== 'granted')
        return no(
          'DutiesBeforeHostApproval',
          `${posting.hostState} requires prior approval and has not granted it for ${describeOfficer(officer)}`,
        );
      if (officer.dutiesFrom !== undefined)
        return no(
          'DutiesAlreadyAssumed',
          `${describeOfficer(officer)} assumed duties on ${officer.dutiesFrom} already`,
        );
      return E.right([
        {
          type: 'DutiesAssumed',
          occurredOn: command.occurredOn,
          data: { postingId, tourEndsOn: command.tourEndsOn },
        },
      ]);
    }
    case 'ExtendTour': {
      if (posting.status !== 'onDuty' || officer?.tourEndsOn === undefined)
        return no(
          'ExtensionOnlyWhileOnDuty',
          `posting ${postingId} has no officer on duty (it is ${posting.status}); only a tour in progress can be extended`,
        );
      // An extension must extend on every reading of both dates; since the current end is not
      // certainly before the start of duties, neither is a certainly later one.
      if (!isCertainlyAfter(command.newEndsOn, officer.tourEndsOn))
        return no(
          'ExtensionMustBeLater',
          `the tour ends on ${officer.tourEndsOn}; an extension to ${command.newEndsOn} is not certainly later, give a later date`,
        );
      // Not a step before its prerequisite but the reverse: a tour that had ended is over.
      if (isCertainlyAfter(command.occurredOn, officer.tourEndsOn))
        return no(
          'ExtensionAfterTourEnded',
          `the tour of ${describeOfficer(officer)} ended on ${officer.tourEndsOn}; it cannot be extended on ${command.occurredOn}, after it ended; date the extension on or before ${latestDay(officer.tourEndsOn)}`,
        );
      return E.right([
        {
          type: 'TourExtended',
          occurredOn: command.occurredOn,
          data: { postingId, newEndsOn: command.newEndsOn },
        },
      ]);
    }
    case 'RecallOfficer': {
      if (officer === undefined)
        return no(
          'NoOfficerToRecall',
          `posting ${postingId} has no current officer to recall (it is ${posting.status})`,
        );
      return E.right([
        {
          type: 'OfficerRecalled',
          occurredOn: command.occurredOn,
          data: { postingId, reason: command.reason },
        },
      ]);
    }
    case 'DeclarePersonaNonGrata': {
      if (officer === undefined)
        return no(
          'NoOfficerToDeclarePersonaNonGrata',
          `posting ${postingId} has no nominated, notified or serving officer to declare persona non grata (it is ${posting.status})`,
        );
      return E.right([
        { type: 'DeclaredPersonaNonGrata', occurredOn: command.occurredOn, data: { postingId } },
      ]);
    }
    case 'EndPosting':
      return E.right([
        {
          type: 'PostingEnded',
          occurredOn: command.occurredOn,
          data: { postingId, reason: command.reason },
        },
      ]);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};
