import * as t from 'io-ts';
import { PartialDate } from '../../kernel/partial-date';
import { EngagementId, PositiveInteger, struct } from '../../kernel/primitives';
import { Parties, Party } from '../shared/party';
import { Post } from '../shared/post';
import {
  DeterminedLegalCharacter,
  EntryIntoForceMethod,
  LegalCharacter,
  Proposer,
  TextDigest,
  mouTextTerms,
} from './events';
import { Description, Name, Reason, Title } from '../../kernel/text';

export const ProposeMoU = t.strict(
  {
    type: t.literal('ProposeMoU'),
    mouId: EngagementId,
    title: Title,
    subject: Title,
    parties: Parties,
    proposedBy: Proposer,
    legalCharacter: LegalCharacter,
    occurredOn: PartialDate,
  },
  'ProposeMoU',
);

export const RecordNegotiationRound = t.strict(
  {
    type: t.literal('RecordNegotiationRound'),
    mouId: EngagementId,
    round: PositiveInteger,
    venue: Name,
    occurredOn: PartialDate,
  },
  'RecordNegotiationRound',
);

export const AgreeText = struct(
  'AgreeText',
  {
    type: t.literal('AgreeText'),
    mouId: EngagementId,
    textVersion: PositiveInteger,
    textDigest: TextDigest,
    occurredOn: PartialDate,
  },
  mouTextTerms,
);

/** Replaces the agreed text; the terms given are those of the new text, in full. */
export const AmendText = struct(
  'AmendText',
  {
    type: t.literal('AmendText'),
    mouId: EngagementId,
    textVersion: PositiveInteger,
    textDigest: TextDigest,
    summary: Description,
    occurredOn: PartialDate,
  },
  mouTextTerms,
);

export const SignMoU = t.strict(
  {
    type: t.literal('SignMoU'),
    mouId: EngagementId,
    party: Party,
    signatory: Post,
    place: Name,
    occurredOn: PartialDate,
  },
  'SignMoU',
);

export const RecordEntryIntoForce = t.strict(
  {
    type: t.literal('RecordEntryIntoForce'),
    mouId: EngagementId,
    method: EntryIntoForceMethod,
    occurredOn: PartialDate,
  },
  'RecordEntryIntoForce',
);

export const ExtendTerm = t.strict(
  {
    type: t.literal('ExtendTerm'),
    mouId: EngagementId,
    newExpiresOn: PartialDate,
    occurredOn: PartialDate,
  },
  'ExtendTerm',
);

export const GiveTerminationNotice = t.strict(
  {
    type: t.literal('GiveTerminationNotice'),
    mouId: EngagementId,
    party: Party,
    effectiveOn: PartialDate,
    occurredOn: PartialDate,
  },
  'GiveTerminationNotice',
);

export const RecordTermination = t.strict(
  { type: t.literal('RecordTermination'), mouId: EngagementId, occurredOn: PartialDate },
  'RecordTermination',
);

export const RecordExpiry = t.strict(
  { type: t.literal('RecordExpiry'), mouId: EngagementId, occurredOn: PartialDate },
  'RecordExpiry',
);

export const WithdrawMoU = struct(
  'WithdrawMoU',
  {
    type: t.literal('WithdrawMoU'),
    mouId: EngagementId,
    reason: Reason,
    occurredOn: PartialDate,
  },
  { byParty: Party },
);

export const DetermineLegalCharacter = t.strict(
  {
    type: t.literal('DetermineLegalCharacter'),
    mouId: EngagementId,
    legalCharacter: DeterminedLegalCharacter,
    basis: Reason,
    occurredOn: PartialDate,
  },
  'DetermineLegalCharacter',
);

export const MoUCommand = t.union(
  [
    ProposeMoU,
    RecordNegotiationRound,
    AgreeText,
    AmendText,
    SignMoU,
    RecordEntryIntoForce,
    ExtendTerm,
    GiveTerminationNotice,
    RecordTermination,
    RecordExpiry,
    WithdrawMoU,
    DetermineLegalCharacter,
  ],
  'MoUCommand',
);
export type MoUCommand = t.TypeOf<typeof MoUCommand>;
