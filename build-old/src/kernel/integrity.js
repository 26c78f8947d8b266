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
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.foldDigest = exports.EMPTY_DIGEST = exports.sealEvent = exports.canonicalJson = exports.sha256 = exports.IntegrityLink = exports.Sha256Hex = void 0;
const crypto = __importStar(require("node:crypto"));
const canonicalize_1 = __importDefault(require("canonicalize"));
const t = __importStar(require("io-ts"));
const primitives_1 = require("./primitives");
/** A SHA-256 digest as 64 lowercase hexadecimal digits. */
// One pattern object for every check, instead of a new one per call (three per event decoded).
const SHA256_HEX = /^[0-9a-f]{64}$/;
exports.Sha256Hex = (0, primitives_1.checkedString)('Sha256Hex', (s) => SHA256_HEX.test(s));
/**
 * What every event carries to make its history verifiable: the hash of the event before it in its
 * stream (`null` where a chain starts), the digest of its data, and its own hash.
 *
 * The event hash covers the data only through `dataHash`, so personal data (an officer's name)
 * can one day be erased from `data` while the chain itself stays verifiable; the erased event then
 * shows a data digest that no longer matches, and nothing else.
 */
exports.IntegrityLink = t.strict({ previousHash: t.union([exports.Sha256Hex, t.null]), dataHash: exports.Sha256Hex, hash: exports.Sha256Hex }, 'IntegrityLink');
// The one-shot `crypto.hash` (Node 20.12 and later) skips building a Hash object: every event
// written, verified or audited is hashed two or three times, and that object showed in profiles.
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;
const sha256 = (text) => oneShot === undefined
    ? crypto.createHash('sha256').update(text, 'utf8').digest('hex')
    : oneShot('sha256', text, 'hex');
exports.sha256 = sha256;
/** RFC 8785 (JSON Canonicalization Scheme) text of a JSON value. */
const canonicalJson = (value) => {
    const text = (0, canonicalize_1.default)(value);
    if (text === undefined)
        throw new TypeError('a value with no JSON form cannot be canonicalised');
    return text;
};
exports.canonicalJson = canonicalJson;
/**
 * The integrity link of one event: SHA-256 over the canonical JSON of its stream, id, type, data
 * digest, metadata (schema version, occurredOn, who and why included) and the previous hash.
 */
const sealEvent = (input) => {
    const dataHash = (0, exports.sha256)((0, exports.canonicalJson)(input.data));
    const hash = (0, exports.sha256)((0, exports.canonicalJson)({
        streamId: input.streamId,
        eventId: input.eventId,
        type: input.type,
        dataHash,
        metadata: input.metadata,
        previousHash: input.previousHash,
    }));
    return { previousHash: input.previousHash, dataHash, hash };
};
exports.sealEvent = sealEvent;
/** The starting value of a running digest over the global order. */
exports.EMPTY_DIGEST = (0, exports.sha256)('');
/**
 * Folds one event's hash into a running digest of the global order: a reviewer who writes the
 * digest down can tell later whether anything before that point was changed, removed or
 * reordered. Positions are left out on purpose: they differ between stores (EventStoreDB counts
 * bytes), and the same history exported and imported elsewhere must give the same digest.
 */
const foldDigest = (digest, eventHash) => (0, exports.sha256)(`${digest}\n${eventHash}`);
exports.foldDigest = foldDigest;
