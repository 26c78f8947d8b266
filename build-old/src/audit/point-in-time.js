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
exports.bilateralOverviewAsOf = exports.stateAsOf = exports.isKnownAsOf = void 0;
const E = __importStar(require("fp-ts/Either"));
const command_handler_1 = require("../kernel/command-handler");
const partial_date_1 = require("../kernel/partial-date");
const bilateral_overview_1 = require("../projections/bilateral-overview");
const checkpoint_1 = require("../projections/checkpoint");
const current_states_1 = require("../projections/current-states");
/** Whether an event belongs to the history as seen from `asOf`. */
const isKnownAsOf = (recorded, asOf) => (asOf.revision === undefined || recorded.revision <= asOf.revision) &&
    (asOf.recordedAt === undefined || recorded.recordedAt <= asOf.recordedAt) &&
    (asOf.occurredOn === undefined ||
        (0, partial_date_1.latestDay)(recorded.event.occurredOn) <= (0, partial_date_1.latestDay)(asOf.occurredOn));
exports.isKnownAsOf = isKnownAsOf;
/**
 * The state of one aggregate as seen from `asOf`, folded from the events it selects in the order
 * they were recorded. A late entry about an earlier fact is included when its date qualifies.
 */
const stateAsOf = (store, aggregate, id, asOf) => (0, command_handler_1.loadState)(store, aggregate, id, (recorded) => (0, exports.isKnownAsOf)(recorded, asOf));
exports.stateAsOf = stateAsOf;
/** The bilateral overview of two parties as seen from `asOf` (`revision` does not apply here). */
const bilateralOverviewAsOf = async (store, parties, asOf) => {
    const states = (0, current_states_1.emptyCurrentStates)();
    for await (const decoded of (0, checkpoint_1.readLedgerEvents)(store)) {
        if (E.isLeft(decoded))
            return decoded;
        const recorded = decoded.right;
        if ((0, exports.isKnownAsOf)(recorded, asOf))
            (0, current_states_1.applyToCurrentStates)(states, recorded);
    }
    return E.right((0, bilateral_overview_1.bilateralOverview)(states, parties));
};
exports.bilateralOverviewAsOf = bilateralOverviewAsOf;
