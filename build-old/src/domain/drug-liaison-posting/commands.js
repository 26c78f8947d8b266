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
exports.DrugLiaisonPostingCommand = exports.EndPosting = exports.DeclarePersonaNonGrata = exports.RecallOfficer = exports.ExtendTour = exports.AssumeDuties = exports.RefuseHostApproval = exports.GrantHostApproval = exports.NotifyAppointment = exports.NominateOfficer = exports.AnnouncePosting = void 0;
const t = __importStar(require("io-ts"));
const partial_date_1 = require("../../kernel/partial-date");
const primitives_1 = require("../../kernel/primitives");
const party_1 = require("../shared/party");
const post_1 = require("../shared/post");
exports.AnnouncePosting = t.strict({
    type: t.literal('AnnouncePosting'),
    postingId: primitives_1.EngagementId,
    sendingState: party_1.Party,
    hostState: party_1.Party,
    mission: primitives_1.NonEmptyString,
    hostApprovalRequired: t.boolean,
    occurredOn: partial_date_1.PartialDate,
}, 'AnnouncePosting');
exports.NominateOfficer = (0, primitives_1.struct)('NominateOfficer', {
    type: t.literal('NominateOfficer'),
    postingId: primitives_1.EngagementId,
    officer: post_1.Post,
    occurredOn: partial_date_1.PartialDate,
}, { rank: primitives_1.NonEmptyString });
exports.NotifyAppointment = t.strict({
    type: t.literal('NotifyAppointment'),
    postingId: primitives_1.EngagementId,
    noteVerbaleRef: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, 'NotifyAppointment');
exports.GrantHostApproval = t.strict({
    type: t.literal('GrantHostApproval'),
    postingId: primitives_1.EngagementId,
    occurredOn: partial_date_1.PartialDate,
}, 'GrantHostApproval');
exports.RefuseHostApproval = (0, primitives_1.struct)('RefuseHostApproval', {
    type: t.literal('RefuseHostApproval'),
    postingId: primitives_1.EngagementId,
    occurredOn: partial_date_1.PartialDate,
}, { reason: primitives_1.NonEmptyString });
exports.AssumeDuties = t.strict({
    type: t.literal('AssumeDuties'),
    postingId: primitives_1.EngagementId,
    tourEndsOn: partial_date_1.PartialDate,
    occurredOn: partial_date_1.PartialDate,
}, 'AssumeDuties');
exports.ExtendTour = t.strict({
    type: t.literal('ExtendTour'),
    postingId: primitives_1.EngagementId,
    newEndsOn: partial_date_1.PartialDate,
    occurredOn: partial_date_1.PartialDate,
}, 'ExtendTour');
exports.RecallOfficer = t.strict({
    type: t.literal('RecallOfficer'),
    postingId: primitives_1.EngagementId,
    reason: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, 'RecallOfficer');
exports.DeclarePersonaNonGrata = t.strict({
    type: t.literal('DeclarePersonaNonGrata'),
    postingId: primitives_1.EngagementId,
    occurredOn: partial_date_1.PartialDate,
}, 'DeclarePersonaNonGrata');
exports.EndPosting = t.strict({
    type: t.literal('EndPosting'),
    postingId: primitives_1.EngagementId,
    reason: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, 'EndPosting');
exports.DrugLiaisonPostingCommand = t.union([
    exports.AnnouncePosting,
    exports.NominateOfficer,
    exports.NotifyAppointment,
    exports.GrantHostApproval,
    exports.RefuseHostApproval,
    exports.AssumeDuties,
    exports.ExtendTour,
    exports.RecallOfficer,
    exports.DeclarePersonaNonGrata,
    exports.EndPosting,
], 'DrugLiaisonPostingCommand');
