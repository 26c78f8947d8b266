import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { MoU } from '../../src/domain/mou';
import { decode, encodeExact, isExactly } from '../../src/kernel/decode';
import { EngagementId, PositiveInteger, struct } from '../../src/kernel/primitives';
import { Name, Title } from '../../src/kernel/text';
import { CommandContext, EventMetadata } from '../../src/kernel/recorded-event';
import { buildWorkload } from '../bench/support/workload';

interface PositiveBrand {
  readonly Positive: unique symbol;
}

/** A string codec whose decoding changes the value: nothing may be answered without it. */
const Trimmed = new t.Type<string, string, unknown>(
  'Trimmed',
  (u): u is string => typeof u === 'string',
  (u, c) => (typeof u === 'string' ? t.success(u.trim()) : t.failure(u, c)),
  (s) => s,
);

interface TreeNode {
  readonly label: string;
  readonly children: readonly TreeNode[];
}
const Tree: t.Type<TreeNode> = t.recursion('Tree', (self) =>
  t.exact(t.type({ label: t.string, children: t.readonlyArray(self) })),
);

/** The first member normalises what the second takes as it is: io-ts picks the first. */
const Either = t.union([t.strict({ word: Name }), t.strict({ word: t.string })]);

/** One codec with every kind of part `decode` walks, and some it only asks. */
const Everything = t.intersection([
  t.type({
    text: t.string,
    count: t.number,
    flag: t.boolean,
    nothing: t.null,
    literal: t.literal('x'),
    key: t.keyof({ a: null, b: null }),
    readonly: t.readonly(t.type({ x: t.string })),
    strings: t.array(Title),
    numbers: t.readonlyArray(t.number),
    pair: t.tuple([t.string, t.number]),
    maybe: t.union([t.undefined, t.string]),
    anything: t.unknown,
    whole: PositiveInteger,
    exact: t.exact(t.type({ a: t.string })),
    tagged: t.union([
      t.strict({ kind: t.literal('a'), a: t.string }),
      t.strict({ kind: t.literal('b'), b: t.number }),
    ]),
    positive: t.brand(t.number, (n): n is t.Branded<number, PositiveBrand> => n > 0, 'Positive'),
    trimmed: Trimmed,
    nested: struct('Nested', { id: EngagementId }, { note: Name }),
    either: Either,
    tree: Tree,
  }),
  t.partial({ optional: t.string, optionalOrUndefined: t.union([t.string, t.undefined]) }),
]);

const everything = {
  text: 'a',
  count: 1.5,
  flag: true,
  nothing: null,
  literal: 'x',
  key: 'a',
  readonly: { x: 'y' },
  strings: ['one', 'two'],
  numbers: [1, 2],
  pair: ['p', 2],
  maybe: 'm',
  anything: { deep: [1] },
  whole: 3,
  exact: { a: 'b' },
  tagged: { kind: 'b', b: 2 },
  positive: 4,
  trimmed: 'already trimmed',
  nested: { id: 'n1', note: 'a note' },
  either: { word: 'plain' },
  tree: { label: 'root', children: [{ label: 'leaf', children: [] }] },
  optional: 'o',
};

/** A refinement with an encoding of its own: plain data otherwise, so only that part encodes. */
const Shouted = new t.RefinementType<t.StringC, string, string, unknown>(
  'Shouted',
  (u): u is string => typeof u === 'string',
  (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c)),
  (s) => s.toUpperCase(),
  t.string,
  () => true,
);
const Shouting = t.strict({ word: Shouted, count: PositiveInteger });

/** A dictionary's decoding copies even what it does not change: a part `decode` only asks. */
const WithRecord = t.intersection([Everything, t.type({ map: t.record(t.string, t.number) })]);

const work = buildWorkload()
  .slice(0, 2_000 * 9)
  .filter((_, i) => i % 997 === 0);
const seeds: readonly { codec: t.Mixed; value: unknown }[] = [
  { codec: Everything, value: everything },
  { codec: WithRecord, value: { ...everything, map: { a: 1 } } },
  { codec: Shouting, value: { word: 'quiet', count: 2 } },
  { codec: Either, value: { word: 'plain' } },
  ...work.map((w) => ({ codec: MoU.commands, value: w.command })),
  ...work.map((w) => ({ codec: CommandContext, value: w.context })),
  {
    codec: EventMetadata,
    value: {
      ...work[0]?.context,
      causationId: work[0]?.context.commandId,
      occurredOn: '2025-09',
      schemaVersion: 1,
      integrity: { previousHash: null, dataHash: 'a'.repeat(64), hash: 'b'.repeat(64) },
    },
  },
];

