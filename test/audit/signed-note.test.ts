import * as E from 'fp-ts/Either';
import {
  generateSigningKey,
  parseSignerKey,
  parseVerifierKey,
  type SignerKey,
  type VerifierKey,
} from '../../src/audit/note-keys';
import { openNote, parseNote, signNote, type NoteError } from '../../src/audit/signed-note';
import { ENOCH, PETER, PETER_NOTE, TEXT } from '../fixtures/go-note-vectors';

const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected a value, got ${JSON.stringify(result.left)}`);
  return result.right;
};
const refusal = (result: E.Either<NoteError, unknown>): string =>
  E.isLeft(result) ? result.left.kind : 'opened';

const peterSigner: SignerKey = right(parseSignerKey(PETER.signerKey));
const peter: VerifierKey = right(parseVerifierKey(PETER.verifierKey));
const enoch: VerifierKey = right(parseVerifierKey(ENOCH.verifierKey));
// Go cuts these lines at byte 60; the em dash is 3 bytes of UTF-8 but 1 unit of a JS string.
const withABCD = (line: string): string => `${line.slice(0, 58)}ABCD${line.slice(58)}`;
const stranger = (name: string): SignerKey =>
  right(parseSignerKey(right(generateSigningKey(name)).signerKey));

describe('signed notes: the Go package vectors', () => {
  test('signing the example text with the example key gives the documented note exactly', () => {
    expect(right(signNote(TEXT, [peterSigner]))).toBe(PETER_NOTE);
  });

  test('the documented note opens with the example verifier', () => {
    const opened = right(openNote(PETER_NOTE, [peter]));
    expect(opened.text).toBe(TEXT);
    expect(opened.verified.map((s) => [s.name, s.keyId, s.base64])).toEqual([
      ['PeterNeumann', 0xc74f20a3, PETER.signature],
    ]);
    expect(opened.verified[0]?.verifier.encoded).toBe(PETER.verifierKey);
    expect(opened.unverified).toEqual([]);
  });

  test('the doubly signed note: one known key verifies, the other is kept unverified', () => {
    const note = `${TEXT}\n${PETER.line}${ENOCH.line}`;
    const one = right(openNote(note, [peter]));
    expect(one.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(one.unverified).toEqual([
      { name: 'EnochRoot', keyId: 0xaf0cfe78, base64: ENOCH.signature },
    ]);
    const both = right(openNote(note, [peter, enoch]));
    expect(both.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(both.unverified).toEqual([]);
  });

  test('with no known key the note is refused, and its signatures are reported', () => {
    const result = openNote(`${TEXT}\n${PETER.line}${ENOCH.line}`, []);
    expect(refusal(result)).toBe('UnverifiedNote');
    if (E.isLeft(result) && result.left.kind === 'UnverifiedNote') {
      expect(result.left.unverified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    }
  });

  test('a changed signature by a known key refuses the whole note', () => {
    const result = openNote(`${TEXT}\n${withABCD(PETER.line)}`, [peter]);
    expect(result).toEqual(
      E.left(expect.objectContaining({ kind: 'InvalidSignature', keyId: 0xc74f20a3 })),
    );
  });

  test('repeated signatures are checked once, repeated unknown ones kept once', () => {
    const note = `${TEXT}\n${PETER.line}${PETER.line}${ENOCH.line}${ENOCH.line}${withABCD(ENOCH.line)}`;
    const opened = right(openNote(note, [peter]));
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified.map((s) => s.base64)).toEqual([
      ENOCH.signature,
      'rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5nABCD2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=',
    ]);
  });

  test('at most 100 signature lines, known or not', () => {
    const many = `${TEXT}\n${PETER.line.repeat(101)}`;
    expect(refusal(openNote(many, [peter]))).toBe('MalformedNote');
    expect(refusal(openNote(many, []))).toBe('MalformedNote');
    expect(refusal(openNote(`${TEXT}\n${PETER.line.repeat(100)}`, [peter]))).toBe('opened');
  });

  test.each([
    ['text alone', TEXT],
    ['text and blank line', `${TEXT}\n`],
    ['no final newline', `${TEXT}\n${PETER.line.slice(0, -1)}`],
    ['a control character', `\u0001${TEXT}\n${PETER.line}`],
    ['a space in the key name', `${TEXT}\n— Bad Name ${PETER.signature}`],
    ['a line after the signatures', `${TEXT}\n${PETER.line}Unexpected line.\n`],
    ['a hyphen instead of the em dash', `${TEXT}\n${PETER.line.replace('—', '-')}`],
    ['no space after the dash', `${TEXT}\n${PETER.line.replace('— ', '—')}`],
    ['a signature too short', `${TEXT}\n— PeterNeumann AAAAAA==\n`],
    ['a carriage return', `${TEXT}\n${PETER.line.replace('\n', '\r\n')}`],
  ])('malformed (%s) is refused', (_what, note) => {
    expect(refusal(openNote(note, [peter]))).toBe('MalformedNote');
  });

  test('invalid UTF-8 bytes are refused; the same note as bytes opens', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(PETER_NOTE)]);
    expect(refusal(openNote(bytes, [peter]))).toBe('MalformedNote');
    expect(refusal(openNote(Buffer.from(PETER_NOTE), [peter]))).toBe('opened');
  });

  test('a signature sharing the name but not the key id is unknown, not failed', () => {
    const impostor = stranger('PeterNeumann');
    const note = right(signNote(TEXT, [impostor]));
    expect(refusal(openNote(note, [peter]))).toBe('UnverifiedNote');
  });

  test('two different verifiers with one name and key id are ambiguous', () => {
    const twin: VerifierKey = { ...enoch, name: peter.name, keyId: peter.keyId };
    expect(refusal(openNote(PETER_NOTE, [peter, twin]))).toBe('AmbiguousVerifier');
    expect(refusal(openNote(PETER_NOTE, [peter, peter]))).toBe('opened');
  });
});

describe('signed notes: tampering', () => {
  test('a changed text byte, a truncation, another key: each refused', () => {
    const note = right(signNote(TEXT, [peterSigner]));
    expect(refusal(openNote(note.replace('cryptography', 'cryptographY'), [peter]))).toBe(
      'InvalidSignature',
    );
    expect(refusal(openNote(note.slice(0, -1), [peter]))).toBe('MalformedNote');
    expect(refusal(openNote(note.slice(0, note.indexOf('—')), [peter]))).toBe('MalformedNote');
    const other = stranger('ledger.example/other');
    expect(refusal(openNote(right(signNote(TEXT, [other])), [peter]))).toBe('UnverifiedNote');
  });

  test('a signature copied onto another text fails', () => {
    const forged = `${TEXT.replace('answer', 'question')}\n${PETER.line}`;
    expect(refusal(openNote(forged, [peter]))).toBe('InvalidSignature');
  });
});

describe('signing notes', () => {
  test.each([
    ['', 'newline'],
    ['abc', 'newline'],
    ['a\tb\n', 'control character'],
    ['\ud800\n', 'UTF-8'],
  ])('text %j is refused', (text, reason) => {
    const result = signNote(text, [peterSigner]);
    expect(result).toEqual(E.left(expect.objectContaining({ kind: 'CannotSign' })));
    expect(E.isLeft(result) && result.left.message).toContain(reason);
  });

  test('no signer is refused; the same key twice signs once', () => {
    expect(E.isLeft(signNote(TEXT, []))).toBe(true);
    expect(right(signNote(TEXT, [peterSigner, peterSigner]))).toBe(PETER_NOTE);
  });

  test('a text with blank lines, even ending in one, comes back whole', () => {
    for (const text of ['\n', 'a\n\nb\n', 'a\n\n', '— x y\n\n']) {
      const opened = right(openNote(right(signNote(text, [peterSigner])), [peter]));
      expect(opened.text).toBe(text);
    }
  });

  test('parseNote takes a note apart without checking it', () => {
    const parsed = right(parseNote(`${TEXT}\n${PETER.line}${ENOCH.line}`));
    expect(parsed.text).toBe(TEXT);
    expect(parsed.signatures.map((s) => s.keyId)).toEqual([0xc74f20a3, 0xaf0cfe78]);
    const bad = parseNote(`${TEXT}\n${PETER.line}oops\n`);
    expect(bad).toEqual(E.left(expect.objectContaining({ kind: 'MalformedNote', line: 5 })));
  });
});
