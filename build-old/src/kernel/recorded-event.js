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
exports.encodeEvent = exports.decodeRecordedEvent = exports.EventMetadata = exports.CommandContext = exports.Uuid = void 0;
const E = __importStar(require("fp-ts/Either"));
const t = __importStar(require("io-ts"));
const uuid_1 = require("uuid");
const decode_1 = require("./decode");
const integrity_1 = require("./integrity");
const partial_date_1 = require("./partial-date");
const primitives_1 = require("./primitives");
const source_1 = require("./source");
const upcast_1 = require("./upcast");
const validation_1 = require("./validation");
exports.Uuid = (0, primitives_1.checkedString)('Uuid', (s) => (0, uuid_1.validate)(s));
/**
 * Who recorded an event and why: the context a command arrives with. `commandId` becomes the
 * causation id of every event the command produces and seeds their event ids.
 */
exports.CommandContext = (0, primitives_1.struct)('CommandContext', {
    commandId: exports.Uuid,
    actor: primitives_1.NonEmptyString,
    onBehalfOf: primitives_1.NonEmptyString,
    reason: primitives_1.NonEmptyString,
    source: source_1.Source,
}, {
    /** Ties together every event of one engagement (say, one meeting). Defaults to `commandId`. */
    correlationId: exports.Uuid,
});
/** What the library writes beside every event's data. */
exports.EventMetadata = t.type({
    actor: primitives_1.NonEmptyString,
    onBehalfOf: primitives_1.NonEmptyString,
    reason: primitives_1.NonEmptyString,
    source: source_1.Source,
    correlationId: exports.Uuid,
    causationId: exports.Uuid,
    occurredOn: partial_date_1.PartialDate,
    schemaVersion: primitives_1.PositiveInteger,
    integrity: integrity_1.IntegrityLink,
}, 'EventMetadata');
const decodeError = (stored, problem, detail, issues = [], found = {}) => ({
    kind: 'DecodeError',
    problem,
    streamId: stored.streamId,
    revision: stored.revision,
    position: stored.position,
    eventType: stored.type,
    ...found,
    issues,
    message: `cannot decode ${stored.type} at ${stored.streamId}@${stored.revision}: ${detail}`,
});
const upcastError = (stored, schemaVersion, current, failure) => {
    const written = `written with schema version ${schemaVersion}`;
    switch (failure.kind) {
        case 'missingStep':
            return decodeError(stored, 'missingUpcaster', `${written}; reading it as version ${current} needs an upcaster from version ${failure.from} to ${failure.to}, and none is declared for ${stored.type}`, [], { schemaVersion, missingStep: { from: failure.from, to: failure.to } });
        case 'notAnObject':
            return decodeError(stored, 'invalidData', `${written}; its data is not a JSON object, so it cannot be upcast`, [], { schemaVersion });
        case 'stepFailed':
            return decodeError(stored, 'upcastFailed', `${written}; the upcaster from version ${failure.from} to ${failure.to} failed: ${failure.reason}`, [], { schemaVersion });
        default: {
            const unknown = failure;
            return unknown;
        }
    }
};
const parseJson = (text) => E.tryCatch(() => JSON.parse(text), (e) => (e instanceof Error ? e.message : String(e)));
/** Reads a stored event back into a typed recorded event, or says exactly what is wrong with it. */
const decodeRecordedEvent = (catalog, stored) => {
    const eventType = catalog.lookup(stored.type);
    if (eventType === undefined)
        return E.left(decodeError(stored, 'unknownType', `unknown event type (known: ${catalog.types.join(', ')})`));
    const metadataJson = parseJson(stored.metadata);
    if (E.isLeft(metadataJson))
        return E.left(decodeError(stored, 'badJson', `metadata is not JSON (${metadataJson.left})`));
    const metadata = (0, decode_1.decode)(exports.EventMetadata, metadataJson.right);
    if (E.isLeft(metadata)) {
        const issues = (0, validation_1.toIssues)(metadata.left).map((i) => ({ ...i, path: `metadata.${i.path}` }));
        return E.left(decodeError(stored, 'invalidMetadata', (0, validation_1.formatIssues)(issues), issues));
    }
    const { schemaVersion, occurredOn } = metadata.right;
    const current = eventType.schemaVersion;
    if (schemaVersion > current)
        return E.left(decodeError(stored, 'unsupportedSchemaVersion', `written with schema version ${schemaVersion}, but this library knows ${stored.type} only up to version ${current}; upgrade diplomatic-ledger to read it`, [], { schemaVersion }));
    const dataJson = parseJson(stored.data);
    if (E.isLeft(dataJson))
        return E.left(decodeError(stored, 'badJson', `data is not JSON (${dataJson.left})`));
    // Older data is brought up to today's shape here, in memory only: the stored text, and so the
    // integrity hash over it, stays exactly as it was written.
    const upcast = (0, upcast_1.upcastData)(eventType.upcasters, schemaVersion, current, dataJson.right, {
        type: stored.type,
        occurredOn,
        metadata: metadata.right,
    });
    if (E.isLeft(upcast))
        return E.left(upcastError(stored, schemaVersion, current, upcast.left));
    const event = (0, decode_1.decode)(eventType.codec, { type: stored.type, occurredOn, data: upcast.right });
    if (E.isLeft(event)) {
        const issues = (0, validation_1.toIssues)(event.left);
        const detail = schemaVersion < current
            ? `${(0, validation_1.formatIssues)(issues)} (after upcasting from schema version ${schemaVersion} to ${current})`
            : (0, validation_1.formatIssues)(issues);
        return E.left(decodeError(stored, 'invalidData', detail, issues, { schemaVersion }));
    }
    return E.right({
        streamId: stored.streamId,
        revision: stored.revision,
        position: stored.position,
        eventId: stored.eventId,
        recordedAt: stored.recordedAt,
        event: event.right,
        metadata: metadata.right,
    });
};
exports.decodeRecordedEvent = decodeRecordedEvent;
/**
 * Validates a domain event against its codec, seals it into its stream's integrity chain and
 * serialises it with its metadata. Nothing that fails here reaches a store.
 */