type Mutation =
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'set'; readonly at: number; readonly value: unknown }
  | { readonly op: 'add'; readonly at: number; readonly key: string; readonly value: unknown };

const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant(undefined),
  fc.constantFrom('', ' ', '  padded  ', 'x', 'a', 'b', 0, -1, 2.5, Number.NaN, [], {}),
  // Text a text codec normalises (NFD, surrounding spaces) or refuses (a control, an override).
  fc.constantFrom('Se\u0301curite\u0301', '\u00A0x\u200C ', 'a\u0000b', '\u202Eabc'),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: replacement }),
  fc.record({
    op: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('optional', 'note', 'a', '0')),
    value: replacement,
  }),
);

/** Every object and array inside a value, the value first. */
const containers = (value: unknown): (Record<string, unknown> | unknown[])[] => {
  if (typeof value !== 'object' || value === null) return [];
  const inside = Object.values(value).flatMap(containers);
  return [value as Record<string, unknown>, ...inside];
};

const applyAll = (seed: unknown, mutations: readonly Mutation[]): unknown => {
  const value = structuredClone(seed);
  for (const m of mutations) {
    const all = containers(value);
    const target = all[m.at % Math.max(1, all.length)];
    if (target === undefined) continue;
    const keys = Object.keys(target);
    const key = keys[m.at % Math.max(1, keys.length)];
    const record = target as Record<string, unknown>;
    // A copy each time: one generated value may appear in two mutations.
    if (m.op === 'add') record[m.key] = structuredClone(m.value);
    else if (key === undefined) continue;
    else if (m.op === 'delete') delete record[key];
    else record[key] = structuredClone(m.value);
  }
  return value;
};

/** A seed's codec with the seed, valid as it is or changed by up to three mutations. */
const mutated = fc
  .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { maxLength: 3 }))
  .map(([index, mutations]) => {
    const seed = seeds[index];
    if (seed === undefined) throw new Error('no seed');
    return { codec: seed.codec, value: applyAll(seed.value, mutations) };
  });

describe('decode', () => {
  it('answers exactly what io-ts decode answers, for valid and mutated values', () => {
    fc.assert(
      fc.property(mutated, ({ codec, value }) => {
        expect(decode(codec, value)).toStrictEqual(codec.decode(value));
      }),
      { numRuns: 3_000 },
    );
  });

  it('encodes an exactly accepted value as io-ts encodes it', () => {
    fc.assert(
      fc.property(mutated, ({ codec, value }) => {
        fc.pre(isExactly(codec, value));
        expect(encodeExact(codec, value)).toStrictEqual(codec.encode(value));
      }),
      { numRuns: 3_000 },
    );
  });

  it('takes a plain-data value as its own encoding, and asks a codec that encodes', () => {
    const command = work[0]?.command;
    if (command === undefined) throw new Error('no command');
    expect(encodeExact(MoU.commands, command)).toBe(command);
    const decoded = Everything.decode(everything);
    if (E.isLeft(decoded)) throw new Error('everything is valid');
    expect(encodeExact(Everything, decoded.right)).not.toBe(decoded.right);
  });

  it('hands back the very value when it is already exactly valid', () => {
    const result = decode(Everything, everything);
    expect(E.isRight(result) && result.right).toBe(everything);
  });

  it('strips what an exact codec does not know, as io-ts does', () => {
    const result = decode(Everything, { ...everything, exact: { a: 'b', extra: 1 } });
    expect(E.isRight(result) && result.right.exact).toEqual({ a: 'b' });
  });

  it('lets a codec that changes the value change it', () => {
    const result = decode(Everything, { ...everything, trimmed: '  padded  ' });
    expect(E.isRight(result) && result.right.trimmed).toBe('padded');
  });

  it('lets a text codec normalise, in an array and inside a union member', () => {
    const padded = { ...everything, strings: [' one '] };
    expect(decode(Everything, padded)).toStrictEqual(Everything.decode(padded));
    const nfd = { ...everything, either: { word: 'Se\u0301curite\u0301 ' } };
    const result = decode(Everything, nfd);
    expect(result).toStrictEqual(Everything.decode(nfd));
    expect(E.isRight(result) && result.right.either.word).toBe('S\u00E9curit\u00E9');
  });

  it('names the failing path, as io-ts does', () => {
    const result = decode(Everything, { ...everything, tagged: { kind: 'b', b: 'two' } });
    expect(E.isLeft(result)).toBe(true);
    expect(result).toEqual(Everything.decode({ ...everything, tagged: { kind: 'b', b: 'two' } }));
  });
});
