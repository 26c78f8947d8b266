import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import {
  decodeBase64,
  ed25519KeyId,
  generateSigningKey,
  isValidKeyName,
  parseSignerKey,
  parseVerifierKey,
  signBytes,
  verifyBytes,
  type KeyErrorKind,
} from '../../src/audit/note-keys';
import { PETER } from '../fixtures/go-note-vectors';

const kindOf = (result: E.Either<{ readonly kind: KeyErrorKind }, unknown>): string =>
  E.isLeft(result) ? result.left.kind : 'accepted';

const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected a value, got ${JSON.stringify(result.left)}`);
  return result.right;
};

describe('note keys: the Go package example key', () => {
  test('the verifier key reads as PeterNeumann, key id c74f20a3, and writes back the same', () => {
    const key = right(parseVerifierKey(PETER.verifierKey));
    expect(key.name).toBe('PeterNeumann');
    expect(key.keyId).toBe(0xc74f20a3);
    expect(key.encoded).toBe(PETER.verifierKey);
    expect(ed25519KeyId(key.name, key.publicKey)).toBe(0xc74f20a3);
  });

  test('the signer key derives exactly that verifier key', () => {
    const signer = right(parseSignerKey(PETER.signerKey));
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signer.verifier.encoded).toBe(PETER.verifierKey);
  });

  // As the Go tests do: every proper substring and every one-byte change must be refused.
  test.each([
    ['verifier', PETER.verifierKey, parseVerifierKey],
    ['signer', PETER.signerKey, parseSignerKey],
  ] as const)('every mangling of the %s key is refused', (_what, key, parseKey) => {
    const parse = (text: string): E.Either<unknown, unknown> => parseKey(text);
    const accepted: string[] = [];
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) {
        if ((i !== 0 || j !== key.length) && E.isRight(parse(key.slice(i, j)))) {
          accepted.push(key.slice(i, j));
        }
      }
    }
    for (let i = 0; i < key.length; i++) {
      const changed =
        key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      if (E.isRight(parse(changed))) accepted.push(changed);
    }
    expect(accepted).toEqual([]);
  });

  test('each kind of bad key is named', () => {
    const material = PETER.verifierKey.split('+').slice(2).join('+');
    expect(kindOf(parseVerifierKey(`Peter Neumann+c74f20a3+${material}`))).toBe('BadKeyName');
    expect(kindOf(parseVerifierKey(`+c74f20a3+${material}`))).toBe('BadKeyName');
    expect(kindOf(parseVerifierKey('PeterNeumann'))).toBe('BadKeyFormat');
    expect(kindOf(parseVerifierKey(`PeterNeumann+c74f20a+${material}`))).toBe('BadKeyFormat');
    expect(kindOf(parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcU!'))).toBe('BadKeyBase64');
    // Unpadded, and padded with unused bits set: both refused so a key has one spelling.
    expect(kindOf(parseVerifierKey('PeterNeumann+c74f20a3+AQ'))).toBe('BadKeyBase64');
    expect(kindOf(parseVerifierKey('PeterNeumann+c74f20a3+AR=='))).toBe('BadKeyBase64');
    // From the Go tests: unknown algorithm (0x65), and a too-long key, each with its key id.
    // Go refuses the second for its length; here its last group already has unused bits set.
    expect(
      kindOf(
        parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
      ),
    ).toBe('WrongKeyAlgorithm');
    expect(
      kindOf(
        parseVerifierKey(
          'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
        ),
      ),
    ).toBe('BadKeyBase64');
    const short = Buffer.from(material, 'base64').subarray(0, 32).toString('base64');
    expect(kindOf(parseVerifierKey(`PeterNeumann+c74f20a3+${short}`))).toBe('BadKeyLength');
    expect(kindOf(parseVerifierKey(`PeterNeumann+c74f20a4+${material}`))).toBe('KeyIdMismatch');
    expect(kindOf(parseSignerKey(PETER.verifierKey))).toBe('BadKeyFormat');
    expect(kindOf(parseSignerKey(PETER.signerKey.replace('c74f20a3', 'c74f20a4')))).toBe(
      'KeyIdMismatch',
    );
  });

  test('an upper-case key id is read, as the Go package reads it', () => {
    const key = right(parseVerifierKey(PETER.verifierKey.replace('c74f20a3', 'C74F20A3')));
    expect(key.encoded).toBe(PETER.verifierKey);
  });
});

describe('note key names', () => {
  test.each(['', 'a b', 'a+b', 'a\tb', 'a\u00a0b', 'a\u2028b', 'a\u3000b', 'a\u0085b', '\ud800'])(
    '%j is refused',
    (name) => expect(isValidKeyName(name)).toBe(false),
  );
  test.each(['PeterNeumann', 'example.com/log42', 'ledger.example/ministère', 'a\u200bb'])(
    '%j is accepted',
    (name) => expect(isValidKeyName(name)).toBe(true),
  );
});

describe('generated keys', () => {
  const nameArb = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
    .filter((s) => isValidKeyName(s));

  test('read back, match each other, and sign what verifies', () => {
    fc.assert(
      fc.property(nameArb, fc.uint8Array({ maxLength: 64 }), (name, message) => {
        const generated = right(generateSigningKey(name));
        const signer = right(parseSignerKey(generated.signerKey));
        const verifier = right(parseVerifierKey(generated.verifierKey));
        expect(signer.verifier.encoded).toBe(generated.verifierKey);
        expect(verifier.name).toBe(name);
        const signature = signBytes(signer, message);
        expect(verifyBytes(verifier, message, signature)).toBe(true);
        const other = Uint8Array.from([...message, 0]);
        expect(verifyBytes(verifier, other, signature)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  test('a bad name is refused', () => {
    expect(kindOf(generateSigningKey('two words'))).toBe('BadKeyName');
  });
});

describe('strict base64', () => {
  test('decodes what encodes, and nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(decodeBase64(text)).toEqual(Buffer.from(bytes));
        expect(decodeBase64(`${text} `)).toBeUndefined();
        expect(decodeBase64(text.replace(/=+$/, '') + '===')).toBeUndefined();
      }),
    );
  });
});