const encodeEvent = (catalog, event, envelope) => {
    const eventType = catalog.lookup(event.type);
    const invalid = (issues, detail) => ({
        kind: 'InvalidEvent',
        eventType: event.type,
        issues,
        message: `event ${event.type} is invalid: ${detail}`,
    });
    if (eventType === undefined)
        return E.left(invalid([], 'not an event type of this aggregate'));
    // The codecs are exact, so encoding keeps only the keys they know; decoding what was encoded
    // checks the runtime rules that the static types cannot express.
    const encoded = eventType.codec.encode(event);
    const checked = (0, decode_1.decode)(eventType.codec, encoded);
    if (E.isLeft(checked)) {
        const issues = (0, validation_1.toIssues)(checked.left);
        return E.left(invalid(issues, (0, validation_1.formatIssues)(issues)));
    }
    const unsealed = {
        ...envelope.metadata,
        occurredOn: encoded.occurredOn,
        schemaVersion: eventType.schemaVersion,
    };
    // The hash is taken over the canonical JSON of the data as it stands: for anything canonical
    // JSON accepts, that is the canonical JSON of the stored text read back. What JSON would change
    // (NaN and the infinities, which it turns into null) canonical JSON refuses, and so does this.
    let integrity;
    try {
        integrity = (0, integrity_1.sealEvent)({
            streamId: envelope.streamId,
            eventId: envelope.eventId,
            type: event.type,
            data: encoded.data,
            metadata: unsealed,
            previousHash: envelope.previousHash,
        });
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return E.left(invalid([], `its data has no exact JSON form (${reason})`));
    }
    const data = JSON.stringify(encoded.data);
    return E.right({
        eventId: envelope.eventId,
        type: event.type,
        data,
        metadata: JSON.stringify(exports.EventMetadata.encode({ ...unsealed, integrity })),
        integrity,
    });
};
exports.encodeEvent = encodeEvent;
