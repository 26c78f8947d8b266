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
exports.readCurrentStates = exports.currentStatesProjection = exports.applyToCurrentStates = exports.emptyCurrentStates = void 0;
const E = __importStar(require("fp-ts/Either"));
const bilateral_meeting_1 = require("../domain/bilateral-meeting");
const drug_liaison_posting_1 = require("../domain/drug-liaison-posting");
const joint_working_group_1 = require("../domain/joint-working-group");
const ledger_1 = require("../domain/ledger");
const mou_1 = require("../domain/mou");
const event_registry_1 = require("../kernel/event-registry");
const runner_1 = require("./runner");
const emptyCurrentStates = () => ({
    meetings: new Map(),
    jointWorkingGroups: new Map(),
    mous: new Map(),
    postings: new Map(),
    position: undefined,
});
exports.emptyCurrentStates = emptyCurrentStates;
/** The aggregate id of a stream: its name after the category (`MoU-extradition` → `extradition`). */
const idOf = (streamId) => streamId.slice((0, event_registry_1.categoryOf)(streamId).length + 1);
const evolveIn = (states, aggregate, id, event) => {
    states.set(id, aggregate.evolve(states.get(id) ?? aggregate.initialState, event));
};
/**
 * Applies one recorded event. The maps are updated in place: a fold over a long history must not
 * copy every state it holds at every step.
 */
const applyToCurrentStates = (states, recorded) => {
    const { event } = recorded;
    const id = idOf(recorded.streamId);
    switch ((0, event_registry_1.categoryOf)(recorded.streamId)) {
        case bilateral_meeting_1.BilateralMeeting.name:
            if (bilateral_meeting_1.BilateralMeeting.events.owns(event))
                evolveIn(states.meetings, bilateral_meeting_1.BilateralMeeting, id, event);
            break;
        case joint_working_group_1.JointWorkingGroup.name:
            if (joint_working_group_1.JointWorkingGroup.events.owns(event))
                evolveIn(states.jointWorkingGroups, joint_working_group_1.JointWorkingGroup, id, event);
            break;
        case mou_1.MoU.name:
            if (mou_1.MoU.events.owns(event))
                evolveIn(states.mous, mou_1.MoU, id, event);
            break;
        case drug_liaison_posting_1.DrugLiaisonPosting.name:
            if (drug_liaison_posting_1.DrugLiaisonPosting.events.owns(event))
                evolveIn(states.postings, drug_liaison_posting_1.DrugLiaisonPosting, id, event);
            break;
    }
    states.position = recorded.position;
    return states;
};
exports.applyToCurrentStates = applyToCurrentStates;
/**
 * The current state of every engagement as a projection, to run live with `startProjection`
 * (its model is in memory only: every start replays the store, which a ledger of engagements
 * does quickly).
 */
exports.currentStatesProjection = {
    name: 'CurrentStates',
    version: 1,
    events: ledger_1.ledgerEvents,
    initial: exports.emptyCurrentStates,
    apply: exports.applyToCurrentStates,
};
/**
 * Reads the whole store in global order into the current state of every engagement: a one-shot
 * run of `currentStatesProjection`. Projection checkpoints are passed over. Stops at the first
 * event that cannot be decoded and says which it is.
 */
const readCurrentStates = async (store) => {
    const result = await (0, runner_1.runProjection)(store, exports.currentStatesProjection);
    if (E.isRight(result))
        return E.right(result.right.model);
    const failure = result.left;
    if (failure.kind === 'DecodeFailed')
        return E.left(failure.error);
    // Not a fact about the history: a fault of the store or of this library.
    throw new Error(failure.message, { cause: failure });
};
exports.readCurrentStates = readCurrentStates;
