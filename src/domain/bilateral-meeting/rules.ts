import type { DelegationRule } from '../shared/delegation';

/** The rules a bilateral meeting command can break, by the name a refusal gives. */
export type BilateralMeetingRule =
  | 'PartiesMustDiffer'
  | 'HostMustBeAParty'
  | DelegationRule
  | 'MeetingAlreadyRecorded'
  | 'MeetingNotRecorded'
  | 'OutcomeBeforeMeeting'
  | 'OutcomeAlreadyRecorded'
  | 'OutcomePartyMustBeAParty'
  | 'FactAlreadyNoted';
