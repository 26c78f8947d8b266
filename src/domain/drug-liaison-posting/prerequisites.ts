import type { ActInOrder, Prerequisite } from '../../kernel/acts-in-order';
import type { PartialDate } from '../../kernel/partial-date';
import { describePost } from '../shared/post';
import type { DrugLiaisonPostingCommand } from './commands';
import type { DrugLiaisonPostingRule } from './rules';
import type { AnnouncedPosting, LiaisonOfficer } from './state';

type Rule = DrugLiaisonPostingRule;
type Step = Prerequisite<Rule>;

const step = (act: string, on: PartialDate | undefined, rule: Rule): Step[] =>
  on === undefined ? [] : [{ act, on, rule }];

/** Every dated step of an officer's time with the posting, for the acts that end or judge it. */
const officerSteps = (officer: LiaisonOfficer | undefined, rule: Rule): Step[] => {
  if (officer === undefined) return [];
  const who = describePost(officer.post);
  return [
    ...step(`${who} was nominated`, officer.nominatedOn, rule),
    ...step(`the appointment of ${who} was notified`, officer.notifiedOn, rule),
    ...step(
      `the host ${officer.approval?.decision ?? 'decided on'} approval`,
      officer.approval?.on,
      rule,
    ),
    ...step(`${who} assumed duties`, officer.dutiesFrom, rule),
    ...step(`the tour of ${who} was extended`, officer.lastExtendedOn, rule),
    ...step(`${who} was declared persona non grata`, officer.declaredPersonaNonGrataOn, rule),
  ];
};

/**
 * The dated acts a command on an announced posting depends on: everything comes after the
 * announcement; a nomination after the previous officer left; a notification after the
 * nomination; the host's decision and the duties after the notification (and the duties after
 * the approval); an extension after the duties began; a recall, a declaration of persona non
 * grata and the end of the posting after every step already recorded for the officer.
 */
export const drugLiaisonPostingActsInOrder = (
  command: DrugLiaisonPostingCommand,
  posting: AnnouncedPosting,
): readonly ActInOrder<Rule>[] => {
  const officer = posting.currentOfficer;
  const announced = (rule: Rule): Step[] =>
    step(`posting ${posting.postingId} was announced`, posting.announcedOn, rule);
  const act = (what: string, ...after: Step[][]): ActInOrder<Rule> => ({
    act: what,
    on: command.occurredOn,
    after: [...announced('DatedBeforeAnnouncement'), ...after.flat()],
  });
  const notified = (rule: Rule): Step[] =>
    step('the appointment was notified', officer?.notifiedOn, rule);
  switch (command.type) {
    case 'AnnouncePosting':
      return [];
    case 'NominateOfficer': {
      const previous = posting.formerOfficers.at(-1);
      return [
        act(
          `nominating ${describePost(command.officer)}`,
          ...posting.formerOfficers.map((f) =>
            step(
              `${describePost(f.officer.post)} left the posting`,
              f.departure.on,
              'NominationBeforePreviousDeparture',
            ),
          ),
          officerSteps(previous?.officer, 'NominationBeforePreviousDeparture'),
        ),
      ];
    }
    case 'NotifyAppointment':
      return [
        act(
          'notifying the appointment',
          step('the officer was nominated', officer?.nominatedOn, 'NotificationBeforeNomination'),
        ),
      ];
    case 'GrantHostApproval':
    case 'RefuseHostApproval':
      return [
        act(
          "the host's decision on approval",
          notified('ApprovalBeforeNotification'),
          // Partial dates do not chain: on or after the notification may still be before the
          // nomination, which came first. The steps before count too, under the same rule.
          officerSteps(officer, 'ApprovalBeforeNotification'),
        ),
      ];
    case 'AssumeDuties':
      return [
        act(
          'assuming duties',
          notified('DutiesBeforeNotification'),
          officer?.approval?.decision === 'granted'
            ? step('the host granted approval', officer.approval.on, 'DutiesBeforeHostApproval')
            : [],
          officerSteps(officer, 'DutiesBeforeNotification'),
        ),
        {
          act: 'the end of the tour',
          on: command.tourEndsOn,
          after: step('duties are assumed', command.occurredOn, 'TourEndsBeforeDutiesStart'),
        },
      ];
    case 'ExtendTour':
      return [
        act(
          'extending the tour',
          step('duties were assumed', officer?.dutiesFrom, 'ExtensionBeforeDutiesStart'),
          step(
            'the tour was last extended',
            officer?.lastExtendedOn,
            'ExtensionBeforePreviousExtension',
          ),
          officerSteps(officer, 'ExtensionBeforeDutiesStart'),
        ),
      ];
    case 'RecallOfficer':
      return [act('the recall', officerSteps(officer, 'RecallBeforeEarlierStep'))];
    case 'DeclarePersonaNonGrata':
      return [
        act(
          'declaring the officer persona non grata',
          officerSteps(officer, 'PersonaNonGrataBeforeEarlierStep'),
        ),
      ];
    case 'EndPosting': {
      // Nothing follows the end, so every step recorded so far came before it.
      const dutyStarts = [officer, ...posting.formerOfficers.map((f) => f.officer)].flatMap((o) =>
        step(
          `${o === undefined ? 'an officer' : describePost(o.post)} assumed duties`,
          o?.dutiesFrom,
          'PostingEndBeforeStart',
        ),
      );
      return [
        {
          act: 'the end of the posting',
          on: command.occurredOn,
          after: [
            ...announced('PostingEndBeforeStart'),
            ...dutyStarts,
            ...officerSteps(officer, 'PostingEndBeforeEarlierStep'),
            ...posting.formerOfficers.flatMap((f) =>
              step(
                `${describePost(f.officer.post)} left the posting`,
                f.departure.on,
                'PostingEndBeforeEarlierStep',
              ),
            ),
          ],
        },
      ];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};
