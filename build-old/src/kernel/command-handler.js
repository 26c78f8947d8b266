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
exports.loadState = exports.handleCommand = exports.readStreamEvents = void 0;
const E = __importStar(require("fp-ts/Either"));
const decode_1 = require("./decode");
const aggregate_1 = require("./aggregate");
const event_id_1 = require("./event-id");
const recorded_event_1 = require("./recorded-event");
const store_errors_1 = require("./store-errors");
const validation_1 = require("./validation");
/** Reads and decodes a whole stream; a missing or soft-deleted stream is empty. */
const readStreamEvents = async (store, aggregate, streamId) => {
    const events = [];
    try {
        for await (const stored of store.readStream(streamId)) {
            const decoded = (0, recorded_event_1.decodeRecordedEvent)(aggregate.events, stored);
            if (E.isLeft(decoded))
                return decoded;
            events.push(decoded.right);
        }
    }
    catch (error) {
        if ((0, store_errors_1.isStoreError)(error, 'StreamNotFound'))
            return E.right({ events: [], deleted: false });
        if ((0, store_errors_1.isStoreError)(error, 'StreamDeleted'))
            return E.right({ events: [], deleted: true });
        throw error;
    }
    return E.right({ events, deleted: false });
};
exports.readStreamEvents = readStreamEvents;
const TOMBSTONED = 'tombstoned';
/** Adds events to a fold, noting their command ids and those of the command being handled. */
const folder = (evolve, commandId, state, commandIds) => {
    let folded = state;
    let ids;
    const earlier = [];
    let last;
    let added = 0;
    return {
        add: (recorded) => {
            folded = evolve(folded, recorded.event);
            added++;
            const { causationId } = recorded.metadata;
            if (!commandIds.has(causationId))
                (ids ??= new Set(commandIds)).add(causationId);
            if (causationId === commandId)
                earlier.push(recorded.event);
            last = {
                revision: recorded.revision,
                lastEventId: recorded.eventId,
                lastHash: recorded.metadata.integrity.hash,
            };
        },
        /** `cached`: the fold started from the cache, so it is news only if events were added. */
        result: (before, cached) => ({
            state: folded,
            last: last ?? before,
            commandIds: ids ?? commandIds,
            earlier,
            news: !cached || added > 0,
        }),
    };
};
/** Reads the whole stream and folds it. */
const foldWholeStream = async (store, aggregate, streamId, commandId) => {
    const loaded = await (0, exports.readStreamEvents)(store, aggregate, streamId);
    if (E.isLeft(loaded))
        return loaded;
    if (loaded.right.deleted)
        return E.right(TOMBSTONED);
    const fold = folder(aggregate.evolve, commandId, aggregate.initialState, new Set());
    for (const recorded of loaded.right.events)
        fold.add(recorded);
    return E.right(fold.result(undefined, false));
};
/**
 * Brings a cached fold up to date with the events appended after it, or answers `undefined`
 * when it cannot be used: the command was seen before it (its events are needed), or the event
 * it ends on is no longer at its place (deleted, recreated, rewritten).
 */
const catchUp = async (store, aggregate, streamId, commandId, cached) => {
    if (cached.commandIds.has(commandId))
        return E.right(undefined);
    const fold = folder(aggregate.evolve, commandId, cached.state, cached.commandIds);
    let confirmed = false;
    try {
        for await (const stored of store.readStream(streamId, { fromRevision: cached.revision })) {
            if (!confirmed) {
                if (stored.revision !== cached.revision || stored.eventId !== cached.lastEventId)
                    return E.right(undefined);
                confirmed = true;
                continue;
            }
            const decoded = (0, recorded_event_1.decodeRecordedEvent)(aggregate.events, stored);
            if (E.isLeft(decoded))
                return decoded;
            fold.add(decoded.right);
        }
    }
    catch (error) {
        if ((0, store_errors_1.isStoreError)(error, 'StreamNotFound') || (0, store_errors_1.isStoreError)(error, 'StreamDeleted'))
            return E.right(undefined);
        throw error;
    }
    if (!confirmed)
        return E.right(undefined);
    const { revision, lastEventId, lastHash } = cached;
    return E.right(fold.result({ revision, lastEventId, lastHash }, true));
};
const readFold = async (store, aggregate, streamId, commandId, cache) => {
    const cached = cache?.get(store, aggregate, streamId);
    if (cached !== undefined) {
        const caughtUp = await catchUp(store, aggregate, streamId, commandId, cached);
        if (E.isLeft(caughtUp))
            return caughtUp;
        if (caughtUp.right !== undefined)
            return E.right(caughtUp.right);
        cache?.forget(store, streamId);
    }
    return foldWholeStream(store, aggregate, streamId, commandId);
};
const remember = (cache, store, aggregate, streamId, fold) => {
    if (cache === undefined || fold.last === undefined)
        return;
    cache.set(store, aggregate, streamId, {
        ...fold.last,
        state: fold.state,
        commandIds: fold.commandIds,
    });
};
const invalidCommand = (where, issues) => {
    const prefixed = issues.map((i) => ({
        ...i,
        path: i.path === '(root)' ? where : `${where}.${i.path}`,
    }));
    return { kind: 'InvalidCommand', issues: prefixed, message: `invalid ${(0, validation_1.formatIssues)(prefixed)}` };
};
const deleted = (streamId) => ({
    kind: 'StreamDeleted',
    streamId,
    message: `${streamId} is deleted for good and takes no more events`,
});
/**
 * Handles one command against one aggregate on any store: read the stream, fold, decide, append
 * with the revision that was read. When another writer got in first the whole cycle runs again,
 * up to `maxAttempts` times. A command whose id is already in the stream is answered from the
 * stream and writes nothing, so a retry after a lost reply is safe.
 *
 * Refusals are values; only a store that cannot be reached (or another infrastructure fault)
 * rejects the promise.
 */
