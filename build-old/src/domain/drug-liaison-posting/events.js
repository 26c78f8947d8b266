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
exports.drugLiaisonPostingEvents = exports.PostingEnded = exports.DeclaredPersonaNonGrata = exports.OfficerRecalled = exports.TourExtended = exports.DutiesAssumed = exports.HostApprovalRefused = exports.HostApprovalGranted = exports.AppointmentNotified = exports.LiaisonOfficerNominated = exports.DrugLiaisonPostingAnnounced = void 0;
const t = __importStar(require("io-ts"));
const event_1 = require("../../kernel/event");
const partial_date_1 = require("../../kernel/partial-date");
const primitives_1 = require("../../kernel/primitives");
const party_1 = require("../shared/party");
const post_1 = require("../shared/post");
/**
 * The sending state makes a posting public at one of its missions. Whether the host wants to
 * approve the officer first is part of the announcement: the Vienna Convention leaves it to the host.
 */
exports.DrugLiaisonPostingAnnounced = (0, event_1.eventType)('DrugLiaisonPostingAnnounced', t.strict({
    postingId: primitives_1.EngagementId,
    sendingState: party_1.Party,
    hostState: party_1.Party,
    mission: primitives_1.NonEmptyString,
    hostApprovalRequired: t.boolean,
}, 'DrugLiaisonPostingAnnouncedData'));
/** The sending state names who is to fill the post; the holder's name is optional personal data. */
exports.LiaisonOfficerNominated = (0, event_1.eventType)('LiaisonOfficerNominated', (0, primitives_1.struct)('LiaisonOfficerNominatedData', { postingId: primitives_1.EngagementId, officer: post_1.Post }, { rank: primitives_1.NonEmptyString }));
/** The sending state tells the host's foreign ministry of the appointment, by note verbale. */
exports.AppointmentNotified = (0, event_1.eventType)('AppointmentNotified', t.strict({ postingId: primitives_1.EngagementId, noteVerbaleRef: primitives_1.NonEmptyString }, 'AppointmentNotifiedData'));
exports.HostApprovalGranted = (0, event_1.eventType)('HostApprovalGranted', t.strict({ postingId: primitives_1.EngagementId }, 'HostApprovalGrantedData'));
/** The host owes no reasons for a refusal, so the reason is optional. */
exports.HostApprovalRefused = (0, event_1.eventType)('HostApprovalRefused', (0, primitives_1.struct)('HostApprovalRefusedData', { postingId: primitives_1.EngagementId }, { reason: primitives_1.NonEmptyString }));
/** The officer takes up the post; the tour's planned end is known from the start. */
exports.DutiesAssumed = (0, event_1.eventType)('DutiesAssumed', t.strict({ postingId: primitives_1.EngagementId, tourEndsOn: partial_date_1.PartialDate }, 'DutiesAssumedData'));
exports.TourExtended = (0, event_1.eventType)('TourExtended', t.strict({ postingId: primitives_1.EngagementId, newEndsOn: partial_date_1.PartialDate }, 'TourExtendedData'));
/** The sending state withdraws its officer; the post stays open for a successor. */
exports.OfficerRecalled = (0, event_1.eventType)('OfficerRecalled', t.strict({ postingId: primitives_1.EngagementId, reason: primitives_1.NonEmptyString }, 'OfficerRecalledData'));
/** The host declares the current officer persona non grata; it need give no reasons. */
exports.DeclaredPersonaNonGrata = (0, event_1.eventType)('DeclaredPersonaNonGrata', t.strict({ postingId: primitives_1.EngagementId }, 'DeclaredPersonaNonGrataData'));
exports.PostingEnded = (0, event_1.eventType)('PostingEnded', t.strict({ postingId: primitives_1.EngagementId, reason: primitives_1.NonEmptyString }, 'PostingEndedData'));
exports.drugLiaisonPostingEvents = (0, event_1.eventCatalog)(exports.DrugLiaisonPostingAnnounced, exports.LiaisonOfficerNominated, exports.AppointmentNotified, exports.HostApprovalGranted, exports.HostApprovalRefused, exports.DutiesAssumed, exports.TourExtended, exports.OfficerRecalled, exports.DeclaredPersonaNonGrata, exports.PostingEnded);
