import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import { generateSigningKey, parseSignerKey, parseVerifierKey } from '../../src/audit/note-keys';
import { signNote } from '../../src/audit/signed-note';
import { signCheckpoint, verifyCheckpoint } from '../../src/audit/tree-checkpoint';
import {
  formatWitnessEntries,
  parseWitnessFile,
  type MalformedWitnessFile,
} from '../../src/audit/witness-file';

const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected a value, got ${JSON.stringify(result.left)}`);
  return result.right;
};
const fault = (result: E.Either<MalformedWitnessFile, unknown>): [number, number] | 'accepted' =>
  E.isLeft(result) ? [result.left.entry, result.left.line] : 'accepted';

const ORIGIN = 'ledger.example/islamabad/main-store';
const generated = right(generateSigningKey(ORIGIN));
const signer = right(parseSignerKey(generated.signerKey));
const verifier = right(parseVerifierKey(generated.verifierKey));
const witness = right(parseSignerKey(right(generateSigningKey('witness.example/w1')).signerKey));

const checkpointAt = (size: number, cosigned = false): string => {
  const note = right(
    signCheckpoint(
      {
        origin: ORIGIN,
        size,
        rootHash: new Uint8Array(32).fill(size % 256),
        madeAt: new Date(Date.UTC(2025, 8, 10, 8, 30, 0, size)),
      },
      signer,
    ),
  );
  return cosigned
    ? right(signNote(note.slice(0, note.indexOf('\n\n') + 1), [signer, witness]))
    : note;
};

// Lines 1-4 of the first entry are its body, 5 its blank line, 6 its signature, 7 the end;
// the second (cosigned) entry is lines 8-11, 12, 13-14 and 15.
const first = checkpointAt(3);
const second = checkpointAt(7, true);
const third = checkpointAt(12);

describe('witness files', () => {
  test('an entry is its note and a blank line; entries are read back in order', () => {
    const file = right(formatWitnessEntries([first, second, third]));
    expect(file).toBe(`${first}\n${second}\n${third}\n`);
    expect(right(parseWitnessFile(file))).toEqual([first, second, third]);
    const sizes = right(parseWitnessFile(file)).map(
      (n) => right(verifyCheckpoint(n, verifier)).size,
    );
    expect(sizes).toEqual([3, 7, 12]);
  });

  test('appending is writing the new entries at the end', () => {
    const file =
      right(formatWitnessEntries([first])) + right(formatWitnessEntries([second, third]));
    expect(right(parseWitnessFile(file))).toEqual([first, second, third]);
    expect(right(parseWitnessFile(''))).toEqual([]);
  });

  test('a file cut inside an entry names that entry', () => {
    const file = `${first}\n${second}\n`;
    expect(fault(parseWitnessFile(file.slice(0, -1)))).toEqual([2, 8]);
    expect(fault(parseWitnessFile(file.slice(0, -5)))).toEqual([2, 8]);
    expect(fault(parseWitnessFile(`${first}\n${second.slice(0, 40)}`))).toEqual([2, 8]);
    expect(fault(parseWitnessFile(first))).toEqual([1, 1]);
  });

  test('a malformed entry is named with the line at fault', () => {
    const [body, sigs] = second.split('\n\n') as [string, string];
    const noBlank = `${first}\n${body}\n${sigs}\n`;
    expect(fault(parseWitnessFile(noBlank))).toEqual([2, 8]);
    const badSize = `${first}\n${second.replace('\n7\n', '\n07\n')}\n`;
    expect(fault(parseWitnessFile(badSize))).toEqual([2, 9]);
    const badSignature = `${first}\n${body}\n\n${sigs.replace('— ', '-- ')}\n`;
    expect(fault(parseWitnessFile(badSignature))).toEqual([2, 13]);
    expect(fault(parseWitnessFile(`${first}\n\n${second}\n`))).toEqual([2, 8]);
    expect(fault(parseWitnessFile(`${first}\n${body}\n\n\n`))).toEqual([2, 13]);
  });

  test('only signed checkpoints can be entries', () => {
    const hello = right(signNote('hello\n', [signer]));
    expect(fault(formatWitnessEntries([first, hello]))).toEqual([2, 2]);
    const withBlank = right(
      signNote(`${first.slice(0, first.indexOf('\n\n') + 1)}\nmore\n`, [signer]),
    );
    expect(fault(formatWitnessEntries([withBlank]))).toEqual([1, 5]);
    expect(fault(formatWitnessEntries([first.slice(0, -1)]))).toEqual([1, 6]);
  });
});

describe('witness file properties', () => {
  const pool = [first, second, third, checkpointAt(0), checkpointAt(1, true)];
  const notesArb = fc.array(fc.constantFrom(...pool), { maxLength: 6 });

  test('parse gives back what was formatted; formatting in parts is the same file', () => {
    fc.assert(
      fc.property(notesArb, notesArb, (a, b) => {
        const whole = right(formatWitnessEntries([...a, ...b]));
        expect(right(formatWitnessEntries(a)) + right(formatWitnessEntries(b))).toBe(whole);
        expect(right(parseWitnessFile(whole))).toEqual([...a, ...b]);
      }),
    );
  });

  test('any prefix is refused, unless it ends where an entry ends', () => {
    fc.assert(
      fc.property(notesArb, fc.nat(), (notes, at) => {
        const file = right(formatWitnessEntries(notes));
        const cut = file.slice(0, at % (file.length + 1));
        const ends = notes.map((_, i) => right(formatWitnessEntries(notes.slice(0, i + 1))).length);
        const parsed = parseWitnessFile(cut);
        if (cut.length === 0 || ends.includes(cut.length)) {
          expect(right(parsed)).toEqual(notes.slice(0, ends.indexOf(cut.length) + 1));
        } else {
          expect(E.isLeft(parsed)).toBe(true);
        }
      }),
    );
  });
});
