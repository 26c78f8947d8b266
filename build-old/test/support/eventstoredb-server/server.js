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
exports.startTestServer = void 0;
/**
 * An EventStoreDB-protocol gRPC server for tests, started in the test process on 127.0.0.1 on a
 * random port. It serves the Streams service (Append, BatchAppend, Read, Delete, Tombstone) and
 * ServerFeatures from the service definitions the client package ships, so the real client talks
 * to it over real HTTP/2 exactly as it would to a single insecure node.
 */
const grpc = __importStar(require("@grpc/grpc-js"));
const any_pb_1 = require("google-protobuf/google/protobuf/any_pb");
const empty_pb_1 = require("google-protobuf/google/protobuf/empty_pb");
const serverfeatures_grpc_pb_1 = require("@eventstore/db-client/generated/serverfeatures_grpc_pb");
const serverfeatures_pb_1 = require("@eventstore/db-client/generated/serverfeatures_pb");
const shared_pb_1 = require("@eventstore/db-client/generated/shared_pb");
const status_pb_1 = require("@eventstore/db-client/generated/status_pb");
const streams_grpc_pb_1 = require("@eventstore/db-client/generated/streams_grpc_pb");
const streams_pb_1 = require("@eventstore/db-client/generated/streams_pb");
const ledger_1 = require("./ledger");
const MiB = 1024 * 1024;
const SERVER_VERSION = '24.10.0';
const DEFAULT_SEARCH_WINDOW = 32;
const serviceError = (code, details, meta = {}) => {
    const metadata = new grpc.Metadata();
    for (const [key, value] of Object.entries(meta))
        metadata.set(key, value);
    return Object.assign(new Error(details), { code, details, metadata });
};
const unavailable = () => serviceError(grpc.status.UNAVAILABLE, 'the node went away');
const streamNameOf = (identifier) => Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
const identifierFor = (streamName) => new shared_pb_1.StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));
const uuidOf = (uuid) => {
    if (uuid === undefined)
        return '';
    if (uuid.hasString())
        return uuid.getString();
    const structured = uuid.getStructured();
    if (structured === undefined)
        return '';
    const hex = (bits) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0');
    const h = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const proposedOf = (message) => {
    const meta = message.getMetadataMap();
    return {
        id: uuidOf(message.getId()),
        type: meta.get('type') ?? '',
        contentType: meta.get('content-type') ?? 'application/octet-stream',
        data: message.getData_asU8(),
        customMetadata: message.getCustomMetadata_asU8(),
    };
};
const sizeOf = (events) => events.reduce((n, e) => n + e.data.length + e.customMetadata.length, 0);
/** EventStoreDB's numeric form of an expected revision, as sent in error metadata. */
const expectedVersionNumber = (expected) => {
    switch (expected.kind) {
        case 'any':
            return '-2';
        case 'no_stream':
            return '-1';
        case 'stream_exists':
            return '-4';
        case 'revision':
            return expected.revision.toString();
    }
};
const recordedEvent = (record) => {
    const event = new streams_pb_1.ReadResp.ReadEvent.RecordedEvent()
        .setId(new shared_pb_1.UUID().setString(record.id))
        .setStreamIdentifier(identifierFor(record.streamName))
        .setStreamRevision(record.revision.toString())
        .setPreparePosition(record.position.toString())
        .setCommitPosition(record.position.toString())
        .setData(record.data)
        .setCustomMetadata(record.customMetadata);
    event
        .getMetadataMap()
        .set('type', record.type)
        .set('content-type', record.contentType)
        .set('created', record.created.toString());
    return event;
};
const eventResponse = (record) => new streams_pb_1.ReadResp().setEvent(new streams_pb_1.ReadResp.ReadEvent()
    .setEvent(recordedEvent(record))
    .setCommitPosition(record.position.toString()));
const checkpointResponse = (position) => new streams_pb_1.ReadResp().setCheckpoint(new streams_pb_1.ReadResp.Checkpoint()
    .setCommitPosition(position.toString())
    .setPreparePosition(position.toString()));
/** The server-side filter of a subscription (or none). */
const filterOf = (options) => {
    if (!options.hasFilter())
        return undefined;
    const filter = options.getFilter();
    if (filter === undefined)
        return undefined;
    const byType = filter.hasEventType();
    const expression = byType ? filter.getEventType() : filter.getStreamIdentifier();
    if (expression === undefined)
        return undefined;
    const regex = expression.getRegex() === '' ? undefined : new RegExp(expression.getRegex());
    const prefixes = expression.getPrefixList();
    return (record) => {
        const subject = byType ? record.type : record.streamName;
        if (regex !== undefined)
            return regex.test(subject);
        return prefixes.length === 0 || prefixes.some((p) => subject.startsWith(p));
    };
};
const startTestServer = async (options = {}) => {
    const ledger = (0, ledger_1.createLedger)();
    const maxAppendSize = options.maxAppendSize ?? MiB;
    const faults = {
        refuseAppends: 0,
        loseAppendReplies: 0,
        appendDelayMs: 0,
        afterNextAppendWritten: undefined,
    };
    const subscriptions = new Set();
    // A fresh node already holds system events in $all; readers must skip them.
    ledger.writeSystemEvent('$settings', '$settings', { $userStreamAcl: {}, $systemStreamAcl: {} });
    ledger.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-cpu': 0 });
    const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    /** Appends, honouring the faults; `undefined` when the fault took the reply away. */
    const appendWithFaults = async (streamName, expected, events, deadline) => {
        if (faults.appendDelayMs > 0)
            await delay(faults.appendDelayMs);
        if (faults.refuseAppends > 0) {
            faults.refuseAppends--;
            return 'unavailable';
        }
        // Past its deadline the writer has given up: write nothing.
        if (deadline !== undefined && deadline.getTime() < Date.now())
            return 'timeout';
        if (sizeOf(events) > maxAppendSize)
            return 'tooLarge';
        const outcome = ledger.append(streamName, expected, events);
        const hook = faults.afterNextAppendWritten;
        faults.afterNextAppendWritten = undefined;
        hook?.();
        if (faults.loseAppendReplies > 0) {
            faults.loseAppendReplies--;
            return 'unavailable';
        }
        return outcome;
    };
    const expectedOfAppend = (o) => {
        switch (o.getExpectedStreamRevisionCase()) {
            case streams_pb_1.AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
                return { kind: 'revision', revision: BigInt(o.getRevision()) };
            case streams_pb_1.AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
                return { kind: 'no_stream' };
            case streams_pb_1.AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
                return { kind: 'stream_exists' };
            default:
                return { kind: 'any' };
        }
    };
    const expectedOfBatch = (o) => {
        switch (o.getExpectedStreamPositionCase()) {
            case streams_pb_1.BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_POSITION:
                return { kind: 'revision', revision: BigInt(o.getStreamPosition()) };
            case streams_pb_1.BatchAppendReq.Options.ExpectedStreamPositionCase.NO_STREAM:
                return { kind: 'no_stream' };
            case streams_pb_1.BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_EXISTS:
                return { kind: 'stream_exists' };
            default:
                return { kind: 'any' };
        }
    };
    const expectedOfDelete = (o) => {
        if (o.hasRevision())
            return { kind: 'revision', revision: BigInt(o.getRevision()) };
        if (o.hasNoStream())
            return { kind: 'no_stream' };
        if (o.hasStreamExists())
            return { kind: 'stream_exists' };
        return { kind: 'any' };
    };
    const streamDeletedError = (streamName) => serviceError(grpc.status.FAILED_PRECONDITION, `stream ${streamName} is deleted`, {
        exception: 'stream-deleted',
        'stream-name': streamName,
    });
    const tooLargeError = () => serviceError(grpc.status.INVALID_ARGUMENT, `maximum append size of ${maxAppendSize} exceeded`, {
        exception: 'maximum-append-size-exceeded',
        'maximum-append-size': String(maxAppendSize),
    });
    // ------------------------------------------------------------------ Append
    const appendHandler = (call, callback) => {
        let options;
        const events = [];
        call.on('data', (req) => {
            if (req.hasOptions())
                options = req.getOptions();
            const message = req.getProposedMessage();
            if (message !== undefined)
                events.push(proposedOf(message));
        });
        call.on('end', () => {
            if (options === undefined) {
                callback(serviceError(grpc.status.INVALID_ARGUMENT, 'no options sent'));
                return;
            }
            const streamName = streamNameOf(options.getStreamIdentifier());
            const expected = expectedOfAppend(options);
            // Honour the call's own deadline, as a real node does.
            const callDeadline = call.getDeadline();
            const deadline = callDeadline instanceof Date
                ? callDeadline
                : Number.isFinite(callDeadline)
                    ? new Date(callDeadline)
                    : undefined;
            void appendWithFaults(streamName, expected, events, deadline).then((outcome) => {
                if (outcome === 'unavailable')
                    return callback(unavailable());
                if (outcome === 'timeout')
                    return callback(serviceError(grpc.status.DEADLINE_EXCEEDED, 'the deadline passed'));
                if (outcome === 'tooLarge')
                    return callback(tooLargeError());
                switch (outcome.kind) {
                    case 'streamDeleted':
                        return callback(streamDeletedError(streamName));
                    case 'wrongExpectedVersion': {
                        const wrong = new streams_pb_1.AppendResp.WrongExpectedVersion();
                        if (outcome.current === undefined)
                            wrong.setCurrentNoStream(new shared_pb_1.Empty());
                        else
                            wrong.setCurrentRevision(outcome.current.toString());
                        if (expected.kind === 'revision')
                            wrong.setExpectedRevision(expected.revision.toString());
                        else if (expected.kind === 'no_stream')
                            wrong.setExpectedNoStream(new shared_pb_1.Empty());
                        else if (expected.kind === 'stream_exists')
                            wrong.setExpectedStreamExists(new shared_pb_1.Empty());
                        else
                            wrong.setExpectedAny(new shared_pb_1.Empty());
                        return callback(null, new streams_pb_1.AppendResp().setWrongExpectedVersion(wrong));
                    }
                    case 'ok': {
                        const success = new streams_pb_1.AppendResp.Success();
                        if (outcome.currentRevision < 0n)
                            success.setNoStream(new shared_pb_1.Empty());
                        else
                            success.setCurrentRevision(outcome.currentRevision.toString());
                        if (outcome.position === undefined)
                            success.setNoPosition(new shared_pb_1.Empty());
                        else
                            success.setPosition(new streams_pb_1.AppendResp.Position()
                                .setCommitPosition(outcome.position.toString())
                                .setPreparePosition(outcome.position.toString()));
                        return callback(null, new streams_pb_1.AppendResp().setSuccess(success));
                    }
                }
            });
        });
    };
    // ------------------------------------------------------------- BatchAppend
    const packed = (code, message, detail, typeName) => {
        const any = new any_pb_1.Any();
        any.pack(detail.serializeBinary(), typeName);
        return new status_pb_1.Status().setCode(code).setMessage(message).setDetails(any);
    };
    const batchAppendHandler = (call) => {
        // Requests for one correlation id may come in several chunks; the last one is final.
        const pending = new Map();
        call.on('data', (req) => {
            const correlation = uuidOf(req.getCorrelationId());
            const entry = pending.get(correlation) ?? { events: [] };
            pending.set(correlation, entry);
            if (req.hasOptions())
                entry.options = req.getOptions();
            for (const message of req.getProposedMessagesList())
                entry.events.push(proposedOf(message));
            if (!req.getIsFinal())
                return;
            pending.delete(correlation);
            const options = entry.options;
            if (options === undefined)
                return;
            const streamName = streamNameOf(options.getStreamIdentifier());
            const expected = expectedOfBatch(options);
            const response = new streams_pb_1.BatchAppendResp()
                .setCorrelationId(new shared_pb_1.UUID().setString(correlation))
                .setStreamIdentifier(identifierFor(streamName));
            if (expected.kind === 'revision')
                response.setStreamPosition(expected.revision.toString());
            else if (expected.kind === 'no_stream')
                response.setNoStream(new empty_pb_1.Empty());
            else if (expected.kind === 'stream_exists')
                response.setStreamExists(new empty_pb_1.Empty());
            else
                response.setAny(new empty_pb_1.Empty());
            const deadline = options.getDeadline()?.toDate();
            void appendWithFaults(streamName, expected, entry.events, deadline).then((outcome) => {
                if (outcome === 'unavailable') {
                    call.emit('error', unavailable());
                    return;
                }
                if (outcome === 'timeout') {
                    call.write(response.setError(packed(4, 'the deadline passed', new shared_pb_1.Timeout(), 'event_store.client.Timeout')));
                    return;
                }
                if (outcome === 'tooLarge') {
                    call.write(response.setError(packed(3, `maximum append size of ${maxAppendSize} exceeded`, new shared_pb_1.MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize), 'event_store.client.MaximumAppendSizeExceeded')));
                    return;
                }
                switch (outcome.kind) {
                    case 'streamDeleted':
                        call.write(response.setError(packed(9, `stream ${streamName} is deleted`, new shared_pb_1.StreamDeleted().setStreamIdentifier(identifierFor(streamName)), 'event_store.client.StreamDeleted')));
                        return;
                    case 'wrongExpectedVersion': {
                        const wrong = new shared_pb_1.WrongExpectedVersion();
                        if (outcome.current === undefined)
                            wrong.setCurrentNoStream(new empty_pb_1.Empty());
                        else
                            wrong.setCurrentStreamRevision(outcome.current.toString());
                        if (expected.kind === 'revision')
                            wrong.setExpectedStreamPosition(expected.revision.toString());
                        else if (expected.kind === 'no_stream')
                            wrong.setExpectedNoStream(new empty_pb_1.Empty());
                        else if (expected.kind === 'stream_exists')
                            wrong.setExpectedStreamExists(new empty_pb_1.Empty());
                        else
                            wrong.setExpectedAny(new empty_pb_1.Empty());
                        call.write(response.setError(packed(9, 'wrong expected version', wrong, 'event_store.client.WrongExpectedVersion')));
                        return;
                    }
                    case 'ok': {
                        const success = new streams_pb_1.BatchAppendResp.Success();
                        if (outcome.currentRevision < 0n)
                            success.setNoStream(new empty_pb_1.Empty());
                        else
                            success.setCurrentRevision(outcome.currentRevision.toString());
                        if (outcome.position === undefined)
                            success.setNoPosition(new empty_pb_1.Empty());
                        else
                            success.setPosition(new shared_pb_1.AllStreamPosition()
                                .setCommitPosition(outcome.position.toString())
                                .setPreparePosition(outcome.position.toString()));
                        call.write(response.setSuccess(success));
                        return;
                    }
                }
            });
        });
        call.on('end', () => call.end());
        call.on('error', () => undefined);
    };
    // -------------------------------------------------------------------- Read
    const readStreamHandler = (call, options) => {
        const stream = options.getStream();
        const streamName = streamNameOf(stream?.getStreamIdentifier());
        const from = stream?.hasRevision() === true
            ? BigInt(stream.getRevision())
            : stream?.hasEnd() === true
                ? 'end'
                : 'start';
        const backwards = options.getReadDirection() === streams_pb_1.ReadReq.Options.ReadDirection.BACKWARDS;
        const result = ledger.readStream(streamName, from, backwards, BigInt(options.getCount()));
        if (result.kind === 'deleted') {
            call.emit('error', streamDeletedError(streamName));
            return;
        }
        if (result.kind === 'notFound') {
            call.write(new streams_pb_1.ReadResp().setStreamNotFound(new streams_pb_1.ReadResp.StreamNotFound().setStreamIdentifier(identifierFor(streamName))));
            call.end();
            return;
        }
        for (const record of result.records)
            call.write(eventResponse(record));
        call.end();
    };
    const readAllHandler = (call, options) => {
        const all = options.getAll();
        const backwards = options.getReadDirection() === streams_pb_1.ReadReq.Options.ReadDirection.BACKWARDS;
        const position = all?.getPosition();
        let index;
        if (position !== undefined && all?.hasPosition() === true)
            index = ledger.indexFor(BigInt(position.getCommitPosition()), backwards);
        else if (all?.hasEnd() === true)
            index = backwards ? ledger.log.length - 1 : ledger.log.length;
        else
            index = backwards ? -1 : 0;
        let remaining = BigInt(options.getCount());
        const step = backwards ? -1 : 1;
        for (; remaining > 0n; index += step, remaining--) {
            const record = ledger.log[index];
            if (record === undefined)
                break;
            call.write(eventResponse(record));
        }
        call.end();
    };
    const subscribeToAllHandler = (call, options) => {
        const all = options.getAll();
        const position = all?.getPosition();
        // A subscription delivers what comes after its position (exclusive).
        let index = position !== undefined && all?.hasPosition() === true
            ? ledger.indexFor(BigInt(position.getCommitPosition()) + 1n, false)
            : all?.hasEnd() === true
                ? ledger.log.length
                : 0;
        const filter = filterOf(options);
        const filterOptions = options.getFilter();
        const window = filterOptions?.hasMax() === true ? filterOptions.getMax() : DEFAULT_SEARCH_WINDOW;
        const checkpointEvery = window * Math.max(1, filterOptions?.getCheckpointintervalmultiplier() ?? 1);
        let scannedSinceCheckpoint = 0;
        let caughtUp = false;
        let ended = false;
        subscriptions.add(call);
        call.write(new streams_pb_1.ReadResp().setConfirmation(new streams_pb_1.ReadResp.SubscriptionConfirmation().setSubscriptionId(crypto.randomUUID())));
        const pump = () => {
            if (ended)
                return;
            let last;
            for (let record = ledger.log[index]; record !== undefined; record = ledger.log[index]) {
                index++;
                last = record;
                if (filter === undefined || filter(record)) {
                    scannedSinceCheckpoint = 0;
                    call.write(eventResponse(record));
                }
                else if (++scannedSinceCheckpoint >= checkpointEvery) {
                    scannedSinceCheckpoint = 0;
                    call.write(checkpointResponse(record.position));
                }
            }
            if (filter !== undefined && scannedSinceCheckpoint > 0 && last !== undefined) {
                // Tell the reader how far the filter has looked, so it can resume from there.
                scannedSinceCheckpoint = 0;
                call.write(checkpointResponse(last.position));
            }
            if (!caughtUp) {
                caughtUp = true;
                call.write(new streams_pb_1.ReadResp().setCaughtUp(new streams_pb_1.ReadResp.CaughtUp()));
            }
        };
        const stop = ledger.onWrite(pump);
        const finish = () => {
            ended = true;
            stop();
            subscriptions.delete(call);
        };
        call.on('cancelled', finish);
        call.on('close', finish);
        call.on('error', finish);
        pump();
    };
    const readHandler = (call) => {
        const options = call.request.getOptions();
        if (options === undefined) {
            call.emit('error', serviceError(grpc.status.INVALID_ARGUMENT, 'no options sent'));
            return;
        }
        if (options.hasSubscription()) {
            if (options.hasAll())
                return subscribeToAllHandler(call, options);
            call.emit('error', serviceError(grpc.status.UNIMPLEMENTED, 'stream subscriptions are not served'));
            return;
        }
        if (options.hasAll())
            return readAllHandler(call, options);
        return readStreamHandler(call, options);
    };
    // ---------------------------------------------------------- Delete, Tombstone
    const deletion = (streamName, expected, outcome) => {
        switch (outcome.kind) {
            case 'streamDeleted':
                return { error: streamDeletedError(streamName) };
            case 'wrongExpectedVersion':
                return {
                    error: serviceError(grpc.status.FAILED_PRECONDITION, 'wrong expected version', {
                        exception: 'wrong-expected-version',
                        'stream-name': streamName,
                        'expected-version': expectedVersionNumber(expected),
                        ...(outcome.current === undefined
                            ? {}
                            : { 'actual-version': outcome.current.toString() }),
                    }),
                };
            case 'ok':
                return { position: outcome.position };
        }
    };
    const deleteHandler = (call, callback) => {
        const options = call.request.getOptions();
        const streamName = streamNameOf(options?.getStreamIdentifier());
        const expected = options === undefined ? { kind: 'any' } : expectedOfDelete(options);
        const result = deletion(streamName, expected, ledger.softDelete(streamName, expected));
        if ('error' in result)
            return callback(result.error);
        const response = new streams_pb_1.DeleteResp();
        if (result.position === undefined)
            response.setNoPosition(new shared_pb_1.Empty());
        else
            response.setPosition(new streams_pb_1.DeleteResp.Position()
                .setCommitPosition(result.position.toString())
                .setPreparePosition(result.position.toString()));
        return callback(null, response);
    };
    const tombstoneHandler = (call, callback) => {
        const options = call.request.getOptions();
        const streamName = streamNameOf(options?.getStreamIdentifier());
        const expected = options === undefined ? { kind: 'any' } : expectedOfDelete(options);
        const result = deletion(streamName, expected, ledger.tombstone(streamName, expected));
        if ('error' in result)
            return callback(result.error);
        const response = new streams_pb_1.TombstoneResp();
        if (result.position === undefined)
            response.setNoPosition(new shared_pb_1.Empty());
        else
            response.setPosition(new streams_pb_1.TombstoneResp.Position()
                .setCommitPosition(result.position.toString())
                .setPreparePosition(result.position.toString()));
        return callback(null, response);
    };
    // ------------------------------------------------------------ ServerFeatures
    const supportedMethods = () => {
        const streams = 'event_store.client.streams.Streams';
        const names = [
            'Read',
            'Append',
            'Delete',
            'Tombstone',
            ...(options.batchAppend === false ? [] : ['BatchAppend']),
        ];
        return new serverfeatures_pb_1.SupportedMethods()
            .setEventStoreServerVersion(SERVER_VERSION)
            .setMethodsList(names.map((name) => new serverfeatures_pb_1.SupportedMethod().setServiceName(streams).setMethodName(name)));
    };
    const server = new grpc.Server();
    server.addService(streams_grpc_pb_1.StreamsService, {
        read: readHandler,
        append: appendHandler,
        delete: deleteHandler,
        tombstone: tombstoneHandler,
        batchAppend: batchAppendHandler,
    });
    server.addService(serverfeatures_grpc_pb_1.ServerFeaturesService, {
        getSupportedMethods: (_call, callback) => callback(null, supportedMethods()),
    });
    const port = await new Promise((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => error === null ? resolve(bound) : reject(error)));
    return {
        connectionString: `esdb://127.0.0.1:${port}?tls=false`,
        port,
        faults,
        breakSubscriptions: () => {
            for (const call of [...subscriptions]) {
                subscriptions.delete(call);
                call.emit('error', unavailable());
            }
        },
        setStreamMetadata: (streamName, metadata) => ledger.setMetadata(streamName, metadata),
        writeSystemEvent: (streamName, type, data) => ledger.writeSystemEvent(streamName, type, data),
        stop: () => new Promise((resolve) => {
            for (const call of subscriptions)
                call.end();
            server.tryShutdown(() => resolve());
            // Open streams would hold a graceful shutdown forever; cut them after a moment.
            setTimeout(() => {
                server.forceShutdown();
                resolve();
            }, 200).unref();
        }),
    };
};
exports.startTestServer = startTestServer;
