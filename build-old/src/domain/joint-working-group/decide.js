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
exports.decideJointWorkingGroup = void 0;
const E = __importStar(require("fp-ts/Either"));
const decider_1 = require("../../kernel/decider");
const partial_date_1 = require("../../kernel/partial-date");
const delegation_1 = require("../shared/delegation");
const post_1 = require("../shared/post");
const rules_1 = require("../shared/rules");
const sector_1 = require("./sector");
const state_1 = require("./state");
const no = (rule, message) => (0, decider_1.refuse)('JointWorkingGroup', rule, message);
/** A custom sector that spells a known one must be written as that known code. */
const checkNotAKnownSectorInDisguise = (sector) => {
    if ((0, sector_1.isKnownSector)(sector))
        return undefined;
    const known = (0, sector_1.knownSectorNamedBy)(sector);
    if (known === undefined)
        return undefined;
    return no('CustomSectorNamesAKnownSector', `${(0, sector_1.showSector)(sector)} is the known sector '${known}'; write '${known}' instead`);
};
const checkNotBeforeEstablishment = (record, date, what) => (0, partial_date_1.isCertainlyBefore)(date, record.establishedOn)
    ? no('DatedBeforeEstablishment', `${what} on ${date} is before ${record.jwgId} was established on ${record.establishedOn}; give a date on or after it`)
    : undefined;
const establish = (command, state) => {
    if (state.status !== 'notEstablished')
        return no('AlreadyEstablished', `joint working group ${command.jwgId} was already established on ${state.establishedOn}; choose another id for a new group`);
    const { parties, sectors } = command;
    if (!(0, rules_1.areDistinct)(parties))
        return no('PartiesMustDiffer', `a joint working group needs two different parties, got ${parties[0]} twice`);
    if (sectors.length === 0)
        return no('AtLeastOneSector', `name at least one sector for joint working group ${command.jwgId}`);
    for (const [index, sector] of sectors.entries()) {
        const disguised = checkNotAKnownSectorInDisguise(sector);
        if (disguised !== undefined)
            return disguised;
        const earlier = sectors.slice(0, index).find((s) => (0, sector_1.sameSector)(s, sector));
        if (earlier !== undefined)
            return no('SectorAlreadyCovered', `${(0, sector_1.showSector)(sector)} is listed twice (also as ${(0, sector_1.showSector)(earlier)}); list each sector once`);
    }
    return E.right([
        {
            type: 'JointWorkingGroupEstablished',
            occurredOn: command.occurredOn,
            data: { jwgId: command.jwgId, name: command.name, parties, sectors },
        },
    ]);
};
const designateCoChair = (command, state) => {
    const { party, post } = command;
    if (!(0, rules_1.isOneOf)(party, state.parties))
        return no('CoChairMustBeOfAParty', `${party} is not a party to ${state.jwgId} (${state.parties.join(', ')}); designate a co-chair for one of them`);
    if (post.party !== party)
        return no('CoChairPostMustActForItsParty', `${(0, post_1.describePost)(post)} acts for ${post.party}, so it cannot co-chair for ${party}`);
    const seat = state.coChairs.find((s) => s.party === party);
    if (seat !== undefined && (0, post_1.samePost)(seat.post, post))
        return no('CoChairAlreadyDesignated', `${(0, post_1.describePost)(post)} already co-chairs ${state.jwgId} for ${party}; designate a different post or holder to replace it`);
    return E.right([
        {
            type: 'CoChairDesignated',
            occurredOn: command.occurredOn,
            data: {
                jwgId: state.jwgId,
                party,
                post,
                ...(seat === undefined ? {} : { replaces: seat.post }),
            },
        },
    ]);
};
const addSector = (command, state) => {
    const disguised = checkNotAKnownSectorInDisguise(command.sector);
    if (disguised !== undefined)
        return disguised;
    const existing = state.sectors.find((s) => (0, sector_1.sameSector)(s, command.sector));
    if (existing !== undefined)
        return no('SectorAlreadyCovered', `${state.jwgId} already covers ${(0, sector_1.showSector)(existing)}; add a sector it does not cover yet`);
    return E.right([
        {
            type: 'SectorAdded',
            occurredOn: command.occurredOn,
            data: { jwgId: state.jwgId, sector: command.sector },
        },
    ]);
};
const checkRoundAfterLastHeld = (round, state) => round <= state.lastHeldRound
    ? no('MeetingRoundsMustIncrease', `round ${round} is not after round ${state.lastHeldRound}, the last held; use round ${state.lastHeldRound + 1} or later`)
    : undefined;
