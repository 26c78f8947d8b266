"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.refuse = exports.fold = void 0;
const Either_1 = require("fp-ts/Either");
/** Rebuilds a state from its history. */
const fold = (decider, events) => {
    let state = decider.initialState;
    for (const event of events)
        state = decider.evolve(state, event);
    return state;
};
exports.fold = fold;
/** A refusal, ready to return from `decide`. */
const refuse = (aggregate, rule, message) => (0, Either_1.left)({ kind: 'RuleViolated', aggregate, rule, message });
exports.refuse = refuse;
