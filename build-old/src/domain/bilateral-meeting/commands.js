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
exports.BilateralMeetingCommand = exports.NoteSourcedFact = exports.RecordMeetingOutcome = exports.RecordBilateralMeeting = void 0;
const t = __importStar(require("io-ts"));
const partial_date_1 = require("../../kernel/partial-date");
const primitives_1 = require("../../kernel/primitives");
const party_1 = require("../shared/party");
const post_1 = require("../shared/post");
const delegation_1 = require("../shared/delegation");
const events_1 = require("./events");
exports.RecordBilateralMeeting = (0, primitives_1.struct)('RecordBilateralMeeting', {
    type: t.literal('RecordBilateralMeeting'),
    meetingId: primitives_1.EngagementId,
    parties: party_1.Parties,
    hostParty: party_1.Party,
    venue: primitives_1.NonEmptyString,
    delegations: t.array(delegation_1.Delegation),
    occurredOn: partial_date_1.PartialDate,
}, { title: primitives_1.NonEmptyString });
exports.RecordMeetingOutcome = (0, primitives_1.struct)('RecordMeetingOutcome', {
    type: t.literal('RecordMeetingOutcome'),
    meetingId: primitives_1.EngagementId,
    outcomeId: primitives_1.EngagementId,
    kind: events_1.OutcomeKind,
    summary: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, { byParty: party_1.Party, leadsTo: t.array(events_1.EngagementRef) });
exports.NoteSourcedFact = (0, primitives_1.struct)('NoteSourcedFact', {
    type: t.literal('NoteSourcedFact'),
    meetingId: primitives_1.EngagementId,
    factId: primitives_1.EngagementId,
    statement: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, { statedBy: post_1.Post });
exports.BilateralMeetingCommand = t.union([exports.RecordBilateralMeeting, exports.RecordMeetingOutcome, exports.NoteSourcedFact], 'BilateralMeetingCommand');
