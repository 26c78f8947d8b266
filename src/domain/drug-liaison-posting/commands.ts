import * as t from 'io-ts';
import { PartialDate } from '../../kernel/partial-date';
import { EngagementId, struct } from '../../kernel/primitives';
import { Party } from '../shared/party';
import { Post } from '../shared/post';
import { Name, Reason, Reference } from '../../kernel/text';

export const AnnouncePosting = t.strict(
  {
    type: t.literal('AnnouncePosting'),
    postingId: EngagementId,
    sendingState: Party,
    hostState: Party,
    mission: Name,
    hostApprovalRequired: t.boolean,
    occurredOn: PartialDate,
  },
  'AnnouncePosting',
);

export const NominateOfficer = struct(
  'NominateOfficer',
  {
    type: t.literal('NominateOfficer'),
    postingId: EngagementId,
    officer: Post,
    occurredOn: PartialDate,
  },
  { rank: Name },
);

export const NotifyAppointment = t.strict(
  {
    type: t.literal('NotifyAppointment'),
    postingId: EngagementId,
    noteVerbaleRef: Reference,
    occurredOn: PartialDate,
  },
  'NotifyAppointment',
);

export const GrantHostApproval = t.strict(
  {
    type: t.literal('GrantHostApproval'),
    postingId: EngagementId,
    occurredOn: PartialDate,
  },
  'GrantHostApproval',
);

export const RefuseHostApproval = struct(
  'RefuseHostApproval',
  {
    type: t.literal('RefuseHostApproval'),
    postingId: EngagementId,
    occurredOn: PartialDate,
  },
  { reason: Reason },
);

export const AssumeDuties = t.strict(
  {
    type: t.literal('AssumeDuties'),
    postingId: EngagementId,
    tourEndsOn: PartialDate,
    occurredOn: PartialDate,
  },
  'AssumeDuties',
);

export const ExtendTour = t.strict(
  {
    type: t.literal('ExtendTour'),
    postingId: EngagementId,
    newEndsOn: PartialDate,
    occurredOn: PartialDate,
  },
  'ExtendTour',
);

export const RecallOfficer = t.strict(
  {
    type: t.literal('RecallOfficer'),
    postingId: EngagementId,
    reason: Reason,
    occurredOn: PartialDate,
  },
  'RecallOfficer',
);

export const DeclarePersonaNonGrata = t.strict(
  {
    type: t.literal('DeclarePersonaNonGrata'),
    postingId: EngagementId,
    occurredOn: PartialDate,
  },
  'DeclarePersonaNonGrata',
);

export const EndPosting = t.strict(
  {
    type: t.literal('EndPosting'),
    postingId: EngagementId,
    reason: Reason,
    occurredOn: PartialDate,
  },
  'EndPosting',
);

export const DrugLiaisonPostingCommand = t.union(
  [
    AnnouncePosting,
    NominateOfficer,
    NotifyAppointment,
    GrantHostApproval,
    RefuseHostApproval,
    AssumeDuties,
    ExtendTour,
    RecallOfficer,
    DeclarePersonaNonGrata,
    EndPosting,
  ],
  'DrugLiaisonPostingCommand',
);
export type DrugLiaisonPostingCommand = t.TypeOf<typeof DrugLiaisonPostingCommand>;
