import * as t from 'io-ts';
import { eventCatalog, eventType, type EventOf } from '../../kernel/event';
import { PartialDate } from '../../kernel/partial-date';
import { EngagementId, struct } from '../../kernel/primitives';
import { Party } from '../shared/party';
import { Post } from '../shared/post';
import { Name, Reason, Reference } from '../../kernel/text';

/**
 * The sending state makes a posting public at one of its missions. Whether the host wants to
 * approve the officer first is part of the announcement: the Vienna Convention leaves it to the host.
 */
export const DrugLiaisonPostingAnnounced = eventType(
  'DrugLiaisonPostingAnnounced',
  t.strict(
    {
      postingId: EngagementId,
      sendingState: Party,
      hostState: Party,
      mission: Name,
      hostApprovalRequired: t.boolean,
    },
    'DrugLiaisonPostingAnnouncedData',
  ),
);

/** The sending state names who is to fill the post; the holder's name is optional personal data. */
export const LiaisonOfficerNominated = eventType(
  'LiaisonOfficerNominated',
  struct('LiaisonOfficerNominatedData', { postingId: EngagementId, officer: Post }, { rank: Name }),
);

/** The sending state tells the host's foreign ministry of the appointment, by note verbale. */
export const AppointmentNotified = eventType(
  'AppointmentNotified',
  t.strict({ postingId: EngagementId, noteVerbaleRef: Reference }, 'AppointmentNotifiedData'),
);

export const HostApprovalGranted = eventType(
  'HostApprovalGranted',
  t.strict({ postingId: EngagementId }, 'HostApprovalGrantedData'),
);

/** The host owes no reasons for a refusal, so the reason is optional. */
export const HostApprovalRefused = eventType(
  'HostApprovalRefused',
  struct('HostApprovalRefusedData', { postingId: EngagementId }, { reason: Reason }),
);

/** The officer takes up the post; the tour's planned end is known from the start. */
export const DutiesAssumed = eventType(
  'DutiesAssumed',
  t.strict({ postingId: EngagementId, tourEndsOn: PartialDate }, 'DutiesAssumedData'),
);

export const TourExtended = eventType(
  'TourExtended',
  t.strict({ postingId: EngagementId, newEndsOn: PartialDate }, 'TourExtendedData'),
);

/** The sending state withdraws its officer; the post stays open for a successor. */
export const OfficerRecalled = eventType(
  'OfficerRecalled',
  t.strict({ postingId: EngagementId, reason: Reason }, 'OfficerRecalledData'),
);

/** The host declares the current officer persona non grata; it need give no reasons. */
export const DeclaredPersonaNonGrata = eventType(
  'DeclaredPersonaNonGrata',
  t.strict({ postingId: EngagementId }, 'DeclaredPersonaNonGrataData'),
);

export const PostingEnded = eventType(
  'PostingEnded',
  t.strict({ postingId: EngagementId, reason: Reason }, 'PostingEndedData'),
);

export const drugLiaisonPostingEvents = eventCatalog(
  DrugLiaisonPostingAnnounced,
  LiaisonOfficerNominated,
  AppointmentNotified,
  HostApprovalGranted,
  HostApprovalRefused,
  DutiesAssumed,
  TourExtended,
  OfficerRecalled,
  DeclaredPersonaNonGrata,
  PostingEnded,
);
export type DrugLiaisonPostingEvent = EventOf<
  [
    typeof DrugLiaisonPostingAnnounced,
    typeof LiaisonOfficerNominated,
    typeof AppointmentNotified,
    typeof HostApprovalGranted,
    typeof HostApprovalRefused,
    typeof DutiesAssumed,
    typeof TourExtended,
    typeof OfficerRecalled,
    typeof DeclaredPersonaNonGrata,
    typeof PostingEnded,
  ]
>;
