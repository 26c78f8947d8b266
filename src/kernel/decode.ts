import * as E from 'fp-ts/Either';
import * as t from 'io-ts';

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
export const decode = <A, O>(codec: t.Type<A, O, unknown>, value: unknown): t.Validation<A> =>
  isExactly(codec, value) ? E.right(value as A) : codec.decode(value);

/** Whether `codec.decode(value)` would succeed with a value equal to `value` itself. */
export const isExactly = (codec: t.Mixed, value: unknown): boolean =>
  checkOf(codec)(value) === SAME;

/**
 * `codec.encode(value)` for a value the codec accepts exactly as it is (see `isExactly`): that
 * value itself when every part of the codec encodes what it accepts unchanged, as io-ts's own
 * codecs of plain data do (an exact codec then has no key to strip); otherwise the codec's own
 * `encode`.
 */
export const encodeExact = <A, O>(codec: t.Type<A, O, unknown>, value: A): O =>
  encodesAsIs(codec) ? (value as unknown as O) : codec.encode(value);

const asIs = new WeakMap<t.Mixed, boolean>();

/** Whether encoding returns every exactly accepted value unchanged, judged from the structure. */
const encodesAsIs = (codec: t.Mixed): boolean => {
  const known = asIs.get(codec);
  if (known !== undefined) return known;
  asIs.set(codec, false); // a recursive codec is not judged through itself
  const judged = judgeEncoding(codec);
  asIs.set(codec, judged);
  return judged;
};

const judgeEncoding = (codec: t.Mixed): boolean => {
  if (codec.encode === t.identity) return true;
  const c = structureOf(codec);
  switch (c._tag) {
    case 'ExactType':
    case 'ReadonlyType':
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return c.type !== undefined && encodesAsIs(c.type);
    case 'RefinementType':
      // A refinement encodes as its base does, unless it was given an encoding of its own.
      return c.type !== undefined && codec.encode === c.type.encode && encodesAsIs(c.type);
    case 'InterfaceType':
    case 'PartialType':
      return Object.values(c.props ?? {}).every((prop: t.Mixed) => encodesAsIs(prop));
    case 'IntersectionType':
    case 'UnionType':
    case 'TupleType':
      return (c.types ?? []).every(encodesAsIs);
    default:
      return false;
  }
};

const SAME = 0;
const FAILS = 1;
const OTHER = 2;
type Verdict = typeof SAME | typeof FAILS | typeof OTHER;
type Check = (u: unknown) => Verdict;

/** The structure io-ts keeps on its codecs (its classes expose these as public fields). */
interface Structured {
  readonly _tag?: string;
  readonly type?: t.Mixed;
  readonly types?: readonly t.Mixed[];
  readonly props?: t.Props;
  readonly predicate?: (value: unknown) => boolean;
  /** A union's discriminating property, when io-ts found one. */
  readonly tag?: string;
  readonly value?: unknown;
}

const structureOf = (codec: t.Mixed): t.Mixed & Structured => codec;

/** Never read: a decode that succeeds does not look at its context. */
const NO_CONTEXT: t.Context = Object.freeze([]);

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** What io-ts counts as an object with properties. */
const isRecord = (u: unknown): u is Record<string, unknown> => t.UnknownRecord.is(u);

/** Combines the verdicts of parts that must all pass. */
const both = (a: Verdict, b: Verdict): Verdict =>
  a === FAILS || b === FAILS ? FAILS : a === OTHER || b === OTHER ? OTHER : SAME;

/** No key outside `keep`, as io-ts's `stripKeys` looks (own names, enumerable or not). */
const keepsEveryKey = (u: object, keep: t.Props): boolean => {
  for (const key of Object.getOwnPropertyNames(u)) if (!hasOwn(keep, key)) return false;
  return true;
};

/** The properties an exact codec keeps, as io-ts finds them. */
const propsOf = (codec: t.Mixed): t.Props | undefined => {
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
      const all: Record<string, t.Mixed> = {};
      for (const part of c.types ?? []) Object.assign(all, propsOf(part));
      return all;
    }
    default:
      return undefined;
  }
};

/** The literal a union member requires at `tag`, found through the usual wrappers. */
const tagValueOf = (codec: t.Mixed, tag: string): { readonly value: unknown } | undefined => {
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

const compiled = new WeakMap<t.Mixed, Check>();

const checkOf = (codec: t.Mixed): Check => {
  const known = compiled.get(codec);
  if (known !== undefined) return known;
  // A recursive codec reaches itself while being compiled: it then finds this forwarder.
  const slot: { check?: Check } = {};
  compiled.set(codec, (u) => (slot.check ?? validateDirectly(codec))(u));
  slot.check = compile(codec);
  compiled.set(codec, slot.check);
  return slot.check;
};

/** Any other codec (this library's own checked strings among them) is asked directly. */
const validateDirectly =
  (codec: t.Mixed): Check =>
  (u) => {
    const result = codec.validate(u, NO_CONTEXT);
    if (E.isLeft(result)) return FAILS;
    return result.right === u ? SAME : OTHER;
  };

const compileProps = (props: t.Props, optional: boolean): Check => {
  const keys = Object.keys(props);
  const checks = keys.map((key) => checkOf(props[key] as t.Mixed));
  return (u) => {
    if (!isRecord(u)) return FAILS;
    let verdict: Verdict = SAME;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const value = u[key];
      let part = (checks[i] as Check)(value);
      // A partial codec ignores a failure on an absent or undefined property; a required one
      // makes a missing key present when its codec accepts undefined, which is a change.
      if (optional && value === undefined) part = part === OTHER ? OTHER : SAME;
      else if (!optional && value === undefined && !hasOwn(u, key))
        part = part === SAME ? OTHER : part;
      verdict = both(verdict, part);
      if (verdict === FAILS) return FAILS;
    }
    return verdict;
  };
};

