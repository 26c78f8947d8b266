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
exports.decode = void 0;
const E = __importStar(require("fp-ts/Either"));
const t = __importStar(require("io-ts"));
/**
 * `codec.decode(value)`, with an equal result, found faster when the value is already exactly
 * what the codec decodes it to (the usual case for stored events and well-formed commands).
 *
 * io-ts builds a context for every property it checks, so that a failure can name its path, and
 * tries a union's members through generic code. Most values pass, and then that work is thrown
 * away: in the command and replay profiles it was a large part of the cost. Here each codec is
 * compiled once, from its own structure, into a check with no context, which answers one of
 * three things for each part of a value: it decodes to an equal value (`same`), it certainly
 * fails (`fails`), or anything else (`other`: a key an exact codec would strip, a codec whose
 * decoding changes the value, a kind of codec not known here). Only `same` at the top is
 * answered here, as `right(value)`: io-ts would return the value itself or, for an intersection
 * of exact parts, a copy equal to it. Every other case goes to `codec.decode`, which names the
 * failing path.
 */
const decode = (codec, value) => checkOf(codec)(value) === SAME ? E.right(value) : codec.decode(value);
exports.decode = decode;
const SAME = 0;
const FAILS = 1;
const OTHER = 2;
const structureOf = (codec) => codec;
/** Never read: a decode that succeeds does not look at its context. */
const NO_CONTEXT = Object.freeze([]);
const hasOwn = (o, key) => Object.prototype.hasOwnProperty.call(o, key);
/** What io-ts counts as an object with properties. */
const isRecord = (u) => t.UnknownRecord.is(u);
/** Combines the verdicts of parts that must all pass. */
const both = (a, b) => a === FAILS || b === FAILS ? FAILS : a === OTHER || b === OTHER ? OTHER : SAME;
/** No key outside `keep`, as io-ts's `stripKeys` looks (own names, enumerable or not). */
const keepsEveryKey = (u, keep) => {
    for (const key of Object.getOwnPropertyNames(u))
        if (!hasOwn(keep, key))
            return false;
    return true;
};
/** The properties an exact codec keeps, as io-ts finds them. */
const propsOf = (codec) => {
    const c = structureOf(codec);
    switch (c._tag) {
        case 'RefinementType':
        case 'ReadonlyType':
            return c.type === undefined ? undefined : propsOf(c.type);
        case 'InterfaceType':
        case 'StrictType':
        case 'PartialType':
            return c.props;
        case 'IntersectionType': {
            const all = {};
            for (const part of c.types ?? [])
                Object.assign(all, propsOf(part));
            return all;
        }
        default:
            return undefined;
    }
};
/** The literal a union member requires at `tag`, found through the usual wrappers. */
const tagValueOf = (codec, tag) => {
    const c = structureOf(codec);
    switch (c._tag) {
        case 'ExactType':
        case 'RefinementType':
        case 'ReadonlyType':
            return c.type === undefined ? undefined : tagValueOf(c.type, tag);
        case 'InterfaceType':
        case 'StrictType': {
            const prop = c.props?.[tag];
            const literal = prop === undefined ? undefined : structureOf(prop);
            return literal?._tag === 'LiteralType' ? { value: literal.value } : undefined;
        }
        case 'IntersectionType': {
            const found = (c.types ?? []).map((part) => tagValueOf(part, tag));
            const values = found.filter((f) => f !== undefined);
            return values.length === 1 ? values[0] : undefined;
        }
        default:
            return undefined;
    }
};
const compiled = new WeakMap();
const checkOf = (codec) => {
    const known = compiled.get(codec);
    if (known !== undefined)
        return known;
    // A recursive codec reaches itself while being compiled: it then finds this forwarder.
    const slot = {};
    compiled.set(codec, (u) => (slot.check ?? validateDirectly(codec))(u));
    slot.check = compile(codec);
    compiled.set(codec, slot.check);
    return slot.check;
};
/** Any other codec (this library's own checked strings among them) is asked directly. */
const validateDirectly = (codec) => (u) => {
    const result = codec.validate(u, NO_CONTEXT);
    if (E.isLeft(result))
        return FAILS;
    return result.right === u ? SAME : OTHER;
};
const compileProps = (props, optional) => {
    const keys = Object.keys(props);
    const checks = keys.map((key) => checkOf(props[key]));
    return (u) => {
        if (!isRecord(u))
            return FAILS;
        let verdict = SAME;
        for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            const value = u[key];
            let part = checks[i](value);
            // A partial codec ignores a failure on an absent or undefined property; a required one
            // makes a missing key present when its codec accepts undefined, which is a change.
            if (optional && value === undefined)
                part = part === OTHER ? OTHER : SAME;
            else if (!optional && value === undefined && !hasOwn(u, key))
                part = part === SAME ? OTHER : part;
            verdict = both(verdict, part);
            if (verdict === FAILS)
                return FAILS;
        }
        return verdict;
    };
};
const compileUnion = (c) => {
    const members = c.types ?? [];
    const checks = members.map(checkOf);
    // A tagged union decodes with the one member its tag names, as io-ts's index does.
    const byTag = new Map();
    const tag = c.tag;
    if (tag !== undefined)
        for (const [i, member] of members.entries()) {
            const found = tagValueOf(member, tag);
            if (found === undefined || byTag.has(found.value)) {
                byTag.clear();
                break;
            }
            byTag.set(found.value, checks[i]);
        }
    if (tag !== undefined && byTag.size === members.length)
        return (u) => {
            if (!isRecord(u))
                return FAILS;
            const check = byTag.get(u[tag]);
            return check === undefined ? FAILS : check(u);
        };
    // Otherwise the first member that decodes wins.
    return (u) => {
        for (const check of checks) {
            const verdict = check(u);
            if (verdict !== FAILS)
                return verdict;
        }
        return FAILS;
    };
};
const compileIntersection = (c) => {
    // Each exact member strips what it does not know, and io-ts merges what the members keep: a
    // key survives if any member keeps it, and every key does if one member is not exact.
    let keep = {};
    const checks = [];
    for (const part of c.types ?? []) {
        const member = structureOf(part);
        const exactProps = member._tag === 'ExactType' && member.type !== undefined ? propsOf(member.type) : undefined;
        if (exactProps === undefined)
            keep = undefined;
        else if (keep !== undefined)
            Object.assign(keep, exactProps);
        checks.push(checkOf(exactProps === undefined ? part : member.type));
    }
    const kept = keep;
    return (u) => {
        let verdict = SAME;
        for (const check of checks) {
            verdict = both(verdict, check(u));
            if (verdict === FAILS)
                return FAILS;
        }
        if (verdict === SAME && kept !== undefined && isRecord(u) && !keepsEveryKey(u, kept))
            return OTHER;
        return verdict;
    };
};
const compileItems = (item) => {
    const check = checkOf(item);
    return (u) => {
        if (!Array.isArray(u))
            return FAILS;
        let verdict = SAME;
        for (const value of u) {
            verdict = both(verdict, check(value));
            if (verdict === FAILS)
                return FAILS;
        }
        return verdict;
    };
};
const compile = (codec) => {
    const c = structureOf(codec);
    switch (c._tag) {
        case 'StringType':
        case 'NumberType':
        case 'BooleanType':
        case 'NullType':
        case 'UndefinedType':
        case 'UnknownType':
        case 'LiteralType':
        case 'KeyofType':
            return (u) => (c.is(u) ? SAME : FAILS);
        case 'RefinementType': {
            const inner = checkOf(c.type);
            const predicate = c.predicate ?? (() => false);
            return (u) => {
                const verdict = inner(u);
                if (verdict !== SAME)
                    return verdict;
                return predicate(u) ? SAME : FAILS;
            };
        }
        case 'ReadonlyType':
            return checkOf(c.type);
        case 'InterfaceType':
            return compileProps(c.props ?? {}, false);
        case 'PartialType':
            return compileProps(c.props ?? {}, true);
        case 'ExactType': {
            const inner = checkOf(c.type);
            const keep = propsOf(c.type);
            return (u) => {
                if (!isRecord(u))
                    return FAILS;
                const verdict = inner(u);
                if (verdict !== SAME)
                    return verdict;
                return keep !== undefined && keepsEveryKey(u, keep) ? SAME : OTHER;
            };
        }
        case 'IntersectionType':
            return compileIntersection(c);
        case 'UnionType':
            return compileUnion(c);
        case 'ArrayType':
        case 'ReadonlyArrayType':
            return compileItems(c.type);
        case 'TupleType': {
            const checks = (c.types ?? []).map(checkOf);
            return (u) => {
                if (!Array.isArray(u) || u.length < checks.length)
                    return FAILS;
                let verdict = u.length > checks.length ? OTHER : SAME;
                for (let i = 0; i < checks.length; i++) {
                    verdict = both(verdict, checks[i](u[i]));
                    if (verdict === FAILS)
                        return FAILS;
                }
                return verdict;
            };
        }
        default:
            return validateDirectly(codec);
    }
};
