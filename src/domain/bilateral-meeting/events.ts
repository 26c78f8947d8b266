import * as t from 'io-ts';
import { eventCatalog, eventType, type EventOf } from '../../kernel/event';
import { EngagementId, struct } from '../../kernel/primitives';
import { Parties, Party } from '../shared/party';
import { Delegation } from '../shared/delegation';
import { Post } from '../shared/post';
import { Description, Name, Title } from '../../kernel/text';

/** What a meeting produced, in the words diplomatic reporting uses. */
export const OutcomeKind = t.keyof(
  { agreed: null, decided: null, announced: null, welcomed: null, reaffirmed: null },
  'OutcomeKind',
);
export type OutcomeKind = t.TypeOf<typeof OutcomeKind>;

/** Another engagement an outcome led to, e.g. the JWG the meeting agreed to establish. */
export const EngagementRef = t.strict(
  {
    aggregate: t.keyof({ JointWorkingGroup: null, MoU: null, DrugLiaisonPosting: null }),
    id: EngagementId,
  },
  'EngagementRef',
);
export type EngagementRef = t.TypeOf<typeof EngagementRef>;

export const BilateralMeetingHeld = eventType(
  'BilateralMeetingHeld',
  struct(
    'BilateralMeetingHeldData',
    {
      meetingId: EngagementId,
      parties: Parties,
      hostParty: Party,
      venue: Name,
      delegations: t.array(Delegation),
    },
    { title: Title },
  ),
);

export const MeetingOutcomeRecorded = eventType(
  'MeetingOutcomeRecorded',
  struct(
    'MeetingOutcomeRecordedData',
    {
      meetingId: EngagementId,
      outcomeId: EngagementId,
      kind: OutcomeKind,
      summary: Description,
    },
    { byParty: Party, leadsTo: t.array(EngagementRef) },
  ),
);

/** A fact stated at or about the meeting, kept with its source because outlets disagree. */
export const SourcedFactNoted = eventType(
  'SourcedFactNoted',
  struct(
    'SourcedFactNotedData',
    { meetingId: EngagementId, factId: EngagementId, statement: Description },
    { statedBy: Post },
  ),
);

export const bilateralMeetingEvents = eventCatalog(
  BilateralMeetingHeld,
  MeetingOutcomeRecorded,
  SourcedFactNoted,
);
export type BilateralMeetingEvent = EventOf<
  [typeof BilateralMeetingHeld, typeof MeetingOutcomeRecorded, typeof SourcedFactNoted]
>;
