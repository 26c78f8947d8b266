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
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DrugLiaisonPosting = void 0;
const commands_1 = require("./commands");
const decide_1 = require("./decide");
const events_1 = require("./events");
const evolve_1 = require("./evolve");
const state_1 = require("./state");
const party_1 = require("../shared/party");
__exportStar(require("./commands"), exports);
__exportStar(require("./decide"), exports);
__exportStar(require("./events"), exports);
__exportStar(require("./evolve"), exports);
__exportStar(require("./state"), exports);
/**
 * A liaison officer posting at a mission abroad, under the Vienna Convention on Diplomatic
 * Relations: the sending state nominates and notifies, the host may have to approve first and may
 * declare the officer persona non grata at any time, and the sending state may recall and renominate.
 */
exports.DrugLiaisonPosting = {
    name: 'DrugLiaisonPosting',
    commands: commands_1.DrugLiaisonPostingCommand,
    events: events_1.drugLiaisonPostingEvents,
    idOf: (command) => command.postingId,
    onBehalfOf: party_1.Party,
    initialState: state_1.initialDrugLiaisonPostingState,
    decide: decide_1.decideDrugLiaisonPosting,
    evolve: evolve_1.evolveDrugLiaisonPosting,
};
