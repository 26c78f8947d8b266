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
exports.runProjection = exports.startProjection = void 0;
const E = __importStar(require("fp-ts/Either"));
const uuid_1 = require("uuid");
const event_id_1 = require("../kernel/event-id");
const event_registry_1 = require("../kernel/event-registry");
const primitives_1 = require("../kernel/primitives");
const recorded_event_1 = require("../kernel/recorded-event");
const store_errors_1 = require("../kernel/store-errors");
const checkpoint_1 = require("./checkpoint");
const describeError = (error) => error instanceof Error ? error.message : String(error);
const utcDay = (date) => date.toISOString().slice(0, 10);
const checkpointSource = {
    kind: 'other',
    reference: 'diplomatic-ledger projection runner',
};
/** The last event of the checkpoint stream, or `undefined` when there is none yet. */
const readLastCheckpoint = async (store, streamId) => {
    try {
        for await (const stored of store.readStream(streamId, {
            direction: 'backwards',
            maxCount: 1,
        }))
            return stored;
        return undefined;
    }
    catch (error) {
        if ((0, store_errors_1.isStoreError)(error, 'StreamNotFound'))
            return undefined;
        throw error;
    }
};
/**
 * Works out where a run starts from the last checkpoint: its snapshot and position when they
 * fit this version of the projection, otherwise the beginning.
 */
const startingPoint = async (store, projection, rebuild) => {
    const version = projection.version ?? 1;
    const fresh = (chain, rebuildReason) => ({
        model: projection.initial(),
        position: undefined,
        eventsApplied: 0,
        chain,
        rebuildReason,
    });
    const stored = await readLastCheckpoint(store, (0, checkpoint_1.checkpointStreamOf)(projection.name));
    if (stored === undefined)
        return E.right(fresh(undefined, rebuild?.reason));
    const decoded = (0, recorded_event_1.decodeRecordedEvent)(checkpoint_1.checkpointEvents, stored);
    if (E.isLeft(decoded))
        return E.left({
            kind: 'CheckpointUnreadable',
            error: decoded.left,
            message: `projection ${projection.name}: ${decoded.left.message}`,
        });
    const chain = { revision: stored.revision, hash: decoded.right.metadata.integrity.hash };
    if (rebuild !== undefined)
        return E.right(fresh(chain, rebuild.reason));
    const last = decoded.right.event;
    if (last.type === 'ProjectionRebuildStarted')
        return E.right(fresh(chain, undefined));
    if (last.data.projectionVersion !== version)
        return E.right(fresh(chain, `projection version changed from ${last.data.projectionVersion} to ${version}`));
    // Without a snapshot the model was in memory only: it is gone, so replay everything.
    if (projection.snapshot === undefined || last.data.snapshot === undefined)
        return E.right(fresh(chain, undefined));
    const model = projection.snapshot.decode(last.data.snapshot);
    if (E.isLeft(model))
        return E.right(fresh(chain, 'the last snapshot does not decode as this projection’s model'));
    return E.right({
        model: model.right,
        position: BigInt(last.data.position),
        eventsApplied: last.data.eventsApplied,
        chain,
        rebuildReason: undefined,
    });
};
/**
 * Starts a projection: catches up from its checkpoint (or from the beginning), then follows the
 * store live, checkpointing into `ProjectionCheckpoint-<name>` in the same store.
 *
 * Every event at or below the last position handled is skipped, so a subscription that delivers
 * an event again never applies it twice. Checkpoints are appended with the expected revision of
 * the checkpoint stream: when two runners of one projection run at once, the second to write
 * meets a conflict and fails with `CheckpointConflict` instead of both writing.
 */
