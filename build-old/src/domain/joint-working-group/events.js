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
exports.jointWorkingGroupEvents = exports.JointWorkingGroupDissolved = exports.ActionItemClosed = exports.ActionItemRecorded = exports.MeetingHeld = exports.MeetingPostponed = exports.MeetingScheduled = exports.SectorAdded = exports.CoChairDesignated = exports.JointWorkingGroupEstablished = exports.ActionOutcome = void 0;
const t = __importStar(require("io-ts"));
const event_1 = require("../../kernel/event");
const partial_date_1 = require("../../kernel/partial-date");
const primitives_1 = require("../../kernel/primitives");
const delegation_1 = require("../shared/delegation");
const party_1 = require("../shared/party");
const post_1 = require("../shared/post");
const sector_1 = require("./sector");
/** How an action item ended. */
exports.ActionOutcome = t.keyof({ completed: null, dropped: null, superseded: null }, 'ActionOutcome');
/** The parties agreed to set up the group; the event's `occurredOn` is the day they agreed. */
exports.JointWorkingGroupEstablished = (0, event_1.eventType)('JointWorkingGroupEstablished', t.strict({ jwgId: primitives_1.EngagementId, name: primitives_1.NonEmptyString, parties: party_1.Parties, sectors: t.array(sector_1.Sector) }, 'JointWorkingGroupEstablishedData'));
/** A post co-chairs the group for a party; `replaces` names the post it takes over from. */
exports.CoChairDesignated = (0, event_1.eventType)('CoChairDesignated', (0, primitives_1.struct)('CoChairDesignatedData', { jwgId: primitives_1.EngagementId, party: party_1.Party, post: post_1.Post }, { replaces: post_1.Post }));
exports.SectorAdded = (0, event_1.eventType)('SectorAdded', t.strict({ jwgId: primitives_1.EngagementId, sector: sector_1.Sector }, 'SectorAddedData'));
/** A round is set for a date; `occurredOn` is when that was decided. */
exports.MeetingScheduled = (0, event_1.eventType)('MeetingScheduled', t.strict({
    jwgId: primitives_1.EngagementId,
    round: primitives_1.PositiveInteger,
    hostParty: party_1.Party,
    venue: primitives_1.NonEmptyString,
    scheduledOn: partial_date_1.PartialDate,
}, 'MeetingScheduledData'));
exports.MeetingPostponed = (0, event_1.eventType)('MeetingPostponed', (0, primitives_1.struct)('MeetingPostponedData', {
    jwgId: primitives_1.EngagementId,
    round: primitives_1.PositiveInteger,
    previousDate: partial_date_1.PartialDate,
    newDate: partial_date_1.PartialDate,
}, { reason: primitives_1.NonEmptyString }));
/** A round took place; `occurredOn` is the day it did. */
exports.MeetingHeld = (0, event_1.eventType)('MeetingHeld', t.strict({
    jwgId: primitives_1.EngagementId,
    round: primitives_1.PositiveInteger,
    hostParty: party_1.Party,
    venue: primitives_1.NonEmptyString,
    delegations: t.array(delegation_1.Delegation),
}, 'MeetingHeldData'));
exports.ActionItemRecorded = (0, event_1.eventType)('ActionItemRecorded', (0, primitives_1.struct)('ActionItemRecordedData', {
    jwgId: primitives_1.EngagementId,
    actionId: primitives_1.EngagementId,
    round: primitives_1.PositiveInteger,
    ownerParty: party_1.Party,
    description: primitives_1.NonEmptyString,
}, { dueOn: partial_date_1.PartialDate }));
exports.ActionItemClosed = (0, event_1.eventType)('ActionItemClosed', (0, primitives_1.struct)('ActionItemClosedData', { jwgId: primitives_1.EngagementId, actionId: primitives_1.EngagementId, outcome: exports.ActionOutcome }, { note: primitives_1.NonEmptyString }));
exports.JointWorkingGroupDissolved = (0, event_1.eventType)('JointWorkingGroupDissolved', t.strict({ jwgId: primitives_1.EngagementId, reason: primitives_1.NonEmptyString }, 'JointWorkingGroupDissolvedData'));
exports.jointWorkingGroupEvents = (0, event_1.eventCatalog)(exports.JointWorkingGroupEstablished, exports.CoChairDesignated, exports.SectorAdded, exports.MeetingScheduled, exports.MeetingPostponed, exports.MeetingHeld, exports.ActionItemRecorded, exports.ActionItemClosed, exports.JointWorkingGroupDissolved);
