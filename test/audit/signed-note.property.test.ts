import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import * as ledger from '../../src';
import type { SignerKey, VerifierKey } from '../../src';

const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected a value, got ${JSON.stringify(result.left)}`);
  return result.right;
};

const nameArb = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 16 })
  .filter((s) => ledger.isValidKeyName(s));
const keysArb = nameArb.map((name): [SignerKey, VerifierKey] => {
  const generated = right(ledger.generateSigningKey(name));
  return [
    right(ledger.parseSignerKey(generated.signerKey)),
    right(ledger.parseVerifierKey(generated.verifierKey)),
  ];
});
// Any text a note may hold: no control character but newline, ending in a newline.
/* eslint-disable no-control-regex -- stripping control characters is the point */
const textArb = fc
  .array(
    fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[\u0000-\u001f]/g, '')),
    { minLength: 1, maxLength: 5 },
  )
  .map((lines) => `${lines.join('\n')}\n`);
/* eslint-enable no-control-regex */

describe('signed note properties (through the package index)', () => {
  test('signed by random keys, a random text opens to itself with every signer', () => {
    fc.assert(
      fc.property(fc.array(keysArb, { minLength: 1, maxLength: 3 }), textArb, (keys, text) => {
        const note = right(
          ledger.signNote(
            text,
            keys.map(([s]) => s),
          ),
        );
        const opened = right(
          ledger.openNote(
            note,
            keys.map(([, v]) => v),
          ),
        );
        expect(opened.text).toBe(text);
        const names = new Set(opened.verified.map((s) => s.verifier.encoded));
        expect(names).toEqual(new Set(keys.map(([, v]) => v.encoded)));
        const [, firstVerifier] = keys[0] as [SignerKey, VerifierKey];
        expect(right(ledger.openNote(note, [firstVerifier])).text).toBe(text);
      }),
      { numRuns: 40 },
    );
  });

  test('changing, removing or adding a character of the text is refused', () => {
    fc.assert(
      fc.property(
        keysArb,
        textArb,
        fc.nat(),
        fc.constantFrom('x', '\n', 'é', ''),
        (keys, text, at, c) => {
          const [signer, verifier] = keys;
          const note = right(ledger.signNote(text, [signer]));
          const i = at % text.length;
          const changed = note.slice(0, i) + c + note.slice(i + (at % 2));
          fc.pre(changed.slice(0, changed.lastIndexOf('\n\n') + 1) !== text);
          expect(E.isLeft(ledger.openNote(changed, [verifier]))).toBe(true);
        },
      ),
    );
  });

  test('a note signed by one key never opens with only another', () => {
    fc.assert(
      fc.property(keysArb, keysArb, textArb, ([signer], [, other], text) => {
        fc.pre(signer.verifier.encoded !== other.encoded);
        const note = right(ledger.signNote(text, [signer]));
        const result = ledger.openNote(note, [other]);
        expect(E.isLeft(result) && result.left.kind).toBe('UnverifiedNote');
      }),
      { numRuns: 30 },
    );
  });
});
