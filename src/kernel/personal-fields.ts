import * as t from 'io-ts';

/**
 * Personal data, as the codecs declare it: a field marked with `personal(codec, subjectField)`
 * holds a person's data (a name), and its sibling `subjectField` holds whose it is (the data
 * subject's id). The library seals such a value before it is recorded and opens it when it is
 * read (src/personal), so the codecs, the deciders and the state see plain text as before.
 *
 * The declarations are found once per codec by walking its structure (`personalFields`): props of
 * interfaces, exact, partial, readonly and refined types, every branch of a union or an
 * intersection, and every element of an array. A field inside a recursive codec is not found:
 * declare it where the walk reaches.
 */

interface PersonalDeclaration {
  readonly subjectField: string;
}

const declarations = new WeakMap<t.Mixed, PersonalDeclaration>();

/** Marks `codec` as a personal field whose data subject's id is in the sibling `subjectField`. */
export const personal = <C extends t.Mixed>(
  codec: C,
  subjectField: string,
): t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown> => {
  const marked = new t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown>(
    codec.name,
    (u): u is t.TypeOf<C> => codec.is(u),
    (u, c) => codec.validate(u, c),
    (a) => codec.encode(a) as t.OutputOf<C>,
  );
  declarations.set(marked, { subjectField });
  return marked;
};

/** Stands for "each element" in a path through arrays. */
export const EACH: unique symbol = Symbol('each element');
export type PathStep = string | typeof EACH;

/** Where a personal field is: the object that holds it, reached by `steps`, and its two keys. */
export interface PersonalField {
  readonly steps: readonly PathStep[];
  readonly field: string;
  readonly subjectField: string;
}

interface Walkable {
  readonly _tag?: string;
  readonly props?: t.Props;
  readonly type?: t.Mixed;
  readonly types?: readonly t.Mixed[];
}

const MAX_DEPTH = 32;

const walk = (codec: t.Mixed, steps: readonly PathStep[], found: PersonalField[]): void => {
  if (steps.length > MAX_DEPTH) return;
  const c = codec as unknown as Walkable;
  switch (c._tag) {
    case 'InterfaceType':
    case 'PartialType':
    case 'StrictType':
      for (const [key, prop] of Object.entries(c.props ?? {})) {
        const declared = declarations.get(prop);
        if (declared !== undefined)
          found.push({ steps, field: key, subjectField: declared.subjectField });
        else walk(prop, [...steps, key], found);
      }
      return;
    case 'ExactType':
    case 'ReadonlyType':
    case 'RefinementType':
      if (c.type !== undefined) walk(c.type, steps, found);
      return;
    case 'IntersectionType':
    case 'UnionType':
      for (const member of c.types ?? []) walk(member, steps, found);
      return;
    case 'ArrayType':
    case 'ReadonlyArrayType':
      if (c.type !== undefined) walk(c.type, [...steps, EACH], found);
      return;
    default:
      return;
  }
};

const known = new WeakMap<t.Mixed, readonly PersonalField[]>();

/** The personal fields `codec` declares, each once (union branches often share one). */
export const personalFields = (codec: t.Mixed): readonly PersonalField[] => {
  const cached = known.get(codec);
  if (cached !== undefined) return cached;
  const found: PersonalField[] = [];
  walk(codec, [], found);
  const byKey = new Map(found.map((f) => [pointerOf(f.steps, f.field), f]));
  const fields = [...byKey.values()];
  known.set(codec, fields);
  return fields;
};

const escape = (step: string): string => step.replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON pointer (RFC 6901) of a field; `*` stands for each element of an array. */
export const pointerOf = (steps: readonly (PathStep | number)[], field: string): string =>
  [...steps, field].map((s) => (s === EACH ? '/*' : `/${escape(String(s))}`)).join('');

/** One personal value found in a value: where it is, whose it is, and what it holds now. */
export interface FoundPersonal {
  /** Its JSON pointer within the value walked: `/officer/holder`, `/delegations/0/head/holder`. */
  readonly pointer: string;
  readonly value: unknown;
  /** The sibling's content: the data subject's id, if the value names one. */
  readonly subjectId: unknown;
  readonly subjectPointer: string;
}

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * Every personal value in `value` (absent fields are not listed), with a copy of `value` in which
 * each is replaced by what `replace` answers; parts off the personal paths are shared, not copied.
 */
export const mapPersonal = (
  fields: readonly PersonalField[],
  value: unknown,
  replace: (found: FoundPersonal) => unknown = (found) => found.value,
): { readonly found: readonly FoundPersonal[]; readonly value: unknown } => {
  const found: FoundPersonal[] = [];
  let root = value;
  // One trail for the whole walk, pushed and popped: most values hold no personal field, and
  // their walk should allocate nothing.
  const trail: (string | number)[] = [];
  for (const field of fields) {
    const visit = (node: unknown, at: number): unknown => {
      if (at === field.steps.length) {
        if (!isRecord(node) || !Object.prototype.hasOwnProperty.call(node, field.field))
          return node;
        const entry: FoundPersonal = {
          pointer: pointerOf(trail, field.field),
          value: node[field.field],
          subjectId: node[field.subjectField],
          subjectPointer: pointerOf(trail, field.subjectField),
        };
        found.push(entry);
        const replaced = replace(entry);
        return replaced === entry.value ? node : { ...node, [field.field]: replaced };
      }
      const step = field.steps[at];
      if (step === EACH) {
        if (!Array.isArray(node)) return node;
        let copy: unknown[] | undefined;
        node.forEach((element: unknown, index) => {
          trail.push(index);
          const next = visit(element, at + 1);
          trail.pop();
          if (next !== element) (copy ??= [...node])[index] = next;
        });
        return copy ?? node;
      }
      if (step === undefined || !isRecord(node) || !(step in node)) return node;
      const child = node[step];
      trail.push(step);
      const next = visit(child, at + 1);
      trail.pop();
      return next === child ? node : { ...node, [step]: next };
    };
    root = visit(root, 0);
  }
  return { found, value: root };
};
