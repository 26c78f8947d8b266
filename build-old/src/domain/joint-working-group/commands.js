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
exports.JointWorkingGroupCommand = exports.DissolveJointWorkingGroup = exports.CloseActionItem = exports.RecordActionItem = exports.RecordMeetingHeld = exports.PostponeMeeting = exports.ScheduleMeeting = exports.AddSector = exports.DesignateCoChair = exports.EstablishJointWorkingGroup = void 0;
const t = __importStar(require("io-ts"));
const partial_date_1 = require("../../kernel/partial-date");
const primitives_1 = require("../../kernel/primitives");
const party_1 = require("../shared/party");
const post_1 = require("../shared/post");
const delegation_1 = require("../shared/delegation");
const events_1 = require("./events");
const sector_1 = require("./sector");
/** `occurredOn` is the day the parties agreed to set up the group. */
exports.EstablishJointWorkingGroup = t.strict({
    type: t.literal('EstablishJointWorkingGroup'),
    jwgId: primitives_1.EngagementId,
    name: primitives_1.NonEmptyString,
    parties: party_1.Parties,
    sectors: t.array(sector_1.Sector),
    occurredOn: partial_date_1.PartialDate,
}, 'EstablishJointWorkingGroup');
exports.DesignateCoChair = t.strict({
    type: t.literal('DesignateCoChair'),
    jwgId: primitives_1.EngagementId,
    party: party_1.Party,
    post: post_1.Post,
    occurredOn: partial_date_1.PartialDate,
}, 'DesignateCoChair');
exports.AddSector = t.strict({
    type: t.literal('AddSector'),
    jwgId: primitives_1.EngagementId,
    sector: sector_1.Sector,
    occurredOn: partial_date_1.PartialDate,
}, 'AddSector');
exports.ScheduleMeeting = t.strict({
    type: t.literal('ScheduleMeeting'),
    jwgId: primitives_1.EngagementId,
    round: primitives_1.PositiveInteger,
    hostParty: party_1.Party,
    venue: primitives_1.NonEmptyString,
    scheduledOn: partial_date_1.PartialDate,
    occurredOn: partial_date_1.PartialDate,
}, 'ScheduleMeeting');
exports.PostponeMeeting = (0, primitives_1.struct)('PostponeMeeting', {
    type: t.literal('PostponeMeeting'),
    jwgId: primitives_1.EngagementId,
    round: primitives_1.PositiveInteger,
    newDate: partial_date_1.PartialDate,
    occurredOn: partial_date_1.PartialDate,
}, { reason: primitives_1.NonEmptyString });
/** `occurredOn` is the day the round took place. */
exports.RecordMeetingHeld = t.strict({
    type: t.literal('RecordMeetingHeld'),
    jwgId: primitives_1.EngagementId,
    round: primitives_1.PositiveInteger,
    hostParty: party_1.Party,
    venue: primitives_1.NonEmptyString,
    delegations: t.array(delegation_1.Delegation),
    occurredOn: partial_date_1.PartialDate,
}, 'RecordMeetingHeld');
exports.RecordActionItem = (0, primitives_1.struct)('RecordActionItem', {
    type: t.literal('RecordActionItem'),
    jwgId: primitives_1.EngagementId,
    actionId: primitives_1.EngagementId,
    round: primitives_1.PositiveInteger,
    ownerParty: party_1.Party,
    description: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, { dueOn: partial_date_1.PartialDate });
exports.CloseActionItem = (0, primitives_1.struct)('CloseActionItem', {
    type: t.literal('CloseActionItem'),
    jwgId: primitives_1.EngagementId,
    actionId: primitives_1.EngagementId,
    outcome: events_1.ActionOutcome,
    occurredOn: partial_date_1.PartialDate,
}, { note: primitives_1.NonEmptyString });
exports.DissolveJointWorkingGroup = t.strict({
    type: t.literal('DissolveJointWorkingGroup'),
    jwgId: primitives_1.EngagementId,
    reason: primitives_1.NonEmptyString,
    occurredOn: partial_date_1.PartialDate,
}, 'DissolveJointWorkingGroup');
exports.JointWorkingGroupCommand = t.union([
    exports.EstablishJointWorkingGroup,
    exports.DesignateCoChair,
    exports.AddSector,
    exports.ScheduleMeeting,
    exports.PostponeMeeting,
    exports.RecordMeetingHeld,
    exports.RecordActionItem,
    exports.CloseActionItem,
    exports.DissolveJointWorkingGroup,
], 'JointWorkingGroupCommand');
