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
exports.Tally = exports.MAX_TALLY_BATCH = exports.RecordTallyBatch = exports.TallyCounted = void 0;
const E = __importStar(require("fp-ts/Either"));
const t = __importStar(require("io-ts"));
const decider_1 = require("../../src/kernel/decider");
const event_1 = require("../../src/kernel/event");
const partial_date_1 = require("../../src/kernel/partial-date");
const primitives_1 = require("../../src/kernel/primitives");
/**
 * A small aggregate whose one command records several events at once, so tests of the SQLite
 * store can check that a whole batch (with its integrity chain) lands or none of it does.
 */
exports.TallyCounted = (0, event_1.eventType)('TallyCounted', t.strict({ tallyId: primitives_1.EngagementId, batchId: t.string, index: t.number, of: t.number }));
exports.RecordTallyBatch = t.strict({
    type: t.literal('RecordTallyBatch'),
    tallyId: primitives_1.EngagementId,
    batchId: t.string,
    count: primitives_1.PositiveInteger,
    occurredOn: partial_date_1.PartialDate,
});
exports.MAX_TALLY_BATCH = 20;
exports.Tally = {
    name: 'Tally',
    commands: exports.RecordTallyBatch,
    events: (0, event_1.eventCatalog)(exports.TallyCounted),
    idOf: (command) => command.tallyId,
    initialState: { counted: 0 },
    decide: (command) => command.count > exports.MAX_TALLY_BATCH
        ? (0, decider_1.refuse)('Tally', 'BatchTooLarge', `a batch of ${command.count} is more than ${exports.MAX_TALLY_BATCH}; split it`)
        : E.right(Array.from({ length: command.count }, (_, index) => ({
            type: 'TallyCounted',
            occurredOn: command.occurredOn,
            data: { tallyId: command.tallyId, batchId: command.batchId, index, of: command.count },
        }))),
    evolve: (state) => ({ counted: state.counted + 1 }),
};
