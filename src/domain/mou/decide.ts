import * as E from 'fp-ts/Either';
import { actsOutOfOrder } from '../../kernel/acts-in-order';
import { refuse, type RuleViolation } from '../../kernel/decider';
import {
  dayNumber,
  dayOfNumber,
  earliestDay,
  isCertainlyAfter,
  latestDay,
  type PartialDate,
} from '../../kernel/partial-date';
import type { Party } from '../shared/party';
import { describePost } from '../shared/post';
import { areDistinct, isOneOf } from '../shared/rules';
import type { MoUCommand } from './commands';
import type { MoUEvent } from './events';
import { mouActsInOrder } from './prerequisites';
import type { MoURule } from './rules';
import {
  isMoUClosed,
  isMoUInForce,
  partiesYetToSign,
  type MoURecord,
  type MoUState,
} from './state';

export type { MoURule } from './rules';

/** What deciding a command gives: the events to record, or the rule that refuses it. */
export type MoUDecision = E.Either<RuleViolation<MoURule>, readonly MoUEvent[]>;

const no = (rule: MoURule, message: string) => refuse('MoU', rule, message);

/**
 * Whether a termination effective on `effectiveOn` certainly comes too soon after a notice given
 * on `givenOn`: even its last possible day is before the first possible day of the notice plus
 * the notice period. Day numbers are compared, so any notice period, however long, is exact.
 */
const certainlyWithinNoticePeriod = (
  givenOn: PartialDate,
  effectiveOn: PartialDate,
  noticePeriodDays: number,
): boolean =>
  dayNumber(latestDay(effectiveOn)) < dayNumber(earliestDay(givenOn)) + noticePeriodDays;

const earliestEffectiveDay = (givenOn: PartialDate, noticePeriodDays: number): string =>
  dayOfNumber(dayNumber(earliestDay(givenOn)) + noticePeriodDays) ??
  `${noticePeriodDays} days after ${earliestDay(givenOn)}`;