const compileUnion = (c: t.Mixed & Structured): Check => {
  const members = c.types ?? [];
  const checks = members.map(checkOf);
  // A tagged union decodes with the one member its tag names, as io-ts's index does.
  const byTag = new Map<unknown, Check>();
  const tag = c.tag;
  if (tag !== undefined)
    for (const [i, member] of members.entries()) {
      const found = tagValueOf(member, tag);
      if (found === undefined || byTag.has(found.value)) {
        byTag.clear();
        break;
      }
      byTag.set(found.value, checks[i] as Check);
    }
  if (tag !== undefined && byTag.size === members.length)
    return (u) => {
      if (!isRecord(u)) return FAILS;
      const check = byTag.get(u[tag]);
      return check === undefined ? FAILS : check(u);
    };
  // Otherwise the first member that decodes wins.
  return (u) => {
    for (const check of checks) {
      const verdict = check(u);
      if (verdict !== FAILS) return verdict;
    }
    return FAILS;
  };
};

const compileIntersection = (c: t.Mixed & Structured): Check => {
  // Each exact member strips what it does not know, and io-ts merges what the members keep: a
  // key survives if any member keeps it, and every key does if one member is not exact.
  let keep: Record<string, t.Mixed> | undefined = {};
  const checks: Check[] = [];
  for (const part of c.types ?? []) {
    const member = structureOf(part);
    const exactProps =
      member._tag === 'ExactType' && member.type !== undefined ? propsOf(member.type) : undefined;
    if (exactProps === undefined) keep = undefined;
    else if (keep !== undefined) Object.assign(keep, exactProps);
    checks.push(checkOf(exactProps === undefined ? part : (member.type as t.Mixed)));
  }
  const kept = keep;
  return (u) => {
    let verdict: Verdict = SAME;
    for (const check of checks) {
      verdict = both(verdict, check(u));
      if (verdict === FAILS) return FAILS;
    }
    if (verdict === SAME && kept !== undefined && isRecord(u) && !keepsEveryKey(u, kept))
      return OTHER;
    return verdict;
  };
};

const compileItems = (item: t.Mixed): Check => {
  const check = checkOf(item);
  return (u) => {
    if (!Array.isArray(u)) return FAILS;
    let verdict: Verdict = SAME;
    for (const value of u) {
      verdict = both(verdict, check(value));
      if (verdict === FAILS) return FAILS;
    }
    return verdict;
  };
};

const compile = (codec: t.Mixed): Check => {
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
      const inner = checkOf(c.type as t.Mixed);
      const predicate = c.predicate ?? (() => false);
      // A refinement's own validate may accept what its predicate does not, by changing it (the
      // text codecs normalise), so a value the predicate refuses is put to the codec itself.
      const direct = validateDirectly(codec);
      return (u) => {
        const verdict = inner(u);
        if (verdict !== SAME) return verdict;
        return predicate(u) ? SAME : direct(u);
      };
    }
    case 'ReadonlyType':
      return checkOf(c.type as t.Mixed);
    case 'InterfaceType':
      return compileProps(c.props ?? {}, false);
    case 'PartialType':
      return compileProps(c.props ?? {}, true);
    case 'ExactType': {
      const inner = checkOf(c.type as t.Mixed);
      const keep = propsOf(c.type as t.Mixed);
      return (u) => {
        if (!isRecord(u)) return FAILS;
        const verdict = inner(u);
        if (verdict !== SAME) return verdict;
        return keep !== undefined && keepsEveryKey(u, keep) ? SAME : OTHER;
      };
    }
    case 'IntersectionType':
      return compileIntersection(c);
    case 'UnionType':
      return compileUnion(c);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return compileItems(c.type as t.Mixed);
    case 'TupleType': {
      const checks = (c.types ?? []).map(checkOf);
      return (u) => {
        if (!Array.isArray(u) || u.length < checks.length) return FAILS;
        let verdict: Verdict = u.length > checks.length ? OTHER : SAME;
        for (let i = 0; i < checks.length; i++) {
          verdict = both(verdict, (checks[i] as Check)(u[i]));
          if (verdict === FAILS) return FAILS;
        }
        return verdict;
      };
    }
    default:
      return validateDirectly(codec);
  }
};
