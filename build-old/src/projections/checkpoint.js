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
exports.libraryEvents = exports.checkpointEvents = exports.ProjectionRebuildStarted = exports.ProjectionCheckpointed = exports.PositionText = exports.isCheckpointStream = exports.checkpointStreamOf = exports.CHECKPOINT_CATEGORY = void 0;
exports.readLedgerEvents = readLedgerEvents;
const t = __importStar(require("io-ts"));
const ledger_1 = require("../domain/ledger");
const event_1 = require("../kernel/event");
const event_registry_1 = require("../kernel/event-registry");
const primitives_1 = require("../kernel/primitives");
/** The stream category of projection checkpoints: `ProjectionCheckpoint-<projection name>`. */
exports.CHECKPOINT_CATEGORY = 'ProjectionCheckpoint';
/** Where the runner of the projection `name` keeps its checkpoints. */
const checkpointStreamOf = (projectionName) => `${exports.CHECKPOINT_CATEGORY}-${projectionName}`;
exports.checkpointStreamOf = checkpointStreamOf;
/** True for a checkpoint stream: projections never see these events. */
const isCheckpointStream = (streamId) => (0, event_registry_1.categoryOf)(streamId) === exports.CHECKPOINT_CATEGORY;
exports.isCheckpointStream = isCheckpointStream;
/** A global position written as decimal digits: JSON has no bigint. */
exports.PositionText = (0, primitives_1.checkedString)('PositionText', (s) => /^(0|[1-9][0-9]*)$/.test(s));
const Count = new t.Type('Count', (u) => typeof u === 'number' && Number.isInteger(u) && u >= 0, (u, c) => typeof u === 'number' && Number.isInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c), (n) => n);
/**
 * A projection has applied every event up to `position` (inclusive) in the global order.
 * `snapshot` is the model at that position, in the projection's own JSON form, when the
 * projection keeps one: a restarted runner resumes from it instead of replaying everything.
 */
exports.ProjectionCheckpointed = (0, event_1.eventType)('ProjectionCheckpointed', (0, primitives_1.struct)('ProjectionCheckpointedData', {
    projection: primitives_1.NonEmptyString,
    projectionVersion: primitives_1.PositiveInteger,
    position: exports.PositionText,
    eventsApplied: Count,
}, { snapshot: t.unknown }));
/**
 * The projection's model was dropped: the next run starts from the beginning of the store
 * (asked for, or because the projection's version changed and an old snapshot no longer fits).
 */
exports.ProjectionRebuildStarted = (0, event_1.eventType)('ProjectionRebuildStarted', t.strict({ projection: primitives_1.NonEmptyString, projectionVersion: primitives_1.PositiveInteger, reason: primitives_1.NonEmptyString }, 'ProjectionRebuildStartedData'));
exports.checkpointEvents = (0, event_1.eventCatalog)(exports.ProjectionCheckpointed, exports.ProjectionRebuildStarted);
/**
 * Decodes any event the library writes, checkpoints included: the registry to give the audit
 * trail of a store that projection runners have checkpointed into.
 */
exports.libraryEvents = (0, event_registry_1.eventRegistry)([
    ...ledger_1.aggregates,
    { name: exports.CHECKPOINT_CATEGORY, events: exports.checkpointEvents },
]);
/**
 * The engagements' events in global order, decoded, with the library's own bookkeeping streams
 * (checkpoints) left out: what a read model of engagements folds. An event that cannot be
 * decoded is yielded as a `Left` in its place.
 */
async function* readLedgerEvents(store) {
    for await (const stored of store.readAll()) {
        if ((0, exports.isCheckpointStream)(stored.streamId))
            continue;
        yield ledger_1.ledgerEvents.decode(stored);
    }
}
