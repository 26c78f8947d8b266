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
exports.MoU = void 0;
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
 * A memorandum of understanding (or a treaty-like instrument) between two states, from proposal
 * through negotiation, agreed text and signatures to entry into force and its end: terminated on
 * notice, expired, or withdrawn before it ever entered into force.
 */
exports.MoU = {
    name: 'MoU',
    commands: commands_1.MoUCommand,
    events: events_1.mouEvents,
    idOf: (command) => command.mouId,
    onBehalfOf: party_1.Party,
    initialState: state_1.initialMoUState,
    decide: decide_1.decideMoU,
    evolve: evolve_1.evolveMoU,
};
