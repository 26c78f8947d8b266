import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  JointWorkingGroup,
  Sector,
  sectorKey,
  type JointWorkingGroupCommand,
} from '../../src/domain/joint-working-group';
import { ProposeMoU } from '../../src/domain/mou';
import { handleCommand } from '../../src/kernel/command-handler';
import { decode } from '../../src/kernel/decode';
import {
  Description,
  Name,
  Reason,
  Reference,
  textMaxima,
  Title,
  type TextCodec,
  type TextKind,
} from '../../src/kernel/text';
import { formatIssues, toIssues } from '../../src/kernel/validation';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context, snapshot } from '../support/context';

const codecs: readonly (readonly [TextKind, TextCodec])[] = [
  ['Name', Name],
  ['Title', Title],
  ['Reference', Reference],
  ['Reason', Reason],
  ['Description', Description],
];

/** What may never be stored, written out apart from the codecs so a slip in one shows. */
const forbidden: readonly (readonly [number, number])[] = [
  [0x0000, 0x001f], // C0 controls, tab and newline among them
  [0x007f, 0x009f], // DEL and C1 controls
  [0x00ad, 0x00ad], // soft hyphen
  [0x061c, 0x061c], // Arabic letter mark
  [0x180e, 0x180e], // Mongolian vowel separator
  [0x200b, 0x200b], // zero-width space
  [0x200e, 0x200f], // left-to-right and right-to-left marks
  [0x2028, 0x2029], // line and paragraph separators
  [0x202a, 0x202e], // embeddings and overrides
  [0x2060, 0x2064], // word joiner, invisible operators
  [0x2066, 0x2069], // isolates
  [0xd800, 0xdfff], // lone surrogates (a pair is read as one code point)
  [0xfeff, 0xfeff], // zero-width no-break space
  [0xfff9, 0xfffb], // interlinear annotation
  [0xe0000, 0xe007f], // tags
];

const forbiddenIn = (s: string): number | undefined => {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (forbidden.some(([low, high]) => cp >= low && cp <= high)) return cp;
  }
  return undefined;
};

const codePoints = (s: string): number => [...s].length;

/** Text a person could mean: letters precomposed and decomposed, joiners, inner spaces. */
const letter = fc.constantFrom(
  'a',
  'e',
  'é',
  'e\u0301',
  'Å',
  'ñ',
  'ş',
  '한',
  '\u1100\u1161',
  'ی',
  '😀',
);
const meant = fc
  .tuple(
    letter,
    fc.array(
      fc.oneof({ arbitrary: letter, weight: 4 }, fc.constantFrom(' ', '-', '\u200c', '\u200d')),
      {
        maxLength: 20,
      },
    ),
  )
  .map(([first, rest]) => [first, ...rest].join(''));

/** Characters that matter here, mixed with any code point and any lone surrogate. */
const special = fc.constantFrom(
  ...['\u0000', '\t', '\n', '\r', '\u001f', '\u007f', '\u0085', '\u009f', '\u00ad', '\u061c'],
  ...['\u180e', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a'],
  ...['\u202e', '\u2060', '\u2064', '\u2066', '\u2069', '\ufeff', '\ufff9', '\ufffb', '\u{e0001}'],
  ...['\u{e007f}', ' ', ' ', '\u00a0', '\u3000', '\u2003', '\u0301', '\u0308', '\ufe0f', 'e'],
  ...['E', 'é', 'ß', 'ﬁ', '한', '\u1100', '\u1161', 'ی', '😀', '\ud800', '\udfff', '-', '_'],
);
const unit = fc.oneof(
  { arbitrary: special, weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
  {
    arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)),
    weight: 1,
  },
);
const anyText = fc.oneof(
  { arbitrary: fc.string({ unit, maxLength: 24 }), weight: 6 },
  { arbitrary: fc.string({ unit: fc.oneof(unit, letter, letter), maxLength: 24 }), weight: 3 },
  { arbitrary: fc.string({ unit, minLength: 190, maxLength: 320 }), weight: 1 },
);

