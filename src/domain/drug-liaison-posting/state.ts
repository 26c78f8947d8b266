import type { PartialDate } from '../../kernel/partial-date';
import type { Party } from '../shared/party';
import type { Post } from '../shared/post';

/** The host's answer to an appointment it asked to approve. */
export type HostApproval =
  | { readonly decision: 'granted'; readonly on: PartialDate }
  | { readonly decision: 'refused'; readonly on: PartialDate; readonly reason?: string };

/** The officer the posting is currently about, from nomination until recall or refusal. */
export interface LiaisonOfficer {
  readonly post: Post;
  readonly rank?: string;
  readonly nominatedOn: PartialDate;
  readonly notifiedRef?: string;
  readonly notifiedOn?: PartialDate;
  readonly approval?: HostApproval;
  readonly dutiesFrom?: PartialDate;
  readonly tourEndsOn?: PartialDate;
  /** When the tour was last extended, if it was. */
  readonly lastExtendedOn?: PartialDate;
  readonly declaredPersonaNonGrataOn?: PartialDate;
}

/** Why an officer no longer holds the posting. */
export type OfficerDeparture =
  | { readonly kind: 'recalled'; readonly on: PartialDate; readonly reason: string }
  | { readonly kind: 'refusedByHost'; readonly on: PartialDate };

export interface FormerLiaisonOfficer {
  readonly officer: LiaisonOfficer;
  readonly departure: OfficerDeparture;
}

/**
 * Where the posting stands. `announced`, `hostRefused` and `officerRecalled` have no current
 * officer and are open for a nomination; `officerNominated` to `declaredPersonaNonGrata` have one.
 */
export type DrugLiaisonPostingStatus =
  | 'announced'
  | 'officerNominated'
  | 'appointmentNotified'
  | 'hostApproved'
  | 'hostRefused'
  | 'onDuty'
  | 'declaredPersonaNonGrata'
  | 'officerRecalled'
  | 'ended';

export interface AnnouncedPosting {
  readonly status: DrugLiaisonPostingStatus;
  readonly postingId: string;
  readonly sendingState: Party;
  readonly hostState: Party;
  readonly mission: string;
  readonly hostApprovalRequired: boolean;
  readonly announcedOn: PartialDate;
  readonly currentOfficer?: LiaisonOfficer;
  readonly formerOfficers: readonly FormerLiaisonOfficer[];
  readonly endedOn?: PartialDate;
  readonly endReason?: string;
}

export type DrugLiaisonPostingState = { readonly status: 'unannounced' } | AnnouncedPosting;

export const initialDrugLiaisonPostingState: DrugLiaisonPostingState = { status: 'unannounced' };

/** The officer serving at the mission right now, if any (for read models). */
export const officerOnDuty = (state: DrugLiaisonPostingState): LiaisonOfficer | undefined =>
  state.status === 'onDuty' ? state.currentOfficer : undefined;
