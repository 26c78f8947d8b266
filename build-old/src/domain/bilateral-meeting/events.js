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
exports.bilateralMeetingEvents = exports.SourcedFactNoted = exports.MeetingOutcomeRecorded = exports.BilateralMeetingHeld = exports.EngagementRef = exports.OutcomeKind = void 0;
const t = __importStar(require("io-ts"));
const event_1 = require("../../kernel/event");
const primitives_1 = require("../../kernel/primitives");
const party_1 = require("../shared/party");
const delegation_1 = require("../shared/delegation");
const post_1 = require("../shared/post");
/** What a meeting produced, in the words diplomatic reporting uses. */
exports.OutcomeKind = t.keyof({ agreed: null, decided: null, announced: null, welcomed: null, reaffirmed: null }, 'OutcomeKind');
/** Another engagement an outcome led to, e.g. the JWG the meeting agreed to establish. */
exports.EngagementRef = t.strict({
    aggregate: t.keyof({ JointWorkingGroup: null, MoU: null, DrugLiaisonPosting: null }),
    id: primitives_1.EngagementId,
}, 'EngagementRef');
exports.BilateralMeetingHeld = (0, event_1.eventType)('BilateralMeetingHeld', (0, primitives_1.struct)('BilateralMeetingHeldData', {
    meetingId: primitives_1.EngagementId,
    parties: party_1.Parties,
    hostParty: party_1.Party,
    venue: primitives_1.NonEmptyString,
    delegations: t.array(delegation_1.Delegation),
}, { title: primitives_1.NonEmptyString }));
exports.MeetingOutcomeRecorded = (0, event_1.eventType)('MeetingOutcomeRecorded', (0, primitives_1.struct)('MeetingOutcomeRecordedData', {
    meetingId: primitives_1.EngagementId,
    outcomeId: primitives_1.EngagementId,
    kind: exports.OutcomeKind,
    summary: primitives_1.NonEmptyString,
}, { byParty: party_1.Party, leadsTo: t.array(exports.EngagementRef) }));
/** A fact stated at or about the meeting, kept with its source because outlets disagree. */
exports.SourcedFactNoted = (0, event_1.eventType)('SourcedFactNoted', (0, primitives_1.struct)('SourcedFactNotedData', { meetingId: primitives_1.EngagementId, factId: primitives_1.EngagementId, statement: primitives_1.NonEmptyString }, { statedBy: post_1.Post }));
exports.bilateralMeetingEvents = (0, event_1.eventCatalog)(exports.BilateralMeetingHeld, exports.MeetingOutcomeRecorded, exports.SourcedFactNoted);
