import * as t from 'io-ts';
import { PartialDate } from '../../kernel/partial-date';
import { EngagementId, struct } from '../../kernel/primitives';
import { Parties, Party } from '../shared/party';
import { Post } from '../shared/post';
import { Delegation } from '../shared/delegation';
import { EngagementRef, OutcomeKind } from './events';
import { Description, Name, Title } from '../../kernel/text';

export const RecordBilateralMeeting = struct(
  'RecordBilateralMeeting',
  {
    type: t.literal('RecordBilateralMeeting'),
    meetingId: EngagementId,
    parties: Parties,
    hostParty: Party,
    venue: Name,
    delegations: t.array(Delegation),
    occurredOn: PartialDate,
  },
  { title: Title },
);

export const RecordMeetingOutcome = struct(
  'RecordMeetingOutcome',
  {
    type: t.literal('RecordMeetingOutcome'),
    meetingId: EngagementId,
    outcomeId: EngagementId,
    kind: OutcomeKind,
    summary: Description,
    occurredOn: PartialDate,
  },
  { byParty: Party, leadsTo: t.array(EngagementRef) },
);

export const NoteSourcedFact = struct(
  'NoteSourcedFact',
  {
    type: t.literal('NoteSourcedFact'),
    meetingId: EngagementId,
    factId: EngagementId,
    statement: Description,
    occurredOn: PartialDate,
  },
  { statedBy: Post },
);

export const BilateralMeetingCommand = t.union(
  [RecordBilateralMeeting, RecordMeetingOutcome, NoteSourcedFact],
  'BilateralMeetingCommand',
);
export type BilateralMeetingCommand = t.TypeOf<typeof BilateralMeetingCommand>;