const handleCommand = async (store, aggregate, command, context, options = {}) => {
    const validContext = (0, decode_1.decode)(recorded_event_1.CommandContext, context);
    if (E.isLeft(validContext))
        return E.left(invalidCommand('context', (0, validation_1.toIssues)(validContext.left)));
    const validParty = aggregate.onBehalfOf === undefined
        ? undefined
        : (0, decode_1.decode)(aggregate.onBehalfOf, validContext.right.onBehalfOf);
    if (validParty !== undefined && E.isLeft(validParty))
        return E.left(invalidCommand('context.onBehalfOf', (0, validation_1.toIssues)(validParty.left)));
    const validCommand = (0, decode_1.decode)(aggregate.commands, command);
    if (E.isLeft(validCommand))
        return E.left(invalidCommand(command.type ?? 'command', (0, validation_1.toIssues)(validCommand.left)));
    const cmd = validCommand.right;
    const ctx = validContext.right;
    const streamId = (0, aggregate_1.streamIdOf)(aggregate.name, aggregate.idOf(cmd));
    const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    const { cache } = options;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const read = await readFold(store, aggregate, streamId, ctx.commandId, cache);
        if (E.isLeft(read))
            return E.left({ kind: 'CorruptHistory', error: read.left, message: read.left.message });
        if (read.right === TOMBSTONED)
            return E.left(deleted(streamId));
        const fold = read.right;
        const { state } = fold;
        const revision = fold.last?.revision;
        if (fold.news)
            remember(cache, store, aggregate, streamId, fold);
        if (fold.earlier.length > 0)
            return E.right({
                streamId,
                events: fold.earlier,
                state,
                revision,
                alreadyHandled: true,
            });
        const decision = aggregate.decide(cmd, state);
        if (E.isLeft(decision))
            return decision;
        const events = decision.right;
        if (events.length === 0)
            return E.right({ streamId, events, state, revision, alreadyHandled: false });
        const toAppend = [];
        let previousHash = fold.last?.lastHash ?? null;
        for (const [index, event] of events.entries()) {
            const encoded = (0, recorded_event_1.encodeEvent)(aggregate.events, event, {
                streamId,
                eventId: (0, event_id_1.eventIdFor)(ctx.commandId, index),
                previousHash,
                metadata: {
                    actor: ctx.actor,
                    onBehalfOf: ctx.onBehalfOf,
                    reason: ctx.reason,
                    source: ctx.source,
                    correlationId: ctx.correlationId ?? ctx.commandId,
                    causationId: ctx.commandId,
                },
            });
            if (E.isLeft(encoded))
                return encoded;
            const { integrity, ...append } = encoded.right;
            toAppend.push(append);
            previousHash = integrity.hash;
        }
        const expectedRevision = revision ?? 'no_stream';
        let appended;
        try {
            appended = await store.appendToStream(streamId, toAppend, { expectedRevision });
        }
        catch (error) {
            if ((0, store_errors_1.isStoreError)(error, 'ConcurrencyConflict'))
                continue;
            if ((0, store_errors_1.isStoreError)(error, 'StreamDeleted')) {
                cache?.forget(store, streamId);
                return E.left(deleted(streamId));
            }
            throw error;
        }
        let after = state;
        for (const event of events)
            after = aggregate.evolve(after, event);
        const lastAppended = toAppend[toAppend.length - 1];
        // Only events that landed right after the fold extend it; an idempotent answer about an
        // earlier append does not say what the stream holds now.
        if (lastAppended !== undefined &&
            previousHash !== null &&
            appended.nextExpectedRevision === (revision ?? -1n) + BigInt(toAppend.length))
            remember(cache, store, aggregate, streamId, {
                state: after,
                last: {
                    revision: appended.nextExpectedRevision,
                    lastEventId: lastAppended.eventId,
                    lastHash: previousHash,
                },
                commandIds: new Set(fold.commandIds).add(ctx.commandId),
            });
        else
            cache?.forget(store, streamId);
        return E.right({
            streamId,
            events,
            state: after,
            revision: appended.nextExpectedRevision,
            alreadyHandled: false,
        });
    }
    return E.left({
        kind: 'ConcurrencyConflict',
        streamId,
        attempts: maxAttempts,
        message: `${streamId} kept changing while the command was decided (${maxAttempts} attempts); try again`,
    });
};
exports.handleCommand = handleCommand;
/**
 * The state of one aggregate, folded from its stream. `include` leaves events out of the fold
 * (a point-in-time read keeps only what was known then); by default every event counts.
 */
const loadState = async (store, aggregate, id, include = () => true) => {
    const loaded = await (0, exports.readStreamEvents)(store, aggregate, (0, aggregate_1.streamIdOf)(aggregate.name, id));
    if (E.isLeft(loaded))
        return loaded;
    let state = aggregate.initialState;
    let revision;
    let eventsApplied = 0;
    for (const recorded of loaded.right.events) {
        if (!include(recorded))
            continue;
        state = aggregate.evolve(state, recorded.event);
        revision = recorded.revision;
        eventsApplied++;
    }
    return E.right({ state, revision, eventsApplied });
};
exports.loadState = loadState;
