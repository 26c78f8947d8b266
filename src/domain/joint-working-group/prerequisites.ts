import type { ActInOrder, Prerequisite } from '../../kernel/acts-in-order';
import type { PartialDate } from '../../kernel/partial-date';
import { describePost, samePost } from '../shared/post';
import type { JointWorkingGroupCommand } from './commands';
import type { JointWorkingGroupRule } from './rules';
import type { JointWorkingGroupRecord } from './state';

type Step = Prerequisite<JointWorkingGroupRule>;
type Acts = readonly ActInOrder<JointWorkingGroupRule>[];

const step = (act: string, on: PartialDate | undefined, rule: JointWorkingGroupRule): Step[] =>
  on === undefined ? [] : [{ act, on, rule }];

/** The last round held, then every round before it: partial dates do not chain. */
const lastMeeting = (record: JointWorkingGroupRecord, rule: JointWorkingGroupRule): Step[] =>
  [...record.heldMeetings]
    .reverse()
    .flatMap((m) => step(`round ${m.round} was held`, m.occurredOn, rule));

/**
 * The dated acts a command on an established group depends on: everything comes after the
 * establishment; a meeting date after the round before it and after the day it was set; an
 * action item after its meeting; a replacement after the designation it ends; a dissolution
 * after every step already recorded, since nothing follows it.
 */
export const jointWorkingGroupActsInOrder = (
  command: JointWorkingGroupCommand,
  record: JointWorkingGroupRecord,
): Acts => {
  const established = step(
    `${record.jwgId} was established`,
    record.establishedOn,
    'DatedBeforeEstablishment',
  );
  const act = (what: string, ...after: Step[][]): ActInOrder<JointWorkingGroupRule> => ({
    act: what,
    on: command.occurredOn,
    after: [...established, ...after.flat()],
  });
  switch (command.type) {
    case 'EstablishJointWorkingGroup':
      return [];
    case 'DesignateCoChair': {
      const seat = record.coChairs.find((s) => s.party === command.party);
      const replaced =
        seat === undefined || samePost(seat.post, command.post)
          ? []
          : step(
              `${describePost(seat.post)} was designated co-chair`,
              seat.since,
              'ReplacedBeforeDesignation',
            );
      return [act(`designating ${describePost(command.post)} co-chair`, replaced)];
    }
    case 'AddSector':
      return [act('adding a sector')];
    case 'ScheduleMeeting':
      return [
        act(`scheduling round ${command.round}`),
        {
          act: `round ${command.round}, scheduled for`,
          on: command.scheduledOn,
          after: [
            ...established,
            ...lastMeeting(record, 'MeetingBeforePreviousRound'),
            ...step('the day it was scheduled', command.occurredOn, 'MeetingScheduledInThePast'),
          ],
        },
      ];
    case 'PostponeMeeting': {
      const scheduled = record.scheduledMeetings.find((m) => m.round === command.round);
      return [
        act(
          `postponing round ${command.round}`,
          step(`its date was set`, scheduled?.arrangedOn, 'PostponedBeforeScheduled'),
        ),
        {
          act: `round ${command.round}, postponed to`,
          on: command.newDate,
          after: [
            ...established,
            ...step('the date it was set for', scheduled?.scheduledOn, 'PostponementMustBeLater'),
            ...lastMeeting(record, 'MeetingBeforePreviousRound'),
            ...step('the day it was postponed', command.occurredOn, 'MeetingScheduledInThePast'),
          ],
        },
      ];
    }
    case 'RecordMeetingHeld': {
      const scheduled = record.scheduledMeetings.find((m) => m.round === command.round);
      return [
        act(
          `round ${command.round}`,
          lastMeeting(record, 'MeetingBeforePreviousRound'),
          step(
            `the date of round ${command.round} was set`,
            scheduled?.arrangedOn,
            'MeetingHeldBeforeScheduled',
          ),
        ),
      ];
    }
    case 'RecordActionItem': {
      const meeting = record.heldMeetings.find((m) => m.round === command.round);
      const held = (rule: JointWorkingGroupRule): Step[] =>
        step(`round ${command.round} was held`, meeting?.occurredOn, rule);
      return [
        act(`action item ${command.actionId}`, held('ActionItemBeforeMeeting')),
        ...(command.dueOn === undefined
          ? []
          : [
              {
                act: `action item ${command.actionId}, due`,
                on: command.dueOn,
                after: held('ActionItemDueBeforeMeeting'),
              },
            ]),
      ];
    }
    case 'CloseActionItem': {
      const item = record.actionItems.find((a) => a.actionId === command.actionId);
      const meeting = record.heldMeetings.find((m) => m.round === item?.round);
      return [
        act(
          `closing action item ${command.actionId}`,
          step(
            `action item ${command.actionId} was recorded`,
            item?.recordedOn,
            'ActionClosedBeforeRecorded',
          ),
          // The meeting that set the item came before it was recorded.
          meeting === undefined
            ? []
            : step(
                `round ${meeting.round} was held`,
                meeting.occurredOn,
                'ActionClosedBeforeRecorded',
              ),
        ),
      ];
    }
    case 'DissolveJointWorkingGroup': {
      const earlier = 'DissolvedBeforeEarlierStep';
      return [
        act(
          'the dissolution',
          lastMeeting(record, 'DissolvedBeforeLastMeeting'),
          record.coChairs.flatMap((s) =>
            step(`${describePost(s.post)} was designated co-chair`, s.since, earlier),
          ),
          record.actionItems.flatMap((a) => [
            ...step(`action item ${a.actionId} was recorded`, a.recordedOn, earlier),
            ...(a.status === 'closed'
              ? step(`action item ${a.actionId} was closed`, a.closedOn, earlier)
              : []),
          ]),
        ),
      ];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};