const checkNotBeforeLastMeeting = (state, round, date) => {
    const last = (0, state_1.lastHeldMeeting)(state);
    return last !== undefined && (0, partial_date_1.isCertainlyBefore)(date, last.occurredOn)
        ? no('MeetingBeforePreviousRound', `round ${round} on ${date} would come before round ${last.round}, held on ${last.occurredOn}; give a date on or after it`)
        : undefined;
};
const scheduleMeeting = (command, state) => {
    const { round, hostParty, scheduledOn } = command;
    if (!(0, rules_1.isOneOf)(hostParty, state.parties))
        return no('HostMustBeAParty', `host ${hostParty} is not one of the parties ${state.parties.join(', ')}`);
    const problem = checkRoundAfterLastHeld(round, state) ??
        checkNotBeforeEstablishment(state, scheduledOn, `round ${round} scheduled`) ??
        checkNotBeforeLastMeeting(state, round, scheduledOn);
    if (problem !== undefined)
        return problem;
    const scheduled = state.scheduledMeetings.find((m) => m.round === round);
    if (scheduled !== undefined)
        return no('MeetingAlreadyScheduled', `round ${round} is already scheduled for ${scheduled.scheduledOn}; postpone it, or schedule another round`);
    return E.right([
        {
            type: 'MeetingScheduled',
            occurredOn: command.occurredOn,
            data: { jwgId: state.jwgId, round, hostParty, venue: command.venue, scheduledOn },
        },
    ]);
};
const postponeMeeting = (command, state) => {
    const { round, newDate } = command;
    const scheduled = state.scheduledMeetings.find((m) => m.round === round);
    if (scheduled === undefined)
        return no('MeetingNotScheduled', round <= state.lastHeldRound
            ? `round ${round} can no longer be postponed: round ${state.lastHeldRound} has been held`
            : `round ${round} is not scheduled; schedule it before postponing it`);
    if (newDate === scheduled.scheduledOn)
        return no('PostponementMustChangeDate', `round ${round} is already set for ${newDate}; give the new date it moves to`);
    if ((0, partial_date_1.isCertainlyBefore)(newDate, scheduled.scheduledOn))
        return no('PostponementMustBeLater', `postponing round ${round} moves it later, but ${newDate} is before ${scheduled.scheduledOn}`);
    return E.right([
        {
            type: 'MeetingPostponed',
            occurredOn: command.occurredOn,
            data: {
                jwgId: state.jwgId,
                round,
                previousDate: scheduled.scheduledOn,
                newDate,
                ...(command.reason === undefined ? {} : { reason: command.reason }),
            },
        },
    ]);
};
const recordMeetingHeld = (command, state) => {
    const { round, hostParty, delegations } = command;
    if (!(0, rules_1.isOneOf)(hostParty, state.parties))
        return no('HostMustBeAParty', `host ${hostParty} is not one of the parties ${state.parties.join(', ')}`);
    const problem = checkRoundAfterLastHeld(round, state) ??
        checkNotBeforeLastMeeting(state, round, command.occurredOn);
    if (problem !== undefined)
        return problem;
    const delegationIssue = (0, delegation_1.delegationProblem)(delegations, state.parties);
    if (delegationIssue !== undefined)
        return no(delegationIssue.rule, delegationIssue.message);
    return E.right([
        {
            type: 'MeetingHeld',
            occurredOn: command.occurredOn,
            data: { jwgId: state.jwgId, round, hostParty, venue: command.venue, delegations },
        },
    ]);
};
const recordActionItem = (command, state) => {
    const { actionId, round, ownerParty, dueOn } = command;
    const meeting = state.heldMeetings.find((m) => m.round === round);
    if (meeting === undefined)
        return no('ActionItemNeedsHeldMeeting', `round ${round} of ${state.jwgId} has not been held; record the meeting before its action items`);
    if (state.actionItems.some((a) => a.actionId === actionId))
        return no('ActionItemAlreadyRecorded', `action item ${actionId} is already recorded; give the new one another id`);
    if (!(0, rules_1.isOneOf)(ownerParty, state.parties))
        return no('ActionOwnerMustBeAParty', `${ownerParty} is not a party to ${state.jwgId}; an action item is owned by ${state.parties.join(' or ')}`);
    if ((0, partial_date_1.isCertainlyBefore)(command.occurredOn, meeting.occurredOn))
        return no('ActionItemBeforeMeeting', `action item ${actionId} recorded on ${command.occurredOn} cannot come from round ${round}, held on ${meeting.occurredOn}`);
    if (dueOn !== undefined && (0, partial_date_1.isCertainlyBefore)(dueOn, meeting.occurredOn))
        return no('ActionItemDueBeforeMeeting', `action item ${actionId} cannot be due on ${dueOn}, before round ${round} that set it on ${meeting.occurredOn}`);
    return E.right([
        {
            type: 'ActionItemRecorded',
            occurredOn: command.occurredOn,
            data: {
                jwgId: state.jwgId,
                actionId,
                round,
                ownerParty,
                description: command.description,
                ...(dueOn === undefined ? {} : { dueOn }),
            },
        },
    ]);
};
const closeActionItem = (command, state) => {
    const { actionId } = command;
    const item = state.actionItems.find((a) => a.actionId === actionId);
    if (item === undefined)
        return no('ActionItemUnknown', `${state.jwgId} has no action item ${actionId}; record it before closing it`);
    if (item.status === 'closed')
        return no('ActionItemAlreadyClosed', `action item ${actionId} was already closed on ${item.closedOn} (${item.outcome})`);
    if ((0, partial_date_1.isCertainlyBefore)(command.occurredOn, item.recordedOn))
        return no('ActionClosedBeforeRecorded', `action item ${actionId} cannot close on ${command.occurredOn}, before it was recorded on ${item.recordedOn}`);
    return E.right([
        {
            type: 'ActionItemClosed',
            occurredOn: command.occurredOn,
            data: {
                jwgId: state.jwgId,
                actionId,
                outcome: command.outcome,
                ...(command.note === undefined ? {} : { note: command.note }),
            },
        },
    ]);
};
const dissolve = (command, state) => {
    const last = (0, state_1.lastHeldMeeting)(state);
    if (last !== undefined && (0, partial_date_1.isCertainlyBefore)(command.occurredOn, last.occurredOn))
        return no('DissolvedBeforeLastMeeting', `${state.jwgId} cannot be dissolved on ${command.occurredOn}: round ${last.round} was held on ${last.occurredOn}`);
    return E.right([
        {
            type: 'JointWorkingGroupDissolved',
            occurredOn: command.occurredOn,
            data: { jwgId: state.jwgId, reason: command.reason },
        },
    ]);
};
const decideJointWorkingGroup = (command, state) => {
    if (state.status === 'dissolved')
        return no('AlreadyDissolved', `joint working group ${state.jwgId} was dissolved on ${state.dissolvedOn}; it takes no further records`);
    if (command.type === 'EstablishJointWorkingGroup')
        return establish(command, state);
    if (state.status === 'notEstablished')
        return no('NotEstablished', `joint working group ${command.jwgId} is not established; establish it before ${command.type}`);
    const early = checkNotBeforeEstablishment(state, command.occurredOn, command.type);
    if (early !== undefined)
        return early;
    switch (command.type) {
        case 'DesignateCoChair':
            return designateCoChair(command, state);
        case 'AddSector':
            return addSector(command, state);
        case 'ScheduleMeeting':
            return scheduleMeeting(command, state);
        case 'PostponeMeeting':
            return postponeMeeting(command, state);
        case 'RecordMeetingHeld':
            return recordMeetingHeld(command, state);
        case 'RecordActionItem':
            return recordActionItem(command, state);
        case 'CloseActionItem':
            return closeActionItem(command, state);
        case 'DissolveJointWorkingGroup':
            return dissolve(command, state);
        default: {
            const unknown = command;
            return unknown;
        }
    }
};
exports.decideJointWorkingGroup = decideJointWorkingGroup;
