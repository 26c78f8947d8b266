import type { PartialDate } from '../../kernel/partial-date';
import type { Parties, Party } from '../shared/party';
import type { Post } from '../shared/post';
import type { Delegation } from '../shared/delegation';
import type { EngagementRef, OutcomeKind } from './events';

export interface MeetingOutcome {
  readonly outcomeId: string;
  readonly kind: OutcomeKind;
  readonly summary: string;
  readonly byParty?: Party;
  readonly leadsTo: readonly EngagementRef[];
}

export interface SourcedFact {
  readonly factId: string;
  readonly statement: string;
  readonly statedBy?: Post;
}

export type BilateralMeetingState =
  | { readonly status: 'unrecorded' }
  | {
      readonly status: 'held';
      readonly meetingId: string;
      readonly title?: string;
      readonly parties: Parties;
      readonly hostParty: Party;
      readonly venue: string;
      readonly occurredOn: PartialDate;
      readonly delegations: readonly Delegation[];
      readonly outcomes: readonly MeetingOutcome[];
      readonly facts: readonly SourcedFact[];
    };

export const initialBilateralMeetingState: BilateralMeetingState = { status: 'unrecorded' };
