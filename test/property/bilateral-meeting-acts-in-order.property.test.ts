import { BilateralMeeting, type BilateralMeetingCommand } from '../../src/domain/bilateral-meeting';
import { checkDependentPairs, type DependentPair } from '../support/acts-in-order';

const meetingId = 'meeting-in-order';

const pairs: readonly DependentPair<BilateralMeetingCommand>[] = [
  {
    later: 'an outcome',
    earlier: 'the meeting',
    rule: 'OutcomeBeforeMeeting',
    setup: (e) => [
      {
        type: 'RecordBilateralMeeting',
        meetingId,
        parties: ['PK', 'BH'],
        hostParty: 'PK',
        venue: 'Ministry of Interior, Islamabad',
        delegations: [],
        occurredOn: e,
      },
    ],
    command: (l) => ({
      type: 'RecordMeetingOutcome',
      meetingId,
      outcomeId: 'o1',
      kind: 'agreed',
      summary: 'to establish a joint working group',
      occurredOn: l,
    }),
  },
];

describe('BilateralMeeting: no step dated certainly before a step it depends on', () => {
  checkDependentPairs(BilateralMeeting, pairs);
});
