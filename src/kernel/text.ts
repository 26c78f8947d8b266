import * as t from 'io-ts';

/**
 * Free text is part of a permanent record, so every free-text field uses one of these codecs.
 * Decoding normalises the value (Unicode NFC, then white space trimmed from both ends) and refuses
 * what could disguise it or overrun a reader: control characters, bidirectional controls,
 * characters that are only invisible, lone surrogates, and values that are empty, invisible-only
 * or longer than their kind allows. Nothing else is changed.
 *
 * The most characters each kind may have, counted in code points after normalisation.
 */
export const textMaxima = {
  /** People, organisations, groups, venues, places, missions, ranks, actors, custom sectors. */
  Name: 200,
  /** Titles of posts, instruments and meetings, and an MoU's subject. */
  Title: 300,
  /** Source references, publishers, URLs, note verbale numbers. */
  Reference: 500,
  /** Why something was done: reasons, and the basis of a legal determination. */
  Reason: 2000,
  /** What was said or done: summaries, statements, action items, notes. */
  Description: 2000,
} as const;
export type TextKind = keyof typeof textMaxima;

/** A text codec: its static type is a plain `string`, so callers write ordinary literals. */
export type TextCodec = t.RefinementType<t.StringC, string, string, unknown>;

// Unicode White_Space trimmed from the ends, except the controls (tab, line feed...) and the line
// and paragraph separators: those are refused wherever they are, not quietly dropped.
const EDGE_SPACE =
  /^[\u0020\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+|[\u0020\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+$/g;

/** Every character refused anywhere in a value; `forbiddenKind` says which kind each is. */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\u{E0000}-\u{E007F}\p{Cs}]/u;

/** Nothing a reader can see: white space and default-ignorable characters (ZWNJ, ZWJ...) only. */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}]*$/u;

/** Printable ASCII is its own NFC form: the common case need not be normalised to be checked. */
const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/;

const between = (cp: number, low: number, high: number): boolean => cp >= low && cp <= high;

const forbiddenKind = (cp: number): string | undefined => {
  if (cp <= 0x1f || between(cp, 0x7f, 0x9f)) return 'control character';
  if (cp === 0x2028 || cp === 0x2029) return 'line break';
  if (
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    between(cp, 0x202a, 0x202e) ||
    between(cp, 0x2066, 0x2069)
  )
    return 'bidirectional control';
  if (between(cp, 0xd800, 0xdfff)) return 'lone surrogate';
  // Zero-width and format characters that carry no meaning in a record, only a disguise.
  if (
    cp === 0x00ad ||
    cp === 0x180e ||
    cp === 0x200b ||
    between(cp, 0x2060, 0x2064) ||
    between(cp, 0x206a, 0x206f) ||
    cp === 0xfeff ||
    between(cp, 0xfff9, 0xfffb) ||
    between(cp, 0xe0000, 0xe007f)
  )
    return 'invisible character';
  return undefined;
};

const codePoint = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first refused character, by its position in code points from 1, in what was sent. */
const firstForbidden = (s: string): string | undefined => {
  if (!FORBIDDEN.test(s)) return undefined;
  let at = 0;
  // Iterating a string yields code points, and a lone surrogate on its own.
  for (const ch of s) {
    at += 1;
    const cp = ch.codePointAt(0) ?? 0;
    const kind = forbiddenKind(cp);
    if (kind !== undefined) return `contains the ${kind} ${codePoint(cp)} at character ${at}`;
  }
  return undefined;
};

/** The normal form every text is stored in: NFC, without surrounding white space. */
export const normaliseText = (s: string): string =>
  (PRINTABLE_ASCII.test(s) ? s : s.normalize('NFC')).replace(EDGE_SPACE, '');

const lengthOf = (s: string): number => {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
};

/** What is wrong with a value of at most `max` characters once normalised, if anything. */
const problemOf = (normalised: string, max: number): string | undefined => {
  if (normalised.length === 0) return 'is empty or only white space';
  if (INVISIBLE_ONLY.test(normalised)) return 'has no visible character';
  // A string has at least as many UTF-16 units as code points: most values need no count.
  if (normalised.length > max) {
    const length = lengthOf(normalised);
    if (length > max) return `is ${length} characters long`;
  }
  return undefined;
};

/**
 * The same answer as the general check for printable ASCII, the usual text, without its
 * patterns: such a value has nothing forbidden, is its own NFC form, counts one character per
 * unit, and its only white space or invisible character is the space, so it is in normal form
 * with no problem when it is not empty, not too long, and neither starts nor ends with a space
 * (it then has a visible character). A property test holds the two to the same answers.
 */
const isStoredAscii = (u: string, max: number): boolean =>
  u.length > 0 &&
  u.length <= max &&
  u.charCodeAt(0) !== 0x20 &&
  u.charCodeAt(u.length - 1) !== 0x20;

const textCodec = (kind: TextKind): TextCodec => {
  const max = textMaxima[kind];
  // Only a value already in normal form is one: anything else goes through `validate`, which
  // normalises, so checks compiled from the codec (`decode`) never skip the normalisation.
  const is = (u: unknown): u is string =>
    typeof u === 'string' &&
    (PRINTABLE_ASCII.test(u)
      ? isStoredAscii(u, max)
      : !FORBIDDEN.test(u) && normaliseText(u) === u && problemOf(u, max) === undefined);
  return new t.RefinementType(
    `${kind} (at most ${max} characters)`,
    is,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c);
      const forbidden = firstForbidden(u);
      if (forbidden !== undefined) return t.failure(u, c, forbidden);
      const normalised = normaliseText(u);
      const problem = problemOf(normalised, max);
      return problem === undefined ? t.success(normalised) : t.failure(u, c, problem);
    },
    t.string.encode,
    t.string,
    is,
  );
};

export const Name = textCodec('Name');
export const Title = textCodec('Title');
export const Reference = textCodec('Reference');
export const Reason = textCodec('Reason');
export const Description = textCodec('Description');
