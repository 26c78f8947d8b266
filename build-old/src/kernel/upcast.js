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
exports.upcastData = exports.missingStep = exports.checkUpcasters = void 0;
const E = __importStar(require("fp-ts/Either"));
/**
 * Checks, when an event type is defined, that its schema version is a positive whole number and
 * that every upcaster reads a version below it. A mistake here is a programming error, so it
 * throws at load time rather than on some later read.
 */
const checkUpcasters = (type, schemaVersion, upcasters) => {
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1)
        throw new Error(`event type ${type}: schema version must be a whole number of 1 or more`);
    for (const key of Object.keys(upcasters)) {
        const from = Number(key);
        if (!Number.isInteger(from) || from < 1 || from >= schemaVersion)
            throw new Error(`event type ${type}: an upcaster from version ${key} makes no sense when the current version is ${schemaVersion} (upcasters read versions 1 to ${schemaVersion - 1})`);
    }
};
exports.checkUpcasters = checkUpcasters;
/** The first step from `from` to `to` that has no upcaster, if any. */
const missingStep = (upcasters, from, to) => {
    for (let version = from; version < to; version++)
        if (upcasters[version] === undefined)
            return { from: version, to: version + 1 };
    return undefined;
};
exports.missingStep = missingStep;
const isJsonObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/**
 * Runs the chain of upcasters from the version the data was stored in up to `to`, one step at a
 * time. `data` is what `JSON.parse` made of the stored text, so it holds JSON values only.
 */
const upcastData = (upcasters, from, to, data, context) => {
    if (from >= to)
        return E.right(data);
    const gap = (0, exports.missingStep)(upcasters, from, to);
    if (gap !== undefined)
        return E.left({ kind: 'missingStep', ...gap });
    if (!isJsonObject(data))
        return E.left({ kind: 'notAnObject' });
    let current = data;
    for (let version = from; version < to; version++) {
        const step = upcasters[version];
        if (step === undefined)
            return E.left({ kind: 'missingStep', from: version, to: version + 1 });
        try {
            current = step(current, context);
        }
        catch (error) {
            return E.left({
                kind: 'stepFailed',
                from: version,
                to: version + 1,
                reason: error instanceof Error ? error.message : String(error),
            });
        }
    }
    return E.right(current);
};
exports.upcastData = upcastData;
