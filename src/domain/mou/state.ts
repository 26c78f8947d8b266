import type { PartialDate } from '../../kernel/partial-date';
import type { Parties, Party } from '../shared/party';
import type { Post } from '../shared/post';
import type { EntryIntoForceMethod, LegalCharacter, Proposer } from './events';

/**
 * Where an MoU stands. `negotiating` means at least one round has been held and no text is agreed
 * yet; `partlySigned` and `signed` mean one and both parties have signed; a pending termination
 * notice leaves the MoU in force, so it has a status of its own. The last three are final.
 */
export type MoUStatus =
  | 'proposed'
  | 'negotiating'
  | 'textAgreed'
  | 'partlySigned'
  | 'signed'
  | 'inForce'
  | 'terminationNoticeGiven'
  | 'terminated'
  | 'expired'
  | 'withdrawn';

export interface MoUNegotiationRound {
  readonly round: number;
  readonly venue: string;
  readonly heldOn: PartialDate;
}

/** The text as last agreed or amended, with the terms it sets. */
export interface MoUText {
  readonly version: number;
  readonly digest: string;
  /** When this version was agreed (or, for an amendment, when the amendment was). */
  readonly settledOn: PartialDate;
  readonly noticePeriodDays?: number;
  readonly expiresOn?: PartialDate;
  /** The summary of the amendment that produced this version; absent for the first agreed text. */
  readonly amendmentSummary?: string;
}

export interface MoUSignature {
  readonly party: Party;
  readonly signatory: Post;
  readonly place: string;
  readonly signedOn: PartialDate;
}

export interface MoUTerminationNotice {
  readonly party: Party;
  readonly givenOn: PartialDate;
  readonly effectiveOn: PartialDate;
}

export interface MoULegalCharacterDetermination {
  readonly basis: string;
  readonly determinedOn: PartialDate;
}

export interface MoUWithdrawal {
  readonly reason: string;
  readonly byParty?: Party;
}

/** Everything known about an MoU once it has been proposed. */
export interface MoURecord {
  readonly status: MoUStatus;
  readonly mouId: string;
  readonly title: string;
  readonly subject: string;
  readonly parties: Parties;
  /** A party, or `'jointly'`. */
  readonly proposedBy: Proposer;
  readonly proposedOn: PartialDate;
  readonly legalCharacter: LegalCharacter;
  /** Present once someone has settled the legal character, which may differ from the proposal. */
  readonly legalCharacterDetermination?: MoULegalCharacterDetermination;
  /** Every round held, in the order recorded (round numbers strictly increase). */
  readonly rounds: readonly MoUNegotiationRound[];
  readonly text?: MoUText;
  /** One entry per party that has signed, in the order recorded. */
  readonly signatures: readonly MoUSignature[];
  readonly enteredIntoForceOn?: PartialDate;
  readonly entryIntoForceMethod?: EntryIntoForceMethod;
  /** The current expiry: the text's, or the latest extension's. Absent: no fixed term. */
  readonly expiresOn?: PartialDate;
  readonly terminationNotice?: MoUTerminationNotice;
  readonly withdrawal?: MoUWithdrawal;
  /** When the MoU was terminated, expired or withdrawn. */
  readonly closedOn?: PartialDate;
}

export type MoUState = { readonly status: 'unproposed' } | MoURecord;

export const initialMoUState: MoUState = { status: 'unproposed' };

const closedStatuses: ReadonlySet<MoUStatus> = new Set(['terminated', 'expired', 'withdrawn']);
const inForceStatuses: ReadonlySet<MoUStatus> = new Set(['inForce', 'terminationNoticeGiven']);

/** Terminated, expired or withdrawn: nothing changes any more. */
export const isMoUClosed = (status: MoUStatus): boolean => closedStatuses.has(status);

/** In force, whether or not a termination notice is pending. */
export const isMoUInForce = (status: MoUStatus): boolean => inForceStatuses.has(status);

export const hasSigned = (record: MoURecord, party: Party): boolean =>
  record.signatures.some((s) => s.party === party);

/** The parties whose signature is still missing, in the order the parties are listed. */
export const partiesYetToSign = (record: MoURecord): readonly Party[] =>
  record.parties.filter((party) => !hasSigned(record, party));