const startProjection = (store, projection, options = {}) => {
    if (!primitives_1.EngagementId.is(projection.name))
        throw new RangeError(`projection name "${projection.name}" must be letters, digits, ".", "_" or "-" (at most 128)`);
    const checkpointing = options.checkpoint !== false;
    const checkpointEvery = Math.max(1, (options.checkpoint === false ? undefined : options.checkpoint?.every) ?? 1_000);
    const checkpointOnCaughtUp = options.checkpoint === false ? false : (options.checkpoint?.onCaughtUp ?? true);
    const checkpointOnStop = options.checkpoint === false ? false : (options.checkpoint?.onStop ?? true);
    const progressEvery = Math.max(1, options.progressEvery ?? 1_000);
    const version = projection.version ?? 1;
    const streamId = (0, checkpoint_1.checkpointStreamOf)(projection.name);
    const runId = options.runId ?? (0, uuid_1.v4)();
    const now = options.now ?? (() => new Date());
    const clock = options.clock ?? (() => performance.now());
    const actor = options.actor ?? 'projection-runner';
    const skipOthers = projection.otherStreams === 'skip';
    const known = new Set(projection.events.categories);
    let model = projection.initial();
    let position;
    let eventsApplied = 0;
    let appliedThisRun = 0;
    let sinceCheckpoint = 0;
    let lastEventId;
    let chain;
    let checkpointsWritten = 0;
    let isCaughtUp = false;
    let startedAt = clock();
    let stopping = false;
    let subscription;
    let ended;
    const waiters = new Set();
    const progress = () => {
        const seconds = (clock() - startedAt) / 1000;
        return {
            projection: projection.name,
            eventsApplied,
            position,
            ratePerSecond: seconds > 0 ? appliedThisRun / seconds : 0,
            caughtUp: isCaughtUp,
        };
    };
    const report = () => options.onProgress?.(progress());
    const settleWaiters = () => {
        for (const waiter of waiters)
            if (waiter.until()) {
                waiters.delete(waiter);
                waiter.resolve();
            }
    };
    const wait = (until) => {
        if (until())
            return Promise.resolve();
        if (ended !== undefined)
            return Promise.reject(endedError(ended));
        return new Promise((resolve, reject) => {
            waiters.add({ until, resolve, reject });
        });
    };
    const endedError = (outcome) => new Error(outcome.kind === 'failed'
        ? outcome.failure.message
        : `projection ${projection.name} ${outcome.kind} before getting there`, { cause: outcome });
    const aborted = () => options.signal?.aborted === true;
    const append = async (event, reason) => {
        const expectedRevision = chain?.revision ?? 'no_stream';
        const encoded = (0, recorded_event_1.encodeEvent)(checkpoint_1.checkpointEvents, event, {
            streamId,
            eventId: (0, event_id_1.eventIdFor)(runId, checkpointsWritten),
            previousHash: chain?.hash ?? null,
            metadata: {
                actor,
                onBehalfOf: projection.name,
                reason,
                source: checkpointSource,
                correlationId: runId,
                causationId: lastEventId ?? runId,
            },
        });
        if (E.isLeft(encoded))
            return { kind: 'StoreFailed', cause: encoded.left, message: encoded.left.message };
        const { integrity, ...toAppend } = encoded.right;
        try {
            const result = await store.appendToStream(streamId, [toAppend], { expectedRevision });
            chain = { revision: result.nextExpectedRevision, hash: integrity.hash };
            checkpointsWritten++;
            return undefined;
        }
        catch (error) {
            if ((0, store_errors_1.isStoreError)(error, 'ConcurrencyConflict'))
                return {
                    kind: 'CheckpointConflict',
                    streamId,
                    message: `projection ${projection.name}: another runner wrote a checkpoint first (${error.message}); only one runner of a projection may run at a time`,
                };
            return {
                kind: 'StoreFailed',
                cause: error,
                message: `projection ${projection.name}: cannot write its checkpoint: ${describeError(error)}`,
            };
        }
    };
    const writeCheckpoint = async () => {
        if (position === undefined || sinceCheckpoint === 0 || aborted())
            return undefined;
        let snapshot;
        try {
            // Through JSON now, so the model's state at this position is what is kept.
            snapshot =
                projection.snapshot === undefined
                    ? {}
                    : { snapshot: JSON.parse(JSON.stringify(projection.snapshot.encode(model))) };
        }
        catch (error) {
            return {
                kind: 'StoreFailed',
                cause: error,
                message: `projection ${projection.name}: its snapshot is not JSON: ${describeError(error)}`,
            };
        }
        const failure = await append({
            type: 'ProjectionCheckpointed',
            occurredOn: utcDay(now()),
            data: {
                projection: projection.name,
                projectionVersion: version,
                position: position.toString(),
                eventsApplied,
                ...snapshot,
            },
        }, `projection ${projection.name} has applied ${eventsApplied} events up to position ${position}`);
        if (failure === undefined)
            sinceCheckpoint = 0;
        return failure;
    };
    /** Applies one delivered event, unless it was handled already or is a checkpoint. */
    const handle = (stored) => {
        if (position !== undefined && stored.position <= position)
            return undefined;
        if ((0, checkpoint_1.isCheckpointStream)(stored.streamId) ||
            (skipOthers && !known.has((0, event_registry_1.categoryOf)(stored.streamId)))) {
            position = stored.position;
            return undefined;
        }
        const decoded = projection.events.decode(stored);
        if (E.isLeft(decoded))
            return {
                kind: 'DecodeFailed',
                error: decoded.left,
                message: `projection ${projection.name}: ${decoded.left.message}`,
            };
        try {
            model = projection.apply(model, decoded.right);
        }
        catch (error) {
            return {
                kind: 'ApplyFailed',
                streamId: stored.streamId,
                revision: stored.revision,
                position: stored.position,
                cause: error,
                message: `projection ${projection.name} failed on ${stored.type} at ${stored.streamId}@${stored.revision} (position ${stored.position}): ${describeError(error)}`,
            };
        }
        position = stored.position;
        lastEventId = stored.eventId;
        eventsApplied++;
        appliedThisRun++;
        sinceCheckpoint++;
        return undefined;
    };
    const run = async () => {
        if (checkpointing) {
            const start = await startingPoint(store, projection, options.rebuild);
            if (E.isLeft(start))
                return { kind: 'failed', failure: start.left };
            ({ model, position, eventsApplied, chain } = start.right);
            if (start.right.rebuildReason !== undefined) {
                const failure = await append({
                    type: 'ProjectionRebuildStarted',
                    occurredOn: utcDay(now()),
                    data: {
                        projection: projection.name,
                        projectionVersion: version,
                        reason: start.right.rebuildReason,
                    },
                }, `projection ${projection.name} starts again from the beginning: ${start.right.rebuildReason}`);
                if (failure !== undefined)
                    return { kind: 'failed', failure };
            }
        }
        if (stopping)
            return { kind: 'stopped' };
        if (aborted())
            return { kind: 'aborted' };
        startedAt = clock();
        subscription = store.subscribeToAll(position === undefined ? {} : { afterPosition: position });
        for await (const message of subscription) {
            if (aborted())
                return { kind: 'aborted' };
            if (message.kind === 'caughtUp') {
                isCaughtUp = true;
                if (checkpointing && checkpointOnCaughtUp) {
                    const failure = await writeCheckpoint();
                    if (failure !== undefined)
                        return { kind: 'failed', failure };
                }
                report();
                settleWaiters();
                continue;
            }
            const failure = handle(message.event);
            if (failure !== undefined)
                return { kind: 'failed', failure };
            if (aborted())
                return { kind: 'aborted' };
            if (checkpointing && sinceCheckpoint >= checkpointEvery) {
                const failed = await writeCheckpoint();
                if (failed !== undefined)
                    return { kind: 'failed', failure: failed };
            }
            if (isCaughtUp || appliedThisRun % progressEvery === 0)
                report();
            settleWaiters();
            if (stopping)
                break;
        }
        if (aborted())
            return { kind: 'aborted' };
        if (checkpointing && checkpointOnStop) {
            const failure = await writeCheckpoint();
            if (failure !== undefined)
                return { kind: 'failed', failure };
        }
        return { kind: 'stopped' };
    };
    const finished = run()
        .catch((error) => ({
        kind: 'failed',
        failure: {
            kind: 'StoreFailed',
            cause: error,
            message: `projection ${projection.name}: ${describeError(error)}`,
        },
    }))
        .then(async (outcome) => {
        ended = outcome;
        await subscription?.close();
        for (const waiter of waiters)
            waiter.reject(endedError(outcome));
        waiters.clear();
        return outcome;
    });
    const abort = () => {
        void subscription?.close();
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    void finished.then(() => options.signal?.removeEventListener('abort', abort));
    return {
        name: projection.name,
        model: () => model,
        position: () => position,
        progress,
        caughtUp: () => wait(() => isCaughtUp),
        reached: (target) => wait(() => position !== undefined && position >= target),
        stop: async () => {
            stopping = true;
            await subscription?.close();
            return finished;
        },
        finished,
    };
};
exports.startProjection = startProjection;
/**
 * Folds the whole store, as it is now, into a fresh model and returns it: no checkpoint is read
 * or written.
 */
const runProjection = async (store, projection) => {
    const runner = (0, exports.startProjection)(store, projection, { checkpoint: false });
    const caughtUp = await runner.caughtUp().then(() => true, () => false);
    const outcome = await runner.stop();
    if (outcome.kind === 'failed')
        return E.left(outcome.failure);
    if (!caughtUp)
        throw new Error(`projection ${projection.name} ended before catching up`);
    const { eventsApplied, position } = runner.progress();
    return E.right({ model: runner.model(), position, eventsApplied });
};
exports.runProjection = runProjection;