describe.each(codecs)('%s', (kind, codec) => {
  const max = textMaxima[kind];

  it('never stores a forbidden character, and stores only NFC and trimming of what was sent', () => {
    fc.assert(
      fc.property(anyText, (sent) => {
        const result = codec.decode(sent);
        expect(decode(codec, sent)).toStrictEqual(result);
        if (E.isLeft(result)) return;
        const stored = result.right;
        expect(forbiddenIn(stored)).toBeUndefined();
        expect(stored).toBe(stored.normalize('NFC'));
        expect(stored).not.toMatch(/^\s|\s$/u);
        expect(stored).not.toMatch(/^[\p{White_Space}\p{Default_Ignorable_Code_Point}]*$/u);
        expect(codePoints(stored)).toBeLessThanOrEqual(max);
        // Nothing but white space around it was dropped from the NFC form of what was sent.
        const nfc = sent.normalize('NFC');
        const at = nfc.indexOf(stored);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(nfc.slice(0, at) + nfc.slice(at + stored.length)).toMatch(/^\p{White_Space}*$/u);
        // The stored form is its own decoding, and the fast path takes it as it is.
        expect(codec.is(stored)).toBe(true);
        expect(decode(codec, stored)).toStrictEqual(E.right(stored));
      }),
      { numRuns: 600 },
    );
  });

  it('takes a value as it is exactly when decoding it gives that very value back', () => {
    const ascii = fc.string({
      unit: fc.oneof(
        { arbitrary: fc.constantFrom(' ', 'a', '~', '\u001f', '\u007f'), weight: 1 },
        {
          arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)),
          weight: 3,
        },
      ),
      maxLength: max + 3,
    });
    const nearMax = fc
      .tuple(
        fc.constantFrom('', ' '),
        fc.integer({ min: max - 2, max: max + 2 }),
        fc.constantFrom('', ' ', '\u00e9'),
      )
      .map(([before, n, after]) => `${before}${'x'.repeat(n)}${after}`);
    fc.assert(
      fc.property(fc.oneof(anyText, ascii, nearMax), (sent) => {
        const result = codec.decode(sent);
        expect(codec.is(sent)).toBe(E.isRight(result) && result.right === sent);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a value with a forbidden character anywhere in it', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (sent) => {
        if (forbiddenIn(sent) !== undefined) expect(E.isLeft(codec.decode(sent))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('reads a value, its NFD form and the value with surrounding spaces as one text', () => {
    fc.assert(
      fc.property(meant, fc.constantFrom(' ', '  ', '\u00a0', '\u3000 '), (text, space) => {
        const plain = codec.decode(text);
        expect(E.isRight(plain)).toBe(true);
        expect(codec.decode(text.normalize('NFD'))).toStrictEqual(plain);
        expect(codec.decode(`${space}${text}${space}`)).toStrictEqual(plain);
        expect(decode(codec, `${space}${text.normalize('NFD')}`)).toStrictEqual(plain);
      }),
      { numRuns: 300 },
    );
  });

  it(`refuses more than ${max} characters, counted in code points`, () => {
    fc.assert(
      fc.property(fc.constantFrom('a', 'é', 'e\u0301', '😀'), fc.nat({ max: 40 }), (ch, extra) => {
        expect(E.isRight(codec.decode(ch.repeat(max)))).toBe(true);
        const result = codec.decode(ch.repeat(max + 1 + extra));
        expect(E.isLeft(result) && formatIssues(toIssues(result.left))).toContain(
          `(at most ${max} characters), got "`,
        );
        expect(E.isLeft(result) && result.left[0]?.message).toBe(
          `is ${max + 1 + extra} characters long`,
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe('a refusal', () => {
  const propose = {
    type: 'ProposeMoU',
    mouId: 'mou-pk-bh-extradition',
    title: 'Memorandum of Understanding on Extradition',
    subject: 'extradition',
    parties: ['PK', 'BH'],
    proposedBy: 'PK',
    legalCharacter: 'undetermined',
    occurredOn: '2025-09-10',
  };

  it('names the field, the kind of text, the character and where it is', () => {
    const bad = fc.constantFrom(0x0000, 0x0009, 0x009f, 0x202e, 0x2066, 0x200b, 0xfeff, 0xe0041);
    fc.assert(
      fc.property(meant, bad, meant, (before, cp, after) => {
        const title = `${before}${String.fromCodePoint(cp)}${after}`;
        const result = ProposeMoU.decode({ ...propose, title });
        if (E.isRight(result)) throw new Error('a forbidden character was accepted');
        const issues = toIssues(result.left);
        expect(issues.map((i) => [i.path, i.expected])).toEqual([
          ['title', 'Title (at most 300 characters)'],
        ]);
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        expect(issues[0]?.problem).toMatch(
          new RegExp(`^contains the [a-z ]+ U\\+${hex} at character ${codePoints(before) + 1}$`),
        );
        expect(formatIssues(issues)).toMatch(/^title: expected Title \(at most 300 characters\)/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sectors', () => {
  const words = fc
    .array(
      fc.constantFrom('Sécurité', 'maritime', 'Straße', 'coopération', 'ÅLAND', 'دریا', '한국'),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((w) => w.join(' '));
  type Variant = (name: string) => string;
  const variants: readonly Variant[] = [
    (n) => n.normalize('NFD'),
    (n) => n.normalize('NFC'),
    (n) => n.toUpperCase(),
    (n) => n.toLowerCase(),
    (n) => `  ${n}\u00a0`,
    (n) => n.replace(/ /g, '\u200c'),
    (n) => n.replace(/ /g, '\u200b'),
    (n) => n.replace(/ /g, '-'),
    (n) => n.replace(/ /g, '_'),
    (n) => `\u200d${n}`,
    (n) => n.replace(/ /g, '\u2011'),
  ];
  const variant = fc.constantFrom(...variants);

  it('gives every spelling of one name that it accepts the same key', () => {
    fc.assert(
      fc.property(words, variant, variant, (name, a, b) => {
        const keys = [a(name), b(a(name))]
          .map((custom) => Sector.decode({ custom }))
          .filter(E.isRight)
          .map((s) => sectorKey(s.right));
        expect(keys.every((k) => k === sectorKey({ custom: name }))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never makes two sectors of two spellings of one name', async () => {
    await fc.assert(
      fc.asyncProperty(words, variant, async (name, spell) => {
        const store = createInMemoryEventStore();
        const establish: JointWorkingGroupCommand = {
          type: 'EstablishJointWorkingGroup',
          jwgId: 'jwg-pk-bh',
          name: 'Joint Working Group',
          parties: ['PK', 'BH'],
          sectors: [{ custom: name }, { custom: spell(name) }],
          occurredOn: '2025-09-10',
        };
        const result = await handleCommand(store, JointWorkingGroup, establish, context());
        expect(E.isLeft(result) && result.left.kind).toMatch(/^(InvalidCommand|RuleViolated)$/);
        expect(await snapshot(store, 'JointWorkingGroup-jwg-pk-bh')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