const decideOnRecord = (command: MoUCommand, state: MoURecord): MoUDecision => {
  const mouId = state.mouId;
  const { occurredOn } = command;
  switch (command.type) {
    case 'ProposeMoU':
      return no('MoUAlreadyProposed', `MoU ${mouId} was already proposed on ${state.proposedOn}`);

    case 'RecordNegotiationRound': {
      if (state.signatures.length > 0)
        return no(
          'NegotiationAfterSignature',
          `MoU ${mouId} has been signed by ${state.signatures.map((s) => s.party).join(' and ')}; negotiations on its text are over`,
        );
      const last = state.rounds.at(-1);
      if (last !== undefined && command.round <= last.round)
        return no(
          'NegotiationRoundsMustIncrease',
          `round ${command.round} cannot follow round ${last.round} of MoU ${mouId}; record round ${last.round + 1} or later`,
        );
      return E.right([
        {
          type: 'MoUNegotiationRoundHeld',
          occurredOn,
          data: { mouId, round: command.round, venue: command.venue },
        },
      ]);
    }

    case 'AgreeText': {
      if (state.text !== undefined)
        return no(
          'TextAlreadyAgreed',
          `version ${state.text.version} of the text of MoU ${mouId} is already agreed; record a change with AmendText, before anyone signs`,
        );
      return E.right([
        {
          type: 'MoUTextAgreed',
          occurredOn,
          data: {
            mouId,
            textVersion: command.textVersion,
            textDigest: command.textDigest,
            ...(command.noticePeriodDays === undefined
              ? {}
              : { noticePeriodDays: command.noticePeriodDays }),
            ...(command.expiresOn === undefined ? {} : { expiresOn: command.expiresOn }),
          },
        },
      ]);
    }

    case 'AmendText': {
      const text = state.text;
      if (text === undefined)
        return no(
          'AmendmentBeforeTextAgreed',
          `no text of MoU ${mouId} is agreed yet; record the agreed text with AgreeText first`,
        );
      if (state.signatures.length > 0)
        return no(
          'AmendmentAfterSignature',
          `${state.signatures.map((s) => s.party).join(' and ')} signed version ${text.version} of MoU ${mouId}; a signed text cannot be amended`,
        );
      if (command.textVersion <= text.version)
        return no(
          'TextVersionMustIncrease',
          `the amended text of MoU ${mouId} is version ${command.textVersion}, but version ${text.version} is already agreed; number it ${text.version + 1} or higher`,
        );
      if (command.textDigest === text.digest)
        return no(
          'AmendedTextUnchanged',
          `the amended text of MoU ${mouId} has the digest of version ${text.version} (${text.digest}); an amendment must change the text`,
        );
      return E.right([
        {
          type: 'MoUTextAmended',
          occurredOn,
          data: {
            mouId,
            textVersion: command.textVersion,
            textDigest: command.textDigest,
            summary: command.summary,
            ...(command.noticePeriodDays === undefined
              ? {}
              : { noticePeriodDays: command.noticePeriodDays }),
            ...(command.expiresOn === undefined ? {} : { expiresOn: command.expiresOn }),
          },
        },
      ]);
    }

    case 'SignMoU': {
      const { party, signatory } = command;
      const text = state.text;
      if (text === undefined)
        return no(
          'SignatureBeforeTextAgreed',
          `the text of MoU ${mouId} is not agreed yet; record AgreeText before any signature`,
        );
      if (!isOneOf(party, state.parties))
        return no(
          'SigningPartyMustBeAParty',
          `${party} is not a party to MoU ${mouId} (${state.parties.join(' and ')})`,
        );
      if (signatory.party !== party)
        return no(
          'SignatoryMustActForSigningParty',
          `${describePost(signatory)} holds a post of ${signatory.party} and cannot sign for ${party}`,
        );
      const earlier = state.signatures.find((s) => s.party === party);
      if (earlier !== undefined)
        return no(
          'PartyAlreadySigned',
          `${party} already signed MoU ${mouId} on ${earlier.signedOn} in ${earlier.place}`,
        );
      return E.right([
        {
          type: 'MoUSigned',
          occurredOn,
          data: { mouId, party, signatory, place: command.place },
        },
      ]);
    }

    case 'RecordEntryIntoForce': {
      if (isMoUInForce(state.status))
        return no(
          'MoUAlreadyInForce',
          `MoU ${mouId} entered into force on ${state.enteredIntoForceOn ?? 'a recorded date'}`,
        );
      const missing = partiesYetToSign(state);
      if (missing.length > 0)
        return no(
          'EntryIntoForceNeedsBothSignatures',
          `MoU ${mouId} cannot enter into force before ${missing.join(' and ')} ${missing.length > 1 ? 'have' : 'has'} signed`,
        );
      if (
        command.method === 'onSignature' &&
        state.signatures.every((s) => isCertainlyAfter(occurredOn, s.signedOn))
      )
        return no(
          'EntryOnSignatureAfterLastSignature',
          `MoU ${mouId} entering into force on signature does so on the day of the last signature (${state.signatures.map((s) => `${s.party} on ${s.signedOn}`).join(', ')}), not on ${occurredOn}; use method onDate or onNotification`,
        );
      if (state.expiresOn !== undefined && isCertainlyAfter(occurredOn, state.expiresOn))
        return no(
          'EntryIntoForceAfterExpiry',
          `MoU ${mouId} expires on ${state.expiresOn} under its text and cannot enter into force after that, on ${occurredOn}`,
        );
      return E.right([
        { type: 'MoUEnteredIntoForce', occurredOn, data: { mouId, method: command.method } },
      ]);
    }

    case 'ExtendTerm': {
      if (!isMoUInForce(state.status))
        return no(
          'MoUNotInForce',
          `MoU ${mouId} is ${state.status}; only a term in force can be extended`,
        );
      if (state.expiresOn === undefined)
        return no(
          'NoTermToExtend',
          `MoU ${mouId} has no expiry date, so there is no term to extend`,
        );
      // An extension must move the expiry: the new date has to be later on every reading.
      if (!isCertainlyAfter(command.newExpiresOn, state.expiresOn))
        return no(
          'ExtensionMustBeLater',
          `MoU ${mouId} expires on ${state.expiresOn}; an extension to ${command.newExpiresOn} is not certainly later (give a date after ${latestDay(state.expiresOn)})`,
        );
      return E.right([
        {
          type: 'MoUTermExtended',
          occurredOn,
          data: { mouId, newExpiresOn: command.newExpiresOn },
        },
      ]);
    }

    case 'GiveTerminationNotice': {
      const { party, effectiveOn } = command;
      if (!isMoUInForce(state.status))
        return no(
          'MoUNotInForce',
          `MoU ${mouId} is ${state.status}; notice of termination can only be given while it is in force (before that, withdraw it)`,
        );
      if (!isOneOf(party, state.parties))
        return no(
          'NoticeGiverMustBeAParty',
          `${party} is not a party to MoU ${mouId} (${state.parties.join(' and ')}) and cannot give notice to terminate it`,
        );
      if (state.terminationNotice !== undefined)
        return no(
          'TerminationNoticeAlreadyGiven',
          `${state.terminationNotice.party} already gave notice on ${state.terminationNotice.givenOn} to terminate MoU ${mouId} with effect from ${state.terminationNotice.effectiveOn}`,
        );
      const noticePeriodDays = state.text?.noticePeriodDays ?? 0;
      if (certainlyWithinNoticePeriod(occurredOn, effectiveOn, noticePeriodDays))
        return no(
          'NoticePeriodNotRespected',
          noticePeriodDays === 0
            ? `a termination of MoU ${mouId} cannot take effect on ${effectiveOn}, before the notice given on ${occurredOn}`
            : `MoU ${mouId} requires ${noticePeriodDays} days' notice; notice given on ${occurredOn} takes effect on ${earliestEffectiveDay(occurredOn, noticePeriodDays)} at the earliest, not on ${effectiveOn}`,
        );
      return E.right([
        { type: 'MoUTerminationNoticeGiven', occurredOn, data: { mouId, party, effectiveOn } },
      ]);
    }

    case 'RecordTermination': {
      if (!isMoUInForce(state.status))
        return no(
          'MoUNotInForce',
          `MoU ${mouId} is ${state.status}; only an MoU in force can be terminated (before that, withdraw it)`,
        );
      if (state.terminationNotice === undefined)
        return no(
          'TerminationWithoutNotice',
          `no party has given notice to terminate MoU ${mouId}; record GiveTerminationNotice first`,
        );
      return E.right([{ type: 'MoUTerminated', occurredOn, data: { mouId } }]);
    }

    case 'RecordExpiry': {
      if (!isMoUInForce(state.status))
        return no(
          'MoUNotInForce',
          `MoU ${mouId} is ${state.status}; only an MoU in force can expire`,
        );
      if (state.expiresOn === undefined)
        return no('NoExpiryDate', `MoU ${mouId} has no expiry date; it ends only by termination`);
      return E.right([{ type: 'MoUExpired', occurredOn, data: { mouId } }]);
    }

    case 'WithdrawMoU': {
      if (isMoUInForce(state.status))
        return no(
          'WithdrawalAfterEntryIntoForce',
          `MoU ${mouId} entered into force on ${state.enteredIntoForceOn ?? 'a recorded date'}; it can no longer be withdrawn, only terminated on notice`,
        );
      const byParty: Party | undefined = command.byParty;
      if (byParty !== undefined && !isOneOf(byParty, state.parties))
        return no(
          'WithdrawingPartyMustBeAParty',
          `${byParty} is not a party to MoU ${mouId} (${state.parties.join(' and ')}) and cannot withdraw it`,
        );
      return E.right([
        {
          type: 'MoUWithdrawn',
          occurredOn,
          data: {
            mouId,
            reason: command.reason,
            ...(byParty === undefined ? {} : { byParty }),
          },
        },
      ]);
    }

    case 'DetermineLegalCharacter':
      return E.right([
        {
          type: 'MoULegalCharacterDetermined',
          occurredOn,
          data: { mouId, legalCharacter: command.legalCharacter, basis: command.basis },
        },
      ]);

    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};

export const decideMoU = (command: MoUCommand, state: MoUState): MoUDecision => {
  if (state.status === 'unproposed') {
    if (command.type !== 'ProposeMoU')
      return no(
        'MoUNotProposed',
        `MoU ${command.mouId} has not been proposed; record ProposeMoU before ${command.type}`,
      );
    const { parties, proposedBy } = command;
    if (!areDistinct(parties))
      return no('PartiesMustDiffer', `an MoU needs two different parties, got ${parties[0]} twice`);
    if (proposedBy !== 'jointly' && !isOneOf(proposedBy, parties))
      return no(
        'ProposerMustBeAParty',
        `${proposedBy} proposed MoU ${command.mouId} but is not one of its parties ${parties.join(' and ')}; name one of them, or 'jointly'`,
      );
    return E.right([
      {
        type: 'MoUProposed',
        occurredOn: command.occurredOn,
        data: {
          mouId: command.mouId,
          title: command.title,
          subject: command.subject,
          parties,
          proposedBy,
          legalCharacter: command.legalCharacter,
        },
      },
    ]);
  }
  if (command.type !== 'ProposeMoU' && isMoUClosed(state.status))
    return no(
      'MoUIsClosed',
      `MoU ${state.mouId} was ${state.status} on ${state.closedOn ?? 'a recorded date'}; nothing more can be recorded about it`,
    );
  const decision = decideOnRecord(command, state);
  // Dates last, in one place: a step that cannot happen at all is refused for that first.
  if (E.isLeft(decision)) return decision;
  return actsOutOfOrder('MoU', mouActsInOrder(command, state)) ?? decision;
};
