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
exports.mouEvents = exports.MoULegalCharacterDetermined = exports.MoUWithdrawn = exports.MoUExpired = exports.MoUTerminated = exports.MoUTerminationNoticeGiven = exports.MoUTermExtended = exports.MoUEnteredIntoForce = exports.MoUSigned = exports.PLACE_NOT_RECORDED = exports.MoUTextAmended = exports.MoUTextAgreed = exports.MoUNegotiationRoundHeld = exports.MoUProposed = exports.mouTextTerms = exports.TextDigest = exports.EntryIntoForceMethod = exports.DeterminedLegalCharacter = exports.LegalCharacter = exports.Proposer = void 0;
const t = __importStar(require("io-ts"));
const event_1 = require("../../kernel/event");
const partial_date_1 = require("../../kernel/partial-date");
const primitives_1 = require("../../kernel/primitives");
const party_1 = require("../shared/party");
const post_1 = require("../shared/post");
/**
 * What the instrument is in law. The title does not decide it: a "memorandum of understanding"
 * can turn out to be a binding treaty, so this is data that can be determined later.
 */
/**
 * Who put the MoU forward: one party, or both together (as when two ministers decide at a meeting
 * to conclude an MoU and no report says whose idea it was).
 */
exports.Proposer = t.union([party_1.Party, t.literal('jointly')], 'Proposer (a party, or jointly)');
exports.LegalCharacter = t.keyof({ nonBinding: null, treaty: null, undetermined: null }, 'LegalCharacter');
/** A legal character someone has actually settled on: `undetermined` is not a determination. */
exports.DeterminedLegalCharacter = t.keyof({ nonBinding: null, treaty: null }, 'DeterminedLegalCharacter');
/** How the instrument entered into force, as its final clauses provide. */
exports.EntryIntoForceMethod = t.keyof({ onSignature: null, onNotification: null, onDate: null }, 'EntryIntoForceMethod');
/** The SHA-256 of the agreed text, as 64 lowercase hexadecimal digits. */
exports.TextDigest = (0, primitives_1.checkedString)('TextDigest (SHA-256, 64 lowercase hex digits)', (s) => /^[0-9a-f]{64}$/.test(s));
/**
 * The terms a text sets that the rules depend on. A text that sets no notice period lets a
 * termination take effect from the notice date; one that sets no expiry runs until terminated.
 */
exports.mouTextTerms = {
    /** Days between a termination notice and the earliest day the termination can take effect. */
    noticePeriodDays: primitives_1.PositiveInteger,
    /** When the initial term ends. */
    expiresOn: partial_date_1.PartialDate,
};
exports.MoUProposed = (0, event_1.eventType)('MoUProposed', t.strict({
    mouId: primitives_1.EngagementId,
    title: primitives_1.NonEmptyString,
    subject: primitives_1.NonEmptyString,
    parties: party_1.Parties,
    proposedBy: exports.Proposer,
    legalCharacter: exports.LegalCharacter,
}, 'MoUProposedData'));
exports.MoUNegotiationRoundHeld = (0, event_1.eventType)('MoUNegotiationRoundHeld', t.strict({ mouId: primitives_1.EngagementId, round: primitives_1.PositiveInteger, venue: primitives_1.NonEmptyString }, 'MoUNegotiationRoundHeldData'));
exports.MoUTextAgreed = (0, event_1.eventType)('MoUTextAgreed', (0, primitives_1.struct)('MoUTextAgreedData', { mouId: primitives_1.EngagementId, textVersion: primitives_1.PositiveInteger, textDigest: exports.TextDigest }, exports.mouTextTerms));
/** A new version of the agreed text. Its terms replace those of the version before, in full. */
exports.MoUTextAmended = (0, event_1.eventType)('MoUTextAmended', (0, primitives_1.struct)('MoUTextAmendedData', {
    mouId: primitives_1.EngagementId,
    textVersion: primitives_1.PositiveInteger,
    textDigest: exports.TextDigest,
    summary: primitives_1.NonEmptyString,
}, exports.mouTextTerms));
/**
 * The place a signature shows when its record does not say where it was signed: `MoUSigned`
 * version 1 had no place. A marker, not a place name; the signed text itself says where.
 */
exports.PLACE_NOT_RECORDED = '(place not recorded)';
/** Version 2 added `place`; a version 1 signature reads as signed at a place not recorded. */
exports.MoUSigned = (0, event_1.eventType)('MoUSigned', t.strict({ mouId: primitives_1.EngagementId, party: party_1.Party, signatory: post_1.Post, place: primitives_1.NonEmptyString }, 'MoUSignedData'), {
    schemaVersion: 2,
    upcasters: { 1: (data) => ({ ...data, place: exports.PLACE_NOT_RECORDED }) },
});
exports.MoUEnteredIntoForce = (0, event_1.eventType)('MoUEnteredIntoForce', t.strict({ mouId: primitives_1.EngagementId, method: exports.EntryIntoForceMethod }, 'MoUEnteredIntoForceData'));
exports.MoUTermExtended = (0, event_1.eventType)('MoUTermExtended', t.strict({ mouId: primitives_1.EngagementId, newExpiresOn: partial_date_1.PartialDate }, 'MoUTermExtendedData'));
exports.MoUTerminationNoticeGiven = (0, event_1.eventType)('MoUTerminationNoticeGiven', t.strict({ mouId: primitives_1.EngagementId, party: party_1.Party, effectiveOn: partial_date_1.PartialDate }, 'MoUTerminationNoticeGivenData'));
exports.MoUTerminated = (0, event_1.eventType)('MoUTerminated', t.strict({ mouId: primitives_1.EngagementId }, 'MoUTerminatedData'));
exports.MoUExpired = (0, event_1.eventType)('MoUExpired', t.strict({ mouId: primitives_1.EngagementId }, 'MoUExpiredData'));
exports.MoUWithdrawn = (0, event_1.eventType)('MoUWithdrawn', (0, primitives_1.struct)('MoUWithdrawnData', { mouId: primitives_1.EngagementId, reason: primitives_1.NonEmptyString }, { byParty: party_1.Party }));
/** Someone with standing (a legal adviser, a court, the parties) settled what the MoU is in law. */
exports.MoULegalCharacterDetermined = (0, event_1.eventType)('MoULegalCharacterDetermined', t.strict({ mouId: primitives_1.EngagementId, legalCharacter: exports.DeterminedLegalCharacter, basis: primitives_1.NonEmptyString }, 'MoULegalCharacterDeterminedData'));
exports.mouEvents = (0, event_1.eventCatalog)(exports.MoUProposed, exports.MoUNegotiationRoundHeld, exports.MoUTextAgreed, exports.MoUTextAmended, exports.MoUSigned, exports.MoUEnteredIntoForce, exports.MoUTermExtended, exports.MoUTerminationNoticeGiven, exports.MoUTerminated, exports.MoUExpired, exports.MoUWithdrawn, exports.MoULegalCharacterDetermined);
