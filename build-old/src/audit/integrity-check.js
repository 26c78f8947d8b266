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
exports.createChainChecker = void 0;
const E = __importStar(require("fp-ts/Either"));
const integrity_1 = require("../kernel/integrity");
const decode_1 = require("../kernel/decode");
const parse = (text) => E.tryCatch(() => JSON.parse(text), (e) => (e instanceof Error ? e.message : String(e)));
const withoutIntegrity = (metadata) => {
    const { integrity: _integrity, ...rest } = metadata;
    return rest;
};
/**
 * Checks stored events one at a time, in the order of their streams, remembering where each
 * stream's chain ended and folding every event into a running digest. Memory grows with the
 * number of streams, not of events.
 */
const createChainChecker = () => {
    const ends = new Map();
    let digest = integrity_1.EMPTY_DIGEST;
    let checked = 0;
    const check = (stored) => {
        const at = `${stored.streamId}@${stored.revision}`;
        const finding = (problem, detail) => ({
            problem,
            streamId: stored.streamId,
            revision: stored.revision,
            position: stored.position,
            eventId: stored.eventId,
            eventType: stored.type,
            message: `${stored.type} at ${at} (position ${stored.position}): ${detail}`,
        });
        const previous = ends.get(stored.streamId);
        const conclude = (result, link) => {
            ends.set(stored.streamId, { hash: link, revision: stored.revision });
            digest = (0, integrity_1.foldDigest)(digest, result.hash);
            checked++;
            return result;
        };
        const rawHash = (0, integrity_1.sha256)(`${stored.data}\n${stored.metadata}`);
        const data = parse(stored.data);
        const metadata = parse(stored.metadata);
        if (E.isLeft(data) || E.isLeft(metadata))
            return conclude({ finding: finding('unreadable', 'its data or metadata is not JSON'), hash: rawHash }, rawHash);
        const meta = metadata.right;
        const link = typeof meta === 'object' && meta !== null && !Array.isArray(meta)
            ? (0, decode_1.decode)(integrity_1.IntegrityLink, meta.integrity)
            : undefined;
        if (link === undefined || E.isLeft(link))
            return conclude({ finding: finding('unreadable', 'it carries no valid integrity link'), hash: rawHash }, rawHash);
        const sealed = link.right;
        const recomputed = (0, integrity_1.sealEvent)({
            streamId: stored.streamId,
            eventId: stored.eventId,
            type: stored.type,
            data: data.right,
            metadata: withoutIntegrity(meta),
            previousHash: sealed.previousHash,
        });
        // Later events are checked against the hash this event was sealed with, so one altered
        // event is reported once rather than breaking every link after it.
        const result = (detail) => conclude({
            finding: detail === undefined ? undefined : finding(...detail),
            hash: recomputed.hash,
        }, sealed.hash);
        if (recomputed.dataHash !== sealed.dataHash)
            return result(['dataAltered', 'its data does not match the digest sealed with it']);
        if (recomputed.hash !== sealed.hash)
            return result([
                'eventAltered',
                'its metadata, type, id or stream do not match the hash sealed with it',
            ]);
        if (previous === undefined && sealed.previousHash !== null)
            return result([
                'chainBroken',
                'it follows an event that is not in the stream: the events before it are missing',
            ]);
        if (previous !== undefined && sealed.previousHash === null)
            return result([
                'chainRestarted',
                `it starts a new chain after ${stored.streamId}@${previous.revision} (a stream recreated after a soft delete does this)`,
            ]);
        if (previous !== undefined && sealed.previousHash !== previous.hash)
            return result([
                'chainBroken',
                stored.revision === previous.revision + 1n
                    ? `it does not follow ${stored.streamId}@${previous.revision}: an event was removed, inserted or moved`
                    : `it does not follow ${stored.streamId}@${previous.revision}, and the revisions in between are missing`,
            ]);
        return result();
    };
    return {
        check,
        /** The running digest of every event checked so far, in the order checked. */
        digest: () => digest,
        checked: () => checked,
    };
};
exports.createChainChecker = createChainChecker;
