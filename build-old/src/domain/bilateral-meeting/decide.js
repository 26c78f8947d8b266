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
exports.decideBilateralMeeting = void 0;
const E = __importStar(require("fp-ts/Either"));
const decider_1 = require("../../kernel/decider");
const partial_date_1 = require("../../kernel/partial-date");
const delegation_1 = require("../shared/delegation");
const rules_1 = require("../shared/rules");
const no = (rule, message) => (0, decider_1.refuse)('BilateralMeeting', rule, message);
const decideBilateralMeeting = (command, state) => {
    switch (command.type) {
        case 'RecordBilateralMeeting': {
            if (state.status !== 'unrecorded')
                return no('MeetingAlreadyRecorded', `meeting ${command.meetingId} is already recorded`);
            const { parties, hostParty, delegations } = command;
            if (!(0, rules_1.areDistinct)(parties))
                return no('PartiesMustDiffer', `a bilateral meeting needs two different parties, got ${parties[0]} twice`);
            if (!(0, rules_1.isOneOf)(hostParty, parties))
                return no('HostMustBeAParty', `host ${hostParty} is not one of the parties ${parties.join(', ')}`);
            const problem = (0, delegation_1.delegationProblem)(delegations, parties);
            if (problem !== undefined)
                return no(problem.rule, problem.message);
            return E.right([
                {
                    type: 'BilateralMeetingHeld',
                    occurredOn: command.occurredOn,
                    data: {
                        meetingId: command.meetingId,
                        parties,
                        hostParty,
                        venue: command.venue,
                        delegations,
                        ...(command.title === undefined ? {} : { title: command.title }),
                    },
                },
            ]);
        }
        case 'RecordMeetingOutcome': {
            if (state.status !== 'held')
                return no('MeetingNotRecorded', `record meeting ${command.meetingId} before its outcomes`);
            if ((0, partial_date_1.isCertainlyBefore)(command.occurredOn, state.occurredOn))
                return no('OutcomeBeforeMeeting', `an outcome on ${command.occurredOn} cannot come from a meeting held on ${state.occurredOn}`);
            if (state.outcomes.some((o) => o.outcomeId === command.outcomeId))
                return no('OutcomeAlreadyRecorded', `outcome ${command.outcomeId} is already recorded`);
            if (command.byParty !== undefined && !(0, rules_1.isOneOf)(command.byParty, state.parties))
                return no('OutcomePartyMustBeAParty', `${command.byParty} is not a party to meeting ${state.meetingId}`);
            return E.right([
                {
                    type: 'MeetingOutcomeRecorded',
                    occurredOn: command.occurredOn,
                    data: {
                        meetingId: state.meetingId,
                        outcomeId: command.outcomeId,
                        kind: command.kind,
                        summary: command.summary,
                        ...(command.byParty === undefined ? {} : { byParty: command.byParty }),
                        ...(command.leadsTo === undefined ? {} : { leadsTo: command.leadsTo }),
                    },
                },
            ]);
        }
        case 'NoteSourcedFact': {
            if (state.status !== 'held')
                return no('MeetingNotRecorded', `record meeting ${command.meetingId} before facts about it`);
            if (state.facts.some((f) => f.factId === command.factId))
                return no('FactAlreadyNoted', `fact ${command.factId} is already noted`);
            return E.right([
                {
                    type: 'SourcedFactNoted',
                    occurredOn: command.occurredOn,
                    data: {
                        meetingId: state.meetingId,
                        factId: command.factId,
                        statement: command.statement,
                        ...(command.statedBy === undefined ? {} : { statedBy: command.statedBy }),
                    },
                },
            ]);
        }
        default: {
            const unknown = command;
            return unknown;
        }
    }
};
exports.decideBilateralMeeting = decideBilateralMeeting;
