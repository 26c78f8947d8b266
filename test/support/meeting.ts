import type { BilateralMeetingCommand } from '../../src/domain/bilateral-meeting';

/**
 * The smallest stream the handler's tests write to: one bilateral meeting, `m1`, recorded and
 * then given sourced facts.
 */
export const meetingStreamId = 'BilateralMeeting-m1';

export const recordMeeting: BilateralMeetingCommand = {
  type: 'RecordBilateralMeeting',
  meetingId: 'm1',
  parties: ['PK', 'BH'],
  hostParty: 'PK',
  venue: 'Islamabad',
  delegations: [],
  occurredOn: '2025-09-10',
};

export const noteFact = (factId: string): BilateralMeetingCommand => ({
  type: 'NoteSourcedFact',
  meetingId: 'm1',
  factId,
  statement: `fact ${factId}`,
  occurredOn: '2025-09-10',
});
