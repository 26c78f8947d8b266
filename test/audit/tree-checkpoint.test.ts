import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  generateSigningKey,
  parseSignerKey,
  parseVerifierKey,
  type SignerKey,
  type VerifierKey,
} from '../../src/audit/note-keys';
import { signNote } from '../../src/audit/signed-note';
import {
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
  type CheckpointFields,
} from '../../src/audit/tree-checkpoint';

const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected a value, got ${JSON.stringify(result.left)}`);
  return result.right;
};
const refusal = (result: E.Either<{ readonly kind: string }, unknown>): string =>
  E.isLeft(result) ? result.left.kind : 'accepted';
const lineOf = (result: E.Either<{ readonly line?: number }, unknown>): number | undefined =>
  E.isLeft(result) ? result.left.line : undefined;

const keysFor = (name: string): { signer: SignerKey; verifier: VerifierKey } => {
  const generated = right(generateSigningKey(name));
  return {
    signer: right(parseSignerKey(generated.signerKey)),
    verifier: right(parseVerifierKey(generated.verifierKey)),
  };
};

const ORIGIN = 'ledger.example/islamabad/main-store';
const log = keysFor(ORIGIN);
const EMPTY_ROOT = createHash('sha256').update('').digest();
const fields: CheckpointFields = {
  origin: ORIGIN,
  size: 20852163,
  rootHash: Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64'),
  madeAt: new Date('2025-09-10T08:30:00.250Z'),
};

describe('checkpoint bodies', () => {
  test('are the three lines of the spec, then the time line', () => {
    expect(right(formatCheckpoint(fields))).toBe(
      `${ORIGIN}\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\ntime 2025-09-10T08:30:00.250Z\n`,
    );
    expect(right(formatCheckpoint({ ...fields, size: 0, rootHash: EMPTY_ROOT }))).toContain(
      '\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n',
    );
  });

  test('read back, extension lines included', () => {
    const body = right(formatCheckpoint({ ...fields, extensions: ['ext one', 'ext two'] }));
    expect(right(parseCheckpoint(body))).toEqual({
      ...fields,
      rootHash: Uint8Array.from(fields.rootHash),
      extensions: ['ext one', 'ext two'],
    });
  });

  test('the spec example, having no time line, is refused for want of one', () => {
    const example =
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const result = parseCheckpoint(example);
    expect(refusal(result)).toBe('MalformedCheckpoint');
    expect(lineOf(result)).toBe(4);
    const timed = right(parseCheckpoint(`${example}time 2023-03-20T12:25:47.000Z\n`));
    expect([timed.origin, timed.size, timed.madeAt.getTime()]).toEqual([
      'example.com/behind-the-sofa',
      20852163,
      1679315147000,
    ]);
  });

  test.each([
    ['no final newline', 'o\n1\n{root}\ntime {t}', undefined],
    ['an empty origin', '\n1\n{root}\ntime {t}\n', 1],
    ['a leading zero', 'o\n01\n{root}\ntime {t}\n', 2],
    ['a negative size', 'o\n-1\n{root}\ntime {t}\n', 2],
    ['a size past 2^53 - 1', 'o\n9007199254740992\n{root}\ntime {t}\n', 2],
    ['a size with a plus', 'o\n+1\n{root}\ntime {t}\n', 2],
    ['a 31-byte root', `o\n1\n${EMPTY_ROOT.subarray(1).toString('base64')}\ntime {t}\n`, 3],
    ['unpadded base64', `o\n1\n${EMPTY_ROOT.toString('base64').slice(0, -1)}\ntime {t}\n`, 3],
    ['no time line', 'o\n1\n{root}\n', 4],
    ['a time with an offset', 'o\n1\n{root}\ntime 2025-09-10T08:30:00.250+00:00\n', 4],
    ['a time in whole seconds', 'o\n1\n{root}\ntime 2025-09-10T08:30:00Z\n', 4],
    ['a day that does not exist', 'o\n1\n{root}\ntime 2025-02-30T08:30:00.250Z\n', 4],
    ['unix seconds', 'o\n1\n{root}\ntime 1757493000\n', 4],
    ['the time line late', 'o\n1\n{root}\next\ntime {t}\n', 4],
    ['two time lines', 'o\n1\n{root}\ntime {t}\ntime {t}\n', 5],
    ['an empty extension line', 'o\n1\n{root}\ntime {t}\n\n', 5],
    ['a tab', 'o\n1\n{root}\ntime {t}\na\tb\n', 5],
  ])('%s is refused', (_what, template, line) => {
    const text = template
      .replace('{root}', EMPTY_ROOT.toString('base64'))
      .replaceAll('{t}', '2025-09-10T08:30:00.250Z');
    const result = parseCheckpoint(text);
    expect(refusal(result)).toBe('MalformedCheckpoint');
    expect(lineOf(result)).toBe(line);
  });

  test.each([
    ['an empty origin', { origin: '' }, 1],
    ['an origin with a newline', { origin: 'a\nb' }, 1],
    ['a fractional size', { size: 1.5 }, 2],
    ['a negative size', { size: -1 }, 2],
    ['a 20-byte root', { rootHash: new Uint8Array(20) }, 3],
    ['an invalid date', { madeAt: new Date(NaN) }, 4],
    ['a year past 9999', { madeAt: new Date('+010000-01-01T00:00:00.000Z') }, 4],
    ['a second time line', { extensions: ['time 2025-01-01T00:00:00.000Z'] }, 5],
    ['an empty extension', { extensions: ['ok', ''] }, 6],
  ])('formatting %s is refused', (_what, change, line) => {
    const result = formatCheckpoint({ ...fields, ...change });
    expect(refusal(result)).toBe('MalformedCheckpoint');
    expect(lineOf(result)).toBe(line);
  });
});

describe('signed checkpoints', () => {
  const note = right(signCheckpoint(fields, log.signer));

  test('verify with the log key and give back what was signed', () => {
    expect(note.split('\n\n')[1]).toMatch(new RegExp(`^— ${ORIGIN} [A-Za-z0-9+/]+=*\\n$`));
    const checkpoint = right(verifyCheckpoint(note, log.verifier));
    expect(checkpoint.madeAt).toEqual(fields.madeAt);
    expect([checkpoint.origin, checkpoint.size]).toEqual([ORIGIN, fields.size]);
    expect(Buffer.from(checkpoint.rootHash)).toEqual(fields.rootHash);
  });

  test('a witness cosignature on the note does not stop the log key verifying it', () => {
    const witness = keysFor('witness.example/w1');
    const [body] = note.split('\n\n');
    const cosigned = right(signNote(`${body}\n`, [log.signer, witness.signer]));
    expect(E.isRight(verifyCheckpoint(cosigned, log.verifier))).toBe(true);
    expect(E.isRight(verifyCheckpoint(cosigned, witness.verifier))).toBe(true);
  });

  test('a changed size, root, time or origin is refused', () => {
    const root = Buffer.from(fields.rootHash).toString('base64');
    const otherRoot = Buffer.from(EMPTY_ROOT).toString('base64');
    for (const forged of [
      note.replace('\n20852163\n', '\n20852164\n'),
      note.replace('\n20852163\n', '\n2085216\n'),
      note.replace(root, otherRoot),
      note.replace('08:30:00.250Z', '08:30:00.251Z'),
      note.replace(`${ORIGIN}\n`, `${ORIGIN}2\n`),
    ]) {
      expect(forged).not.toBe(note);
      expect(refusal(verifyCheckpoint(forged, log.verifier))).toBe('InvalidSignature');
    }
  });

  test('a checkpoint signed by another key, or cut short, is refused', () => {
    const other = keysFor(ORIGIN);
    const byOther = right(signCheckpoint(fields, other.signer));
    expect(refusal(verifyCheckpoint(byOther, log.verifier))).toBe('UnverifiedNote');
    for (const cut of [note.slice(0, -1), note.slice(0, note.indexOf('\n\n') + 2), ''] as const) {
      expect(refusal(verifyCheckpoint(cut, log.verifier))).toBe('MalformedNote');
    }
  });

  test('a well-signed note that is not a checkpoint is refused as one', () => {
    const signed = right(signNote('hello\n', [log.signer]));
    expect(refusal(verifyCheckpoint(signed, log.verifier))).toBe('MalformedCheckpoint');
  });
});

const originArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => {
  return E.isRight(formatCheckpoint({ ...fields, origin: s }));
});
const fieldsArb = fc.record({
  origin: originArb,
  size: fc.maxSafeNat(),
  rootHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  madeAt: fc.date({
    min: new Date('0000-01-01T00:00:00.000Z'),
    max: new Date('9999-12-31T23:59:59.999Z'),
    noInvalidDate: true,
  }),
  extensions: fc.array(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => {
      return E.isRight(formatCheckpoint({ ...fields, extensions: [s] }));
    }),
    { maxLength: 3 },
  ),
});

describe('checkpoint properties', () => {
  test('format then parse gives the fields back', () => {
    fc.assert(
      fc.property(fieldsArb, (f) => {
        expect(right(parseCheckpoint(right(formatCheckpoint(f))))).toEqual(f);
      }),
    );
  });

  test('sign then verify gives the fields back; any other key refuses', () => {
    const other = keysFor('witness.example/w2');
    fc.assert(
      fc.property(fieldsArb, (f) => {
        const signed = right(signCheckpoint(f, log.signer));
        expect(right(verifyCheckpoint(signed, log.verifier))).toEqual(f);
        expect(refusal(verifyCheckpoint(signed, other.verifier))).toBe('UnverifiedNote');
      }),
      { numRuns: 50 },
    );
  });

  test('changing any one character of the body is refused', () => {
    fc.assert(
      fc.property(fieldsArb, fc.nat(), fc.constantFrom('0', 'a', 'Z', '/', ' '), (f, at, c) => {
        const signed = right(signCheckpoint(f, log.signer));
        const bodyLength = signed.indexOf('\n\n') + 1;
        const i = at % bodyLength;
        fc.pre(signed[i] !== c && signed[i] !== '\n');
        const changed = signed.slice(0, i) + c + signed.slice(i + 1);
        expect(E.isLeft(verifyCheckpoint(changed, log.verifier))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
