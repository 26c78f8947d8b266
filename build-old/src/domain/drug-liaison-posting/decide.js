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
exports.decideDrugLiaisonPosting = void 0;
const E = __importStar(require("fp-ts/Either"));
const decider_1 = require("../../kernel/decider");
const partial_date_1 = require("../../kernel/partial-date");
const post_1 = require("../shared/post");
const no = (rule, message) => (0, decider_1.refuse)('DrugLiaisonPosting', rule, message);
/** Only the fields a post has, so that nothing unvalidated rides along into the event. */
const postOf = (post) => ({
    title: post.title,
    party: post.party,
    ...(post.holder === undefined ? {} : { holder: post.holder }),
    ...(post.organisation === undefined ? {} : { organisation: post.organisation }),
});
const describeOfficer = (officer) => (0, post_1.describePost)(officer.post);
const decideDrugLiaisonPosting = (command, state) => {
    if (command.type === 'AnnouncePosting') {
        if (state.status !== 'unannounced')
            return no('PostingAlreadyAnnounced', `posting ${command.postingId} is already announced; a new posting needs a new postingId`);
        if (command.sendingState === command.hostState)
            return no('HostStateMustDifferFromSendingState', `a liaison officer is posted abroad: the host state must differ from the sending state, got ${command.sendingState} for both`);
        return E.right([
            {
                type: 'DrugLiaisonPostingAnnounced',
                occurredOn: command.occurredOn,
                data: {
                    postingId: command.postingId,
                    sendingState: command.sendingState,
                    hostState: command.hostState,
                    mission: command.mission,
                    hostApprovalRequired: command.hostApprovalRequired,
                },
            },
        ]);
    }
    if (state.status === 'unannounced')
        return no('PostingNotAnnounced', `announce posting ${command.postingId} before recording ${command.type}`);
    if (state.status === 'ended')
        return no('PostingHasEnded', `posting ${state.postingId} ended on ${state.endedOn ?? 'an unknown date'} and takes no ${command.type}; record a new posting under a new postingId`);
    if (state.status === 'declaredPersonaNonGrata') {
        const officer = state.currentOfficer === undefined ? 'the officer' : describeOfficer(state.currentOfficer);
        if (command.type === 'AssumeDuties')
            return no('DutiesAfterPersonaNonGrata', `${officer} was declared persona non grata by ${state.hostState} and cannot assume duties; recall the officer and nominate another`);
        if (command.type !== 'RecallOfficer' && command.type !== 'EndPosting')
            return no('OnlyRecallOrEndAfterPersonaNonGrata', `${officer} was declared persona non grata; only a recall or the end of the posting can follow, not ${command.type}`);
    }
    return decideForAnnounced(command, state);
};
exports.decideDrugLiaisonPosting = decideDrugLiaisonPosting;
const decideForAnnounced = (command, posting) => {
    const officer = posting.currentOfficer;
    const postingId = posting.postingId;
    switch (command.type) {
        case 'NominateOfficer': {
            if (officer !== undefined)
                return no('OfficerAlreadyNominated', `${describeOfficer(officer)} is already nominated to posting ${postingId}; recall that officer first`);
            if (command.officer.party !== posting.sendingState)
                return no('OfficerMustActForSendingState', `${(0, post_1.describePost)(command.officer)} does not act for the sending state ${posting.sendingState}; nominate a post of ${posting.sendingState}`);
            return E.right([
                {
                    type: 'LiaisonOfficerNominated',
                    occurredOn: command.occurredOn,
                    data: {
                        postingId,
                        officer: postOf(command.officer),
                        ...(command.rank === undefined ? {} : { rank: command.rank }),
                    },
                },
            ]);
        }
        case 'NotifyAppointment': {
            if (officer === undefined)
                return no('NoOfficerToNotify', `posting ${postingId} has no nominated officer; nominate one before notifying ${posting.hostState}`);
            if (officer.notifiedRef !== undefined)
                return no('AppointmentAlreadyNotified', `the appointment of ${describeOfficer(officer)} was already notified by note verbale ${officer.notifiedRef}`);
            return E.right([
                {
                    type: 'AppointmentNotified',
                    occurredOn: command.occurredOn,
                    data: { postingId, noteVerbaleRef: command.noteVerbaleRef },
                },
            ]);
        }
        case 'GrantHostApproval':
        case 'RefuseHostApproval': {
            if (!posting.hostApprovalRequired)
                return no('HostApprovalNotRequired', `${posting.hostState} does not require prior approval for posting ${postingId}; a notified officer may assume duties directly`);
            if (posting.status === 'hostRefused')
                return no('HostApprovalAlreadyDecided', `${posting.hostState} has refused the last officer of posting ${postingId}; nominate and notify another before a new decision`);
            if (officer?.notifiedRef === undefined)
                return no('ApprovalBeforeNotification', `no appointment to posting ${postingId} has been notified to ${posting.hostState}; notify it before the host decides`);
            if (officer.approval !== undefined)
                return no('HostApprovalAlreadyDecided', `${posting.hostState} already ${officer.approval.decision} approval of ${describeOfficer(officer)} on ${officer.approval.on}`);
            if (command.type === 'GrantHostApproval')
                return E.right([
                    { type: 'HostApprovalGranted', occurredOn: command.occurredOn, data: { postingId } },
                ]);
            return E.right([
                {
                    type: 'HostApprovalRefused',
                    occurredOn: command.occurredOn,
                    data: {
                        postingId,
                        ...(command.reason === undefined ? {} : { reason: command.reason }),
                    },
                },
            ]);
        }
        case 'AssumeDuties': {
            if (posting.status === 'hostRefused')
                return no('DutiesAfterHostRefusal', `${posting.hostState} refused the officer of posting ${postingId}; nominate, notify and have another officer approved first`);
            if (officer?.notifiedRef === undefined)
                return no('DutiesBeforeNotification', `no appointment to posting ${postingId} has been notified to ${posting.hostState}; notify it before duties are assumed`);
            if (posting.hostApprovalRequired && officer.approval?.decision !== 'granted')
                return no('DutiesBeforeHostApproval', `${posting.hostState} requires prior approval and has not granted it for ${describeOfficer(officer)}`);
            if (officer.dutiesFrom !== undefined)
                return no('DutiesAlreadyAssumed', `${describeOfficer(officer)} assumed duties on ${officer.dutiesFrom} already`);
            if ((0, partial_date_1.isCertainlyBefore)(command.tourEndsOn, command.occurredOn))
                return no('TourEndsBeforeDutiesStart', `a tour ending on ${command.tourEndsOn} cannot start on ${command.occurredOn}; give an end on or after the start`);
            return E.right([
                {
                    type: 'DutiesAssumed',
                    occurredOn: command.occurredOn,
                    data: { postingId, tourEndsOn: command.tourEndsOn },
                },
            ]);
        }
        case 'ExtendTour': {
            if (posting.status !== 'onDuty' || officer?.tourEndsOn === undefined)
                return no('ExtensionOnlyWhileOnDuty', `posting ${postingId} has no officer on duty (it is ${posting.status}); only a tour in progress can be extended`);
            // An extension must extend on every reading of both dates; since the current end is not
            // certainly before the start of duties, neither is a certainly later one.
            if (!(0, partial_date_1.isCertainlyAfter)(command.newEndsOn, officer.tourEndsOn))
                return no('ExtensionMustBeLater', `the tour ends on ${officer.tourEndsOn}; an extension to ${command.newEndsOn} is not certainly later, give a later date`);
            return E.right([
                {
                    type: 'TourExtended',
                    occurredOn: command.occurredOn,
                    data: { postingId, newEndsOn: command.newEndsOn },
                },
            ]);
        }
        case 'RecallOfficer': {
            if (officer === undefined)
                return no('NoOfficerToRecall', `posting ${postingId} has no current officer to recall (it is ${posting.status})`);
            return E.right([
                {
                    type: 'OfficerRecalled',
                    occurredOn: command.occurredOn,
                    data: { postingId, reason: command.reason },
                },
            ]);
        }
        case 'DeclarePersonaNonGrata': {
            if (officer === undefined)
                return no('NoOfficerToDeclarePersonaNonGrata', `posting ${postingId} has no nominated, notified or serving officer to declare persona non grata (it is ${posting.status})`);
            return E.right([
                { type: 'DeclaredPersonaNonGrata', occurredOn: command.occurredOn, data: { postingId } },
            ]);
        }
        case 'EndPosting': {
            if ((0, partial_date_1.isCertainlyBefore)(command.occurredOn, posting.announcedOn))
                return no('PostingEndBeforeStart', `posting ${postingId} was announced on ${posting.announcedOn} and cannot end on ${command.occurredOn}`);
            const dutyStarts = [officer, ...posting.formerOfficers.map((f) => f.officer)].flatMap((o) => o?.dutiesFrom === undefined ? [] : [o.dutiesFrom]);
            const laterStart = dutyStarts.find((from) => (0, partial_date_1.isCertainlyBefore)(command.occurredOn, from));
            if (laterStart !== undefined)
                return no('PostingEndBeforeStart', `duties under posting ${postingId} started on ${laterStart}; the posting cannot end on ${command.occurredOn}`);
            return E.right([
                {
                    type: 'PostingEnded',
                    occurredOn: command.occurredOn,
                    data: { postingId, reason: command.reason },
                },
            ]);
        }
        default: {
            const unknown = command;
            return unknown;
        }
    }
};
