"use strict";
/**
 * diplomatic-ledger: event-sourced records of diplomatic and security engagements between states.
 * Everything a user needs is exported here by name.
 */
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
exports.escapeMermaidText = exports.compareTimelineEntries = exports.formatBilateralOverview = exports.bilateralOverviews = exports.bilateralOverview = exports.readCurrentStates = exports.emptyCurrentStates = exports.currentStatesProjection = exports.applyToCurrentStates = exports.ledgerEvents = exports.aggregates = exports.createInMemoryEventStore = exports.isStoreError = exports.StreamNotFoundError = exports.StreamDeletedError = exports.StoreUnavailableError = exports.StoreError = exports.InvalidAppendError = exports.ConcurrencyConflictError = exports.formatIssues = exports.SourceKind = exports.Source = exports.PositiveInteger = exports.NonEmptyString = exports.EngagementId = exports.mayBeOnOrAfter = exports.latestDay = exports.isPartialDate = exports.isCertainlyBefore = exports.isCertainlyAfter = exports.earliestDay = exports.dayOfNumber = exports.dayNumber = exports.PartialDate = exports.encodeEvent = exports.decodeRecordedEvent = exports.EventMetadata = exports.CommandContext = exports.createStateCache = exports.loadState = exports.handleCommand = exports.eventRegistry = exports.categoryOf = exports.eventIdFor = exports.EVENT_ID_NAMESPACE = exports.eventType = exports.eventCatalog = exports.refuse = exports.fold = exports.streamIdOf = void 0;
exports.openSqliteEventStore = exports.SQLITE_SCHEMA_VERSION = exports.LEDGER_APPLICATION_ID = exports.recordPakistanBahrain2025 = exports.pakistanBahrainParties = exports.openEventStore = exports.defaultStoreSpec = exports.DEFAULT_STORE_FILE = exports.createEventStoreDBEventStore = exports.sha256 = exports.sealEvent = exports.foldDigest = exports.canonicalJson = exports.IntegrityLink = exports.EMPTY_DIGEST = exports.linesOfFile = exports.importHistoryFile = exports.importHistory = exports.exportHistoryToFile = exports.exportHistory = exports.HISTORY_FORMAT_VERSION = exports.HISTORY_FORMAT = exports.stateAsOf = exports.isKnownAsOf = exports.bilateralOverviewAsOf = exports.verifyStream = exports.verifyAll = exports.formatVerificationReport = exports.createChainChecker = exports.formatAuditEntry = exports.auditTrail = exports.readLedgerEvents = exports.libraryEvents = exports.isCheckpointStream = exports.checkpointStreamOf = exports.checkpointEvents = exports.ProjectionRebuildStarted = exports.ProjectionCheckpointed = exports.PositionText = exports.CHECKPOINT_CATEGORY = exports.startProjection = exports.runProjection = exports.timelineEntries = exports.renderTextTimeline = exports.renderMermaidTimeline = exports.readTimeline = void 0;
var aggregate_1 = require("./kernel/aggregate");
Object.defineProperty(exports, "streamIdOf", { enumerable: true, get: function () { return aggregate_1.streamIdOf; } });
var decider_1 = require("./kernel/decider");
Object.defineProperty(exports, "fold", { enumerable: true, get: function () { return decider_1.fold; } });
Object.defineProperty(exports, "refuse", { enumerable: true, get: function () { return decider_1.refuse; } });
var event_1 = require("./kernel/event");
Object.defineProperty(exports, "eventCatalog", { enumerable: true, get: function () { return event_1.eventCatalog; } });
Object.defineProperty(exports, "eventType", { enumerable: true, get: function () { return event_1.eventType; } });
var event_id_1 = require("./kernel/event-id");
Object.defineProperty(exports, "EVENT_ID_NAMESPACE", { enumerable: true, get: function () { return event_id_1.EVENT_ID_NAMESPACE; } });
Object.defineProperty(exports, "eventIdFor", { enumerable: true, get: function () { return event_id_1.eventIdFor; } });
var event_registry_1 = require("./kernel/event-registry");
Object.defineProperty(exports, "categoryOf", { enumerable: true, get: function () { return event_registry_1.categoryOf; } });
Object.defineProperty(exports, "eventRegistry", { enumerable: true, get: function () { return event_registry_1.eventRegistry; } });
var command_handler_1 = require("./kernel/command-handler");
Object.defineProperty(exports, "handleCommand", { enumerable: true, get: function () { return command_handler_1.handleCommand; } });
Object.defineProperty(exports, "loadState", { enumerable: true, get: function () { return command_handler_1.loadState; } });
var state_cache_1 = require("./kernel/state-cache");
Object.defineProperty(exports, "createStateCache", { enumerable: true, get: function () { return state_cache_1.createStateCache; } });
var recorded_event_1 = require("./kernel/recorded-event");
Object.defineProperty(exports, "CommandContext", { enumerable: true, get: function () { return recorded_event_1.CommandContext; } });
Object.defineProperty(exports, "EventMetadata", { enumerable: true, get: function () { return recorded_event_1.EventMetadata; } });
Object.defineProperty(exports, "decodeRecordedEvent", { enumerable: true, get: function () { return recorded_event_1.decodeRecordedEvent; } });
Object.defineProperty(exports, "encodeEvent", { enumerable: true, get: function () { return recorded_event_1.encodeEvent; } });
var partial_date_1 = require("./kernel/partial-date");
Object.defineProperty(exports, "PartialDate", { enumerable: true, get: function () { return partial_date_1.PartialDate; } });
Object.defineProperty(exports, "dayNumber", { enumerable: true, get: function () { return partial_date_1.dayNumber; } });
Object.defineProperty(exports, "dayOfNumber", { enumerable: true, get: function () { return partial_date_1.dayOfNumber; } });
Object.defineProperty(exports, "earliestDay", { enumerable: true, get: function () { return partial_date_1.earliestDay; } });
Object.defineProperty(exports, "isCertainlyAfter", { enumerable: true, get: function () { return partial_date_1.isCertainlyAfter; } });
Object.defineProperty(exports, "isCertainlyBefore", { enumerable: true, get: function () { return partial_date_1.isCertainlyBefore; } });
Object.defineProperty(exports, "isPartialDate", { enumerable: true, get: function () { return partial_date_1.isPartialDate; } });
Object.defineProperty(exports, "latestDay", { enumerable: true, get: function () { return partial_date_1.latestDay; } });
Object.defineProperty(exports, "mayBeOnOrAfter", { enumerable: true, get: function () { return partial_date_1.mayBeOnOrAfter; } });
var primitives_1 = require("./kernel/primitives");
Object.defineProperty(exports, "EngagementId", { enumerable: true, get: function () { return primitives_1.EngagementId; } });
Object.defineProperty(exports, "NonEmptyString", { enumerable: true, get: function () { return primitives_1.NonEmptyString; } });
Object.defineProperty(exports, "PositiveInteger", { enumerable: true, get: function () { return primitives_1.PositiveInteger; } });
var source_1 = require("./kernel/source");
Object.defineProperty(exports, "Source", { enumerable: true, get: function () { return source_1.Source; } });
Object.defineProperty(exports, "SourceKind", { enumerable: true, get: function () { return source_1.SourceKind; } });
var validation_1 = require("./kernel/validation");
Object.defineProperty(exports, "formatIssues", { enumerable: true, get: function () { return validation_1.formatIssues; } });
var store_errors_1 = require("./kernel/store-errors");
Object.defineProperty(exports, "ConcurrencyConflictError", { enumerable: true, get: function () { return store_errors_1.ConcurrencyConflictError; } });
Object.defineProperty(exports, "InvalidAppendError", { enumerable: true, get: function () { return store_errors_1.InvalidAppendError; } });
Object.defineProperty(exports, "StoreError", { enumerable: true, get: function () { return store_errors_1.StoreError; } });
Object.defineProperty(exports, "StoreUnavailableError", { enumerable: true, get: function () { return store_errors_1.StoreUnavailableError; } });
Object.defineProperty(exports, "StreamDeletedError", { enumerable: true, get: function () { return store_errors_1.StreamDeletedError; } });
Object.defineProperty(exports, "StreamNotFoundError", { enumerable: true, get: function () { return store_errors_1.StreamNotFoundError; } });
Object.defineProperty(exports, "isStoreError", { enumerable: true, get: function () { return store_errors_1.isStoreError; } });
// Stores
var in_memory_event_store_1 = require("./store/in-memory-event-store");
Object.defineProperty(exports, "createInMemoryEventStore", { enumerable: true, get: function () { return in_memory_event_store_1.createInMemoryEventStore; } });
// The domain
__exportStar(require("./domain/shared/party"), exports);
__exportStar(require("./domain/shared/post"), exports);
__exportStar(require("./domain/bilateral-meeting"), exports);
__exportStar(require("./domain/joint-working-group"), exports);
__exportStar(require("./domain/mou"), exports);
__exportStar(require("./domain/drug-liaison-posting"), exports);
var ledger_1 = require("./domain/ledger");
Object.defineProperty(exports, "aggregates", { enumerable: true, get: function () { return ledger_1.aggregates; } });
Object.defineProperty(exports, "ledgerEvents", { enumerable: true, get: function () { return ledger_1.ledgerEvents; } });
// Read models
var current_states_1 = require("./projections/current-states");
Object.defineProperty(exports, "applyToCurrentStates", { enumerable: true, get: function () { return current_states_1.applyToCurrentStates; } });
Object.defineProperty(exports, "currentStatesProjection", { enumerable: true, get: function () { return current_states_1.currentStatesProjection; } });
Object.defineProperty(exports, "emptyCurrentStates", { enumerable: true, get: function () { return current_states_1.emptyCurrentStates; } });
Object.defineProperty(exports, "readCurrentStates", { enumerable: true, get: function () { return current_states_1.readCurrentStates; } });
var bilateral_overview_1 = require("./projections/bilateral-overview");
Object.defineProperty(exports, "bilateralOverview", { enumerable: true, get: function () { return bilateral_overview_1.bilateralOverview; } });
Object.defineProperty(exports, "bilateralOverviews", { enumerable: true, get: function () { return bilateral_overview_1.bilateralOverviews; } });
Object.defineProperty(exports, "formatBilateralOverview", { enumerable: true, get: function () { return bilateral_overview_1.formatBilateralOverview; } });
// Read models: the timeline by occurredOn
var timeline_1 = require("./projections/timeline");
Object.defineProperty(exports, "compareTimelineEntries", { enumerable: true, get: function () { return timeline_1.compareTimelineEntries; } });
Object.defineProperty(exports, "escapeMermaidText", { enumerable: true, get: function () { return timeline_1.escapeMermaidText; } });
Object.defineProperty(exports, "readTimeline", { enumerable: true, get: function () { return timeline_1.readTimeline; } });
Object.defineProperty(exports, "renderMermaidTimeline", { enumerable: true, get: function () { return timeline_1.renderMermaidTimeline; } });
Object.defineProperty(exports, "renderTextTimeline", { enumerable: true, get: function () { return timeline_1.renderTextTimeline; } });
Object.defineProperty(exports, "timelineEntries", { enumerable: true, get: function () { return timeline_1.timelineEntries; } });
// The projection runner and its checkpoints
var runner_1 = require("./projections/runner");
Object.defineProperty(exports, "runProjection", { enumerable: true, get: function () { return runner_1.runProjection; } });
Object.defineProperty(exports, "startProjection", { enumerable: true, get: function () { return runner_1.startProjection; } });
var checkpoint_1 = require("./projections/checkpoint");
Object.defineProperty(exports, "CHECKPOINT_CATEGORY", { enumerable: true, get: function () { return checkpoint_1.CHECKPOINT_CATEGORY; } });
Object.defineProperty(exports, "PositionText", { enumerable: true, get: function () { return checkpoint_1.PositionText; } });
Object.defineProperty(exports, "ProjectionCheckpointed", { enumerable: true, get: function () { return checkpoint_1.ProjectionCheckpointed; } });
Object.defineProperty(exports, "ProjectionRebuildStarted", { enumerable: true, get: function () { return checkpoint_1.ProjectionRebuildStarted; } });
Object.defineProperty(exports, "checkpointEvents", { enumerable: true, get: function () { return checkpoint_1.checkpointEvents; } });
Object.defineProperty(exports, "checkpointStreamOf", { enumerable: true, get: function () { return checkpoint_1.checkpointStreamOf; } });
Object.defineProperty(exports, "isCheckpointStream", { enumerable: true, get: function () { return checkpoint_1.isCheckpointStream; } });
Object.defineProperty(exports, "libraryEvents", { enumerable: true, get: function () { return checkpoint_1.libraryEvents; } });
Object.defineProperty(exports, "readLedgerEvents", { enumerable: true, get: function () { return checkpoint_1.readLedgerEvents; } });
// Audit
var audit_trail_1 = require("./audit/audit-trail");
Object.defineProperty(exports, "auditTrail", { enumerable: true, get: function () { return audit_trail_1.auditTrail; } });
Object.defineProperty(exports, "formatAuditEntry", { enumerable: true, get: function () { return audit_trail_1.formatAuditEntry; } });
var integrity_check_1 = require("./audit/integrity-check");
Object.defineProperty(exports, "createChainChecker", { enumerable: true, get: function () { return integrity_check_1.createChainChecker; } });
var verify_1 = require("./audit/verify");
Object.defineProperty(exports, "formatVerificationReport", { enumerable: true, get: function () { return verify_1.formatVerificationReport; } });
Object.defineProperty(exports, "verifyAll", { enumerable: true, get: function () { return verify_1.verifyAll; } });
Object.defineProperty(exports, "verifyStream", { enumerable: true, get: function () { return verify_1.verifyStream; } });
var point_in_time_1 = require("./audit/point-in-time");
Object.defineProperty(exports, "bilateralOverviewAsOf", { enumerable: true, get: function () { return point_in_time_1.bilateralOverviewAsOf; } });
Object.defineProperty(exports, "isKnownAsOf", { enumerable: true, get: function () { return point_in_time_1.isKnownAsOf; } });
Object.defineProperty(exports, "stateAsOf", { enumerable: true, get: function () { return point_in_time_1.stateAsOf; } });
var history_file_1 = require("./audit/history-file");
Object.defineProperty(exports, "HISTORY_FORMAT", { enumerable: true, get: function () { return history_file_1.HISTORY_FORMAT; } });
Object.defineProperty(exports, "HISTORY_FORMAT_VERSION", { enumerable: true, get: function () { return history_file_1.HISTORY_FORMAT_VERSION; } });
Object.defineProperty(exports, "exportHistory", { enumerable: true, get: function () { return history_file_1.exportHistory; } });
Object.defineProperty(exports, "exportHistoryToFile", { enumerable: true, get: function () { return history_file_1.exportHistoryToFile; } });
Object.defineProperty(exports, "importHistory", { enumerable: true, get: function () { return history_file_1.importHistory; } });
Object.defineProperty(exports, "importHistoryFile", { enumerable: true, get: function () { return history_file_1.importHistoryFile; } });
Object.defineProperty(exports, "linesOfFile", { enumerable: true, get: function () { return history_file_1.linesOfFile; } });
var integrity_1 = require("./kernel/integrity");
Object.defineProperty(exports, "EMPTY_DIGEST", { enumerable: true, get: function () { return integrity_1.EMPTY_DIGEST; } });
Object.defineProperty(exports, "IntegrityLink", { enumerable: true, get: function () { return integrity_1.IntegrityLink; } });
Object.defineProperty(exports, "canonicalJson", { enumerable: true, get: function () { return integrity_1.canonicalJson; } });
Object.defineProperty(exports, "foldDigest", { enumerable: true, get: function () { return integrity_1.foldDigest; } });
Object.defineProperty(exports, "sealEvent", { enumerable: true, get: function () { return integrity_1.sealEvent; } });
Object.defineProperty(exports, "sha256", { enumerable: true, get: function () { return integrity_1.sha256; } });
// EventStoreDB
var eventstoredb_event_store_1 = require("./store/eventstoredb-event-store");
Object.defineProperty(exports, "createEventStoreDBEventStore", { enumerable: true, get: function () { return eventstoredb_event_store_1.createEventStoreDBEventStore; } });
var open_store_1 = require("./store/open-store");
Object.defineProperty(exports, "DEFAULT_STORE_FILE", { enumerable: true, get: function () { return open_store_1.DEFAULT_STORE_FILE; } });
Object.defineProperty(exports, "defaultStoreSpec", { enumerable: true, get: function () { return open_store_1.defaultStoreSpec; } });
Object.defineProperty(exports, "openEventStore", { enumerable: true, get: function () { return open_store_1.openEventStore; } });
// The worked case
var pakistan_bahrain_2025_1 = require("./demo/pakistan-bahrain-2025");
Object.defineProperty(exports, "pakistanBahrainParties", { enumerable: true, get: function () { return pakistan_bahrain_2025_1.pakistanBahrainParties; } });
Object.defineProperty(exports, "recordPakistanBahrain2025", { enumerable: true, get: function () { return pakistan_bahrain_2025_1.recordPakistanBahrain2025; } });
// The embedded store (SQLite)
var sqlite_schema_1 = require("./store/sqlite-schema");
Object.defineProperty(exports, "LEDGER_APPLICATION_ID", { enumerable: true, get: function () { return sqlite_schema_1.LEDGER_APPLICATION_ID; } });
Object.defineProperty(exports, "SQLITE_SCHEMA_VERSION", { enumerable: true, get: function () { return sqlite_schema_1.SQLITE_SCHEMA_VERSION; } });
var sqlite_event_store_1 = require("./store/sqlite-event-store");
Object.defineProperty(exports, "openSqliteEventStore", { enumerable: true, get: function () { return sqlite_event_store_1.openSqliteEventStore; } });
