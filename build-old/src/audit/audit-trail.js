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
exports.formatAuditEntry = void 0;
exports.auditTrail = auditTrail;
const E = __importStar(require("fp-ts/Either"));
const event_registry_1 = require("../kernel/event-registry");
const partial_date_1 = require("../kernel/partial-date");
const store_errors_1 = require("../kernel/store-errors");
const integrity_check_1 = require("./integrity-check");
const toEntry = ({ event, metadata, ...stored }, integrity) => ({
    position: stored.position,
    streamId: stored.streamId,
    revision: stored.revision,
    eventId: stored.eventId,
    eventType: event.type,
    occurredOn: event.occurredOn,
    recordedAt: stored.recordedAt,
    actor: metadata.actor,
    onBehalfOf: metadata.onBehalfOf,
    reason: metadata.reason,
    source: metadata.source,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    integrity,
});
async function* readIfPresent(store, streamId) {
    try {
        yield* store.readStream(streamId);
    }
    catch (error) {
        if ((0, store_errors_1.isStoreError)(error, 'StreamNotFound'))
            return;
        throw error;
    }
}
const inRecordedRange = (stored, options) => (options.recordedFrom === undefined || stored.recordedAt >= options.recordedFrom) &&
    (options.recordedTo === undefined || stored.recordedAt <= options.recordedTo);
const inOccurredRange = (occurredOn, options) => (options.occurredFrom === undefined ||
    (0, partial_date_1.latestDay)(occurredOn) >= (0, partial_date_1.earliestDay)(options.occurredFrom)) &&
    (options.occurredTo === undefined || (0, partial_date_1.earliestDay)(occurredOn) <= (0, partial_date_1.latestDay)(options.occurredTo));
/**
 * Every recorded change, one entry per event, in the order of the store (or of the stream),
 * streamed through constant memory. Each entry says whether its integrity link holds; the chain
 * is checked from the start of each stream even when the entries shown are filtered. An event
 * that cannot be decoded is reported in its place (as a `Left`), never skipped and never fatal.
 */
async function* auditTrail(store, registry, options = {}) {
    const checker = (0, integrity_check_1.createChainChecker)();
    const events = options.streamId === undefined ? store.readAll() : readIfPresent(store, options.streamId);
    for await (const stored of events) {
        if (options.aggregate !== undefined && (0, event_registry_1.categoryOf)(stored.streamId) !== options.aggregate)
            continue;
        const { finding } = checker.check(stored);
        if (!inRecordedRange(stored, options))
            continue;
        const integrity = finding?.problem ?? 'intact';
        const decoded = registry.decode(stored);
        if (E.isLeft(decoded)) {
            yield E.left({ error: decoded.left, integrity });
            continue;
        }
        if (!inOccurredRange(decoded.right.event.occurredOn, options))
            continue;
        yield E.right(toEntry(decoded.right, integrity));
    }
}
const describeSource = (source) => [source.reference, source.url].filter((part) => part !== undefined).join(' ');
/** One line a person can read: when, where, what, who for whom, why, on what source, and the link. */
const formatAuditEntry = (entry) => `${entry.occurredOn.padEnd(10)} recorded ${entry.recordedAt.toISOString()}  ${entry.streamId}@${entry.revision} ${entry.eventType}  by ${entry.actor} for ${entry.onBehalfOf}: ${entry.reason} [${describeSource(entry.source)}]${entry.integrity === 'intact' ? '' : `  INTEGRITY: ${entry.integrity}`}`;
exports.formatAuditEntry = formatAuditEntry;
