"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.decideMoU = void 0;
const E = __importStar(require("fp-ts/Either"));
const decider_1 = require("../../kernel/decider");
const partial_date_1 = require("../../kernel/partial-date");
const post_1 = require("../shared/post");
const rules_1 = require("../shared/rules");
const state_1 = require("./state");
const no = (rule, message) => (0, decider_1.refuse)('MoU', rule, message);
/**
 * Whether a termination effective on `effectiveOn` certainly comes too soon after a notice given
 * on `givenOn`: even its last possible day is before the first possible day of the notice plus
 * the notice period. Day numbers are compared, so any notice period, however long, is exact.
 */
const certainlyWithinNoticePeriod = (givenOn, effectiveOn, noticePeriodDays) => (0, partial_date_1.dayNumber)((0, partial_date_1.latestDay)(effectiveOn)) < (0, partial_date_1.dayNumber)((0, partial_date_1.earliestDay)(givenOn)) + noticePeriodDays;
const earliestEffectiveDay = (givenOn, noticePeriodDays) => (0, partial_date_1.dayOfNumber)((0, partial_date_1.dayNumber)((0, partial_date_1.earliestDay)(givenOn)) + noticePeriodDays) ??
    `${noticePeriodDays} days after ${(0, partial_date_1.earliestDay)(givenOn)}`;
