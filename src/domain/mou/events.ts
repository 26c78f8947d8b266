import * as t from 'io-ts';
import { eventCatalog, eventType, type EventOf } from '../../kernel/event';
import { PartialDate } from '../../kernel/partial-date';
import { checkedString, EngagementId, PositiveInteger, struct } from '../../kernel/primitives';
import { Parties, Party } from '../shared/party';
import { Post } from '../shared/post';
import { Description, Name, Reason, Title } from '../../kernel/text';

/**
 * What the instrument is in law. The title does not decide it: a "memorandum of understanding"
 * can turn out to be a binding treaty, so this is data that can be determined later.
 */
/**
 * Who put the MoU forward: one party, or both together (as when two ministers decide at a meeting
 * to conclude an MoU and no report says whose idea it was).
 */
export const Proposer = t.union([Party, t.literal('jointly')], 'Proposer (a party, or jointly)');
export type Proposer = t.TypeOf<typeof Proposer>;

export const LegalCharacter = t.keyof(
  { nonBinding: null, treaty: null, undetermined: null },
  'LegalCharacter',
);
export type LegalCharacter = t.TypeOf<typeof LegalCharacter>;

/** A legal character someone has actually settled on: `undetermined` is not a determination. */
export const DeterminedLegalCharacter = t.keyof(
  { nonBinding: null, treaty: null },
  'DeterminedLegalCharacter',
);
export type DeterminedLegalCharacter = t.TypeOf<typeof DeterminedLegalCharacter>;

/** How the instrument entered into force, as its final clauses provide. */
export const EntryIntoForceMethod = t.keyof(
  { onSignature: null, onNotification: null, onDate: null },
  'EntryIntoForceMethod',
);
export type EntryIntoForceMethod = t.TypeOf<typeof EntryIntoForceMethod>;

/** The SHA-256 of the agreed text, as 64 lowercase hexadecimal digits. */
export const TextDigest = checkedString('TextDigest (SHA-256, 64 lowercase hex digits)', (s) =>
  /^[0-9a-f]{64}$/.test(s),
);

/**
 * The terms a text sets that the rules depend on. A text that sets no notice period lets a
 * termination take effect from the notice date; one that sets no expiry runs until terminated.
 */
export const mouTextTerms = {
  /** Days between a termination notice and the earliest day the termination can take effect. */
  noticePeriodDays: PositiveInteger,
  /** When the initial term ends. */
  expiresOn: PartialDate,
};

export const MoUProposed = eventType(
  'MoUProposed',
  t.strict(
    {
      mouId: EngagementId,
      title: Title,
      subject: Title,
      parties: Parties,
      proposedBy: Proposer,
      legalCharacter: LegalCharacter,
    },
    'MoUProposedData',
  ),
);

export const MoUNegotiationRoundHeld = eventType(
  'MoUNegotiationRoundHeld',
  t.strict(
    { mouId: EngagementId, round: PositiveInteger, venue: Name },
    'MoUNegotiationRoundHeldData',
  ),
);

export const MoUTextAgreed = eventType(
  'MoUTextAgreed',
  struct(
    'MoUTextAgreedData',
    { mouId: EngagementId, textVersion: PositiveInteger, textDigest: TextDigest },
    mouTextTerms,
  ),
);

/** A new version of the agreed text. Its terms replace those of the version before, in full. */
export const MoUTextAmended = eventType(
  'MoUTextAmended',
  struct(
    'MoUTextAmendedData',
    {
      mouId: EngagementId,
      textVersion: PositiveInteger,
      textDigest: TextDigest,
      summary: Description,
    },
    mouTextTerms,
  ),
);

/**
 * The place a signature shows when its record does not say where it was signed: `MoUSigned`
 * version 1 had no place. A marker, not a place name; the signed text itself says where.
 */
export const PLACE_NOT_RECORDED = '(place not recorded)';

/** Version 2 added `place`; a version 1 signature reads as signed at a place not recorded. */
export const MoUSigned = eventType(
  'MoUSigned',
  t.strict({ mouId: EngagementId, party: Party, signatory: Post, place: Name }, 'MoUSignedData'),
  {
    schemaVersion: 2,
    upcasters: { 1: (data) => ({ ...data, place: PLACE_NOT_RECORDED }) },
  },
);

export const MoUEnteredIntoForce = eventType(
  'MoUEnteredIntoForce',
  t.strict({ mouId: EngagementId, method: EntryIntoForceMethod }, 'MoUEnteredIntoForceData'),
);

export const MoUTermExtended = eventType(
  'MoUTermExtended',
  t.strict({ mouId: EngagementId, newExpiresOn: PartialDate }, 'MoUTermExtendedData'),
);

export const MoUTerminationNoticeGiven = eventType(
  'MoUTerminationNoticeGiven',
  t.strict(
    { mouId: EngagementId, party: Party, effectiveOn: PartialDate },
    'MoUTerminationNoticeGivenData',
  ),
);

export const MoUTerminated = eventType(
  'MoUTerminated',
  t.strict({ mouId: EngagementId }, 'MoUTerminatedData'),
);

export const MoUExpired = eventType(
  'MoUExpired',
  t.strict({ mouId: EngagementId }, 'MoUExpiredData'),
);

export const MoUWithdrawn = eventType(
  'MoUWithdrawn',
  struct('MoUWithdrawnData', { mouId: EngagementId, reason: Reason }, { byParty: Party }),
);

/** Someone with standing (a legal adviser, a court, the parties) settled what the MoU is in law. */
export const MoULegalCharacterDetermined = eventType(
  'MoULegalCharacterDetermined',
  t.strict(
    { mouId: EngagementId, legalCharacter: DeterminedLegalCharacter, basis: Reason },
    'MoULegalCharacterDeterminedData',
  ),
);

export const mouEvents = eventCatalog(
  MoUProposed,
  MoUNegotiationRoundHeld,
  MoUTextAgreed,
  MoUTextAmended,
  MoUSigned,
  MoUEnteredIntoForce,
  MoUTermExtended,
  MoUTerminationNoticeGiven,
  MoUTerminated,
  MoUExpired,
  MoUWithdrawn,
  MoULegalCharacterDetermined,
);
export type MoUEvent = EventOf<
  [
    typeof MoUProposed,
    typeof MoUNegotiationRoundHeld,
    typeof MoUTextAgreed,
    typeof MoUTextAmended,
    typeof MoUSigned,
    typeof MoUEnteredIntoForce,
    typeof MoUTermExtended,
    typeof MoUTerminationNoticeGiven,
    typeof MoUTerminated,
    typeof MoUExpired,
    typeof MoUWithdrawn,
    typeof MoULegalCharacterDetermined,
  ]
>;
