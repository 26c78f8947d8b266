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
exports.MoUCommand = exports.DetermineLegalCharacter = exports.WithdrawMoU = exports.RecordExpiry = exports.RecordTermination = exports.GiveTerminationNotice = exports.ExtendTerm = exports.RecordEntryIntoForce = exports.SignMoU = exports.AmendText = exports.AgreeText = exports.RecordNegotiationRound = exports.ProposeMoU = void 0;
const t = __importStar(require("io-ts"));
const partial_date_1 = require("../../kernel/partial-date");
const primitives_1 = require("../../kernel/primitives");
const party_1 = require("../shared/party");
const post_1 = require("../shared/post");
const events_1 = require("./events");
exports.ProposeMoU = t.strict({
    type: t.literal('ProposeMoU'),
    mouId: primitives_1.EngagementId,
    title: primitives_1.NonEmptyString,
    subject: primitives_1.NonEmptyString,
    parties: party_1.Parties,
    proposedBy: events_1.Proposer,
    legalCharacter: events_1.LegalCharacter,
    occurredOn: partial_date_1.PartialDate,
}, 'ProposeMoU');
exports.RecordNegotiationRound = t.strict({
    type: t.literal('RecordNegotiationRound'),
    mouId: primitives_1.EngagementId,
    round: primitives_1.PositiveInteger,
    venue: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, 'RecordNegotiationRound');
exports.AgreeText = (0, primitives_1.struct)('AgreeText', {
    type: t.literal('AgreeText'),
    mouId: primitives_1.EngagementId,
    textVersion: primitives_1.PositiveInteger,
    textDigest: events_1.TextDigest,
    occurredOn: partial_date_1.PartialDate,
}, events_1.mouTextTerms);
/** Replaces the agreed text; the terms given are those of the new text, in full. */
exports.AmendText = (0, primitives_1.struct)('AmendText', {
    type: t.literal('AmendText'),
    mouId: primitives_1.EngagementId,
    textVersion: primitives_1.PositiveInteger,
    textDigest: events_1.TextDigest,
    summary: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, events_1.mouTextTerms);
exports.SignMoU = t.strict({
    type: t.literal('SignMoU'),
    mouId: primitives_1.EngagementId,
    party: party_1.Party,
    signatory: post_1.Post,
    place: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, 'SignMoU');
exports.RecordEntryIntoForce = t.strict({
    type: t.literal('RecordEntryIntoForce'),
    mouId: primitives_1.EngagementId,
    method: events_1.EntryIntoForceMethod,
    occurredOn: partial_date_1.PartialDate,
}, 'RecordEntryIntoForce');
exports.ExtendTerm = t.strict({
    type: t.literal('ExtendTerm'),
    mouId: primitives_1.EngagementId,
    newExpiresOn: partial_date_1.PartialDate,
    occurredOn: partial_date_1.PartialDate,
}, 'ExtendTerm');
exports.GiveTerminationNotice = t.strict({
    type: t.literal('GiveTerminationNotice'),
    mouId: primitives_1.EngagementId,
    party: party_1.Party,
    effectiveOn: partial_date_1.PartialDate,
    occurredOn: partial_date_1.PartialDate,
}, 'GiveTerminationNotice');
exports.RecordTermination = t.strict({ type: t.literal('RecordTermination'), mouId: primitives_1.EngagementId, occurredOn: partial_date_1.PartialDate }, 'RecordTermination');
exports.RecordExpiry = t.strict({ type: t.literal('RecordExpiry'), mouId: primitives_1.EngagementId, occurredOn: partial_date_1.PartialDate }, 'RecordExpiry');
exports.WithdrawMoU = (0, primitives_1.struct)('WithdrawMoU', {
    type: t.literal('WithdrawMoU'),
    mouId: primitives_1.EngagementId,
    reason: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, { byParty: party_1.Party });
exports.DetermineLegalCharacter = t.strict({
    type: t.literal('DetermineLegalCharacter'),
    mouId: primitives_1.EngagementId,
    legalCharacter: events_1.DeterminedLegalCharacter,
    basis: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, 'DetermineLegalCharacter');
exports.MoUCommand = t.union([
    exports.ProposeMoU,
    exports.RecordNegotiationRound,
    exports.AgreeText,
    exports.AmendText,
    exports.SignMoU,
    exports.RecordEntryIntoForce,
    exports.ExtendTerm,
    exports.GiveTerminationNotice,
    exports.RecordTermination,
    exports.RecordExpiry,
    exports.WithdrawMoU,
    exports.DetermineLegalCharacter,
], 'MoUCommand');