const decideOnRecord = (command, state) => {
    const mouId = state.mouId;
    const { occurredOn } = command;
    switch (command.type) {
        case 'ProposeMoU':
            return no('MoUAlreadyProposed', `MoU ${mouId} was already proposed on ${state.proposedOn}`);
        case 'RecordNegotiationRound': {
            if (state.signatures.length > 0)
                return no('NegotiationAfterSignature', `MoU ${mouId} has been signed by ${state.signatures.map((s) => s.party).join(' and ')}; negotiations on its text are over`);
            const last = state.rounds.at(-1);
            if (last !== undefined && command.round <= last.round)
                return no('NegotiationRoundsMustIncrease', `round ${command.round} cannot follow round ${last.round} of MoU ${mouId}; record round ${last.round + 1} or later`);
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
                return no('TextAlreadyAgreed', `version ${state.text.version} of the text of MoU ${mouId} is already agreed; record a change with AmendText, before anyone signs`);
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
                return no('AmendmentBeforeTextAgreed', `no text of MoU ${mouId} is agreed yet; record the agreed text with AgreeText first`);
            if (state.signatures.length > 0)
                return no('AmendmentAfterSignature', `${state.signatures.map((s) => s.party).join(' and ')} signed version ${text.version} of MoU ${mouId}; a signed text cannot be amended`);
            if (command.textVersion <= text.version)
                return no('TextVersionMustIncrease', `the amended text of MoU ${mouId} is version ${command.textVersion}, but version ${text.version} is already agreed; number it ${text.version + 1} or higher`);
            if (command.textDigest === text.digest)
                return no('AmendedTextUnchanged', `the amended text of MoU ${mouId} has the digest of version ${text.version} (${text.digest}); an amendment must change the text`);
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
                return no('SignatureBeforeTextAgreed', `the text of MoU ${mouId} is not agreed yet; record AgreeText before any signature`);
            if ((0, partial_date_1.isCertainlyBefore)(occurredOn, text.settledOn))
                return no('SignatureBeforeTextAgreed', `a signature on ${occurredOn} comes before version ${text.version} of the text of MoU ${mouId} was settled on ${text.settledOn}`);
            if (!(0, rules_1.isOneOf)(party, state.parties))
                return no('SigningPartyMustBeAParty', `${party} is not a party to MoU ${mouId} (${state.parties.join(' and ')})`);
            if (signatory.party !== party)
                return no('SignatoryMustActForSigningParty', `${(0, post_1.describePost)(signatory)} holds a post of ${signatory.party} and cannot sign for ${party}`);
            const earlier = state.signatures.find((s) => s.party === party);
            if (earlier !== undefined)
                return no('PartyAlreadySigned', `${party} already signed MoU ${mouId} on ${earlier.signedOn} in ${earlier.place}`);
            return E.right([
                {
                    type: 'MoUSigned',
                    occurredOn,
                    data: { mouId, party, signatory, place: command.place },
                },
            ]);
        }
        case 'RecordEntryIntoForce': {
            if ((0, state_1.isMoUInForce)(state.status))
                return no('MoUAlreadyInForce', `MoU ${mouId} entered into force on ${state.enteredIntoForceOn ?? 'a recorded date'}`);
            const missing = (0, state_1.partiesYetToSign)(state);
            if (missing.length > 0)
                return no('EntryIntoForceNeedsBothSignatures', `MoU ${mouId} cannot enter into force before ${missing.join(' and ')} ${missing.length > 1 ? 'have' : 'has'} signed`);
            const later = state.signatures.find((s) => (0, partial_date_1.isCertainlyBefore)(occurredOn, s.signedOn));
            if (later !== undefined)
                return no('EntryIntoForceBeforeLastSignature', `MoU ${mouId} cannot enter into force on ${occurredOn}, before ${later.party} signed it on ${later.signedOn}`);
            if (command.method === 'onSignature' &&
                state.signatures.every((s) => (0, partial_date_1.isCertainlyAfter)(occurredOn, s.signedOn)))
                return no('EntryOnSignatureAfterLastSignature', `MoU ${mouId} entering into force on signature does so on the day of the last signature (${state.signatures.map((s) => `${s.party} on ${s.signedOn}`).join(', ')}), not on ${occurredOn}; use method onDate or onNotification`);
            if (state.expiresOn !== undefined && (0, partial_date_1.isCertainlyAfter)(occurredOn, state.expiresOn))
                return no('EntryIntoForceAfterExpiry', `MoU ${mouId} expires on ${state.expiresOn} under its text and cannot enter into force after that, on ${occurredOn}`);
            return E.right([
                { type: 'MoUEnteredIntoForce', occurredOn, data: { mouId, method: command.method } },
            ]);
        }
        case 'ExtendTerm': {
            if (!(0, state_1.isMoUInForce)(state.status))
                return no('MoUNotInForce', `MoU ${mouId} is ${state.status}; only a term in force can be extended`);
            if (state.expiresOn === undefined)
                return no('NoTermToExtend', `MoU ${mouId} has no expiry date, so there is no term to extend`);
            // An extension must move the expiry: the new date has to be later on every reading.
            if (!(0, partial_date_1.isCertainlyAfter)(command.newExpiresOn, state.expiresOn))
                return no('ExtensionMustBeLater', `MoU ${mouId} expires on ${state.expiresOn}; an extension to ${command.newExpiresOn} is not certainly later (give a date after ${(0, partial_date_1.latestDay)(state.expiresOn)})`);
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
            if (!(0, state_1.isMoUInForce)(state.status))
                return no('MoUNotInForce', `MoU ${mouId} is ${state.status}; notice of termination can only be given while it is in force (before that, withdraw it)`);
            if (!(0, rules_1.isOneOf)(party, state.parties))
                return no('NoticeGiverMustBeAParty', `${party} is not a party to MoU ${mouId} (${state.parties.join(' and ')}) and cannot give notice to terminate it`);
            if (state.terminationNotice !== undefined)
                return no('TerminationNoticeAlreadyGiven', `${state.terminationNotice.party} already gave notice on ${state.terminationNotice.givenOn} to terminate MoU ${mouId} with effect from ${state.terminationNotice.effectiveOn}`);
            const noticePeriodDays = state.text?.noticePeriodDays ?? 0;
            if (certainlyWithinNoticePeriod(occurredOn, effectiveOn, noticePeriodDays))
                return no('NoticePeriodNotRespected', noticePeriodDays === 0
                    ? `a termination of MoU ${mouId} cannot take effect on ${effectiveOn}, before the notice given on ${occurredOn}`
                    : `MoU ${mouId} requires ${noticePeriodDays} days' notice; notice given on ${occurredOn} takes effect on ${earliestEffectiveDay(occurredOn, noticePeriodDays)} at the earliest, not on ${effectiveOn}`);
            return E.right([
                { type: 'MoUTerminationNoticeGiven', occurredOn, data: { mouId, party, effectiveOn } },
            ]);
        }
        case 'RecordTermination': {
            if (!(0, state_1.isMoUInForce)(state.status))
                return no('MoUNotInForce', `MoU ${mouId} is ${state.status}; only an MoU in force can be terminated (before that, withdraw it)`);
            const notice = state.terminationNotice;
            if (notice === undefined)
                return no('TerminationWithoutNotice', `no party has given notice to terminate MoU ${mouId}; record GiveTerminationNotice first`);
            if ((0, partial_date_1.isCertainlyBefore)(occurredOn, notice.effectiveOn))
                return no('TerminationBeforeEffectiveDate', `the notice given by ${notice.party} terminates MoU ${mouId} with effect from ${notice.effectiveOn}, not on ${occurredOn}`);
            return E.right([{ type: 'MoUTerminated', occurredOn, data: { mouId } }]);
        }
        case 'RecordExpiry': {
            if (!(0, state_1.isMoUInForce)(state.status))
                return no('MoUNotInForce', `MoU ${mouId} is ${state.status}; only an MoU in force can expire`);
            if (state.expiresOn === undefined)
                return no('NoExpiryDate', `MoU ${mouId} has no expiry date; it ends only by termination`);
            if ((0, partial_date_1.isCertainlyBefore)(occurredOn, state.expiresOn))
                return no('ExpiryDateNotReached', `MoU ${mouId} runs until ${state.expiresOn}; it cannot have expired on ${occurredOn}`);
            return E.right([{ type: 'MoUExpired', occurredOn, data: { mouId } }]);
        }
        case 'WithdrawMoU': {
            if ((0, state_1.isMoUInForce)(state.status))
                return no('WithdrawalAfterEntryIntoForce', `MoU ${mouId} entered into force on ${state.enteredIntoForceOn ?? 'a recorded date'}; it can no longer be withdrawn, only terminated on notice`);
            const byParty = command.byParty;
            if (byParty !== undefined && !(0, rules_1.isOneOf)(byParty, state.parties))
                return no('WithdrawingPartyMustBeAParty', `${byParty} is not a party to MoU ${mouId} (${state.parties.join(' and ')}) and cannot withdraw it`);
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
            const unknown = command;
            return unknown;
        }
    }
};
const decideMoU = (command, state) => {
    if (state.status === 'unproposed') {
        if (command.type !== 'ProposeMoU')
            return no('MoUNotProposed', `MoU ${command.mouId} has not been proposed; record ProposeMoU before ${command.type}`);
        const { parties, proposedBy } = command;
        if (!(0, rules_1.areDistinct)(parties))
            return no('PartiesMustDiffer', `an MoU needs two different parties, got ${parties[0]} twice`);
        if (proposedBy !== 'jointly' && !(0, rules_1.isOneOf)(proposedBy, parties))
            return no('ProposerMustBeAParty', `${proposedBy} proposed MoU ${command.mouId} but is not one of its parties ${parties.join(' and ')}; name one of them, or 'jointly'`);
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
    if (command.type !== 'ProposeMoU' && (0, state_1.isMoUClosed)(state.status))
        return no('MoUIsClosed', `MoU ${state.mouId} was ${state.status} on ${state.closedOn ?? 'a recorded date'}; nothing more can be recorded about it`);
    return decideOnRecord(command, state);
};
exports.decideMoU = decideMoU;
