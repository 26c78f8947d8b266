import type { ActInOrder } from '../../kernel/acts-in-order';
import type { BilateralMeetingCommand } from './commands';
import type { BilateralMeetingRule } from './rules';
import type { BilateralMeetingState } from './state';

/**
 * The dated acts a command on a meeting depends on: an outcome comes from the meeting, so it is
 * not dated before it. A sourced fact carries its own date (a record set before the meeting may
 * be stated at it), so it depends on nothing.
 */
export const bilateralMeetingActsInOrder = (
  command: BilateralMeetingCommand,
  state: BilateralMeetingState,
): readonly ActInOrder<BilateralMeetingRule>[] => {
  if (state.status !== 'held') return [];
  switch (command.type) {
    case 'RecordBilateralMeeting':
    case 'NoteSourcedFact':
      return [];
    case 'RecordMeetingOutcome':
      return [
        {
          act: `outcome ${command.outcomeId}`,
          on: command.occurredOn,
          after: [
            {
              act: `meeting ${state.meetingId} was held`,
              on: state.occurredOn,
              rule: 'OutcomeBeforeMeeting',
            },
          ],
        },
      ];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};
