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
exports.struct = exports.EngagementId = exports.PositiveInteger = exports.NonEmptyString = exports.checkedString = void 0;
const t = __importStar(require("io-ts"));
/** A refinement that keeps its base's static type and fails with its own name. */
const refine = (base, name, is) => new t.RefinementType(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), (a) => base.encode(a), base, (a) => is(a));
/**
 * A codec whose static type is a plain `string` but whose runtime check is stricter.
 * Callers write ordinary string literals; bad values are caught when a command or event is decoded.
 * It is an io-ts refinement of `t.string`, so checks compiled from codecs (`decode`) see a string
 * and a predicate, and confirm a value without asking the codec to build a result.
 */
const checkedString = (name, isValid) => refine(t.string, name, (u) => typeof u === 'string' && isValid(u));
exports.checkedString = checkedString;
/** A string with at least one non-space character. */
exports.NonEmptyString = (0, exports.checkedString)('NonEmptyString', (s) => s.trim().length > 0);
/** A whole number of one or more. */
exports.PositiveInteger = refine(t.number, 'PositiveInteger', (u) => typeof u === 'number' && Number.isInteger(u) && u >= 1);
/**
 * An identifier chosen by the user for an engagement (`mou-pk-bh-extradition`): letters, digits,
 * dot, underscore and hyphen, so it is safe inside a stream name on every store.
 */
exports.EngagementId = (0, exports.checkedString)('EngagementId', (s) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(s));
/**
 * An object codec with required and optional properties, without the intersection boilerplate.
 * Unknown properties are stripped, so nothing a caller adds by mistake is recorded for ever.
 */
const struct = (name, required, optional) => t.intersection([t.exact(t.type(required)), t.exact(t.partial(optional))], name);
exports.struct = struct;
