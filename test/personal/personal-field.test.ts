import * as E from 'fp-ts/Either';
import { PathReporter } from 'io-ts/PathReporter';
import canonicalize from 'canonicalize';
import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { erasedPlaceholder } from '../../src/personal/erased-placeholder';
import { createInMemoryKeyStore } from '../../src/personal/in-memory-key-store';
import type { SubjectKey } from '../../src/personal/key-store';
import { isPersonalDataError } from '../../src/personal/personal-errors';
import {
  openPersonal,
  personalCommitment,
  provePersonal,
  sealPersonal,
  type PersonalContext,
  type PersonalOpenErrorKind,
} from '../../src/personal/personal-field';
import { SealedPersonal } from '../../src/personal/sealed-personal';
import { rejection } from './key-store-contract';

const context: PersonalContext = {
  streamId: 'DrugLiaisonPosting-pk-bh-2025',
  eventId: '0b3d6f0e-8c1a-5a7e-9f3b-2d4c6e8a0b1c',
  path: '/officer/name',
};
const name = 'Col. Khalid Al-Mansoori';

const flip = (text: string, at = 0): string => {
  const bytes = Buffer.from(text, 'base64url');
  const i = ((at % bytes.length) + bytes.length) % bytes.length;
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  return bytes.toString('base64url');
};

const kindOf = (result: E.Either<{ kind: PersonalOpenErrorKind }, unknown>): string =>
  E.isLeft(result) ? result.left.kind : 'opened';

describe('a sealed personal value', () => {
  let key: SubjectKey;
  beforeAll(async () => {
    key = await createInMemoryKeyStore().keyFor('officer-0042');
  });

  it('is plain JSON in the stored form, and opens to the value and its salt', () => {
    const sealed = sealPersonal(name, key, context);
    expect(Object.keys(sealed)).toEqual([
      'subject',
      'keyId',
      'alg',
      'nonce',
      'ciphertext',
      'commitment',
    ]);
    expect(sealed).toMatchObject({ subject: 'officer-0042', keyId: key.keyId, alg: 'A256GCM' });
    expect(Buffer.from(sealed.nonce, 'base64url')).toHaveLength(12);
    expect(sealed.commitment).toMatch(/^[0-9a-f]{64}$/);
    const stored = JSON.parse(JSON.stringify(sealed)) as unknown;
    expect(E.isRight(SealedPersonal.decode(stored))).toBe(true);
    const opened = openPersonal(stored, key, context);
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    expect(opened.right.plaintext).toBe(name);
    expect(opened.right.salt).toHaveLength(32);
    expect(personalCommitment(opened.right.salt, name)).toBe(sealed.commitment);
  });

  it('seals one name for one field alike, and differently anywhere else or under another key', () => {
    const a = sealPersonal(name, key, context);
    expect(sealPersonal(name, key, context)).toEqual(a);
    const others = [
      sealPersonal(name, key, { ...context, path: '/officer/other' }),
      sealPersonal(name, key, { ...context, eventId: '0c6b1a1e-5d0e-4a7e-9f5e-1b2c3d4e5f60' }),
      sealPersonal(`${name}.`, key, context),
      sealPersonal(name, { ...key, key: new Uint8Array(32).fill(7) }, context),
    ];
    for (const other of others) {
      expect(other.nonce).not.toBe(a.nonce);
      expect(other.commitment).not.toBe(a.commitment);
      expect(other.ciphertext).not.toBe(a.ciphertext);
    }
  });

  it('does not show the length of a name: names of up to 54 bytes seal to one length', () => {
    const lengths = [
      'Ali',
      name,
      'Col. Khalid bin Rashid Al-Mansoori Al-Dosari Al-Mutair',
      'ابن',
    ].map((n) => sealPersonal(n, key, context).ciphertext.length);
    expect(new Set(lengths).size).toBe(1);
    expect(sealPersonal('x'.repeat(200), key, context).ciphertext.length).toBeGreaterThan(
      lengths[0] ?? 0,
    );
  });

  it('cannot be tested against a guess without the key: the salt is not beside it', () => {
    const sealed = sealPersonal(name, key, context);
    // Neither the bare name nor any salt the record shows reproduces the commitment.
    expect(personalCommitment(new Uint8Array(0), name)).not.toBe(sealed.commitment);
    for (const part of [sealed.nonce, sealed.ciphertext])
      expect(personalCommitment(Buffer.from(part, 'base64url'), name)).not.toBe(sealed.commitment);
  });

  it.each<
    [
      string,
      (s: SealedPersonal, k: SubjectKey) => [unknown, SubjectKey, PersonalContext],
      PersonalOpenErrorKind,
    ]
  >([
    [
      'a key of another subject',
      (s) => [s, { ...key, subjectId: 'officer-0043' }, context],
      'WrongKey',
    ],
    [
      'another key id',
      (s) => [s, { ...key, keyId: '00000000-0000-4000-8000-000000000000' }, context],
      'WrongKey',
    ],
    [
      'a key of another length',
      (s) => [s, { ...key, key: key.key.subarray(0, 16) }, context],
      'WrongKey',
    ],
    [
      'other key bytes under the same id',
      (s) => [s, { ...key, key: new Uint8Array(randomBytes(32)) }, context],
      'NotAuthentic',
    ],
    [
      'a flipped ciphertext bit',
      (s) => [{ ...s, ciphertext: flip(s.ciphertext, 3) }, key, context],
      'NotAuthentic',
    ],
    [
      'a flipped tag bit',
      (s) => [{ ...s, ciphertext: flip(s.ciphertext, -1) }, key, context],
      'NotAuthentic',
    ],
    ['a flipped nonce bit', (s) => [{ ...s, nonce: flip(s.nonce) }, key, context], 'NotAuthentic'],
    [
      'another event',
      (s) => [s, key, { ...context, eventId: '1b3d6f0e-8c1a-5a7e-9f3b-2d4c6e8a0b1c' }],
      'NotAuthentic',
    ],
    ['another field', (s) => [s, key, { ...context, path: '/coChair/name' }], 'NotAuthentic'],
    ['another stream', (s) => [s, key, { ...context, streamId: 'Mou-pk-bh' }], 'NotAuthentic'],
    [
      'a replaced commitment',
      (s) => [{ ...s, commitment: 'a'.repeat(64) }, key, context],
      'CommitmentMismatch',
    ],
    [
      'the commitment of another seal',
      (s) => [
        { ...s, commitment: sealPersonal(`${name}.`, key, context).commitment },
        key,
        context,
      ],
      'CommitmentMismatch',
    ],
    ['an unknown property', (s) => [{ ...s, name }, key, context], 'MalformedSealedValue'],
    [
      'a padded nonce',
      (s) => [{ ...s, nonce: `${s.nonce}==` }, key, context],
      'MalformedSealedValue',
    ],
    [
      'a short nonce',
      (s) => [{ ...s, nonce: s.nonce.slice(0, 12) }, key, context],
      'MalformedSealedValue',
    ],
    [
      'an unknown algorithm',
      (s) => [{ ...s, alg: 'A128GCM' }, key, context],
      'MalformedSealedValue',
    ],
    [
      'an uppercase commitment',
      (s) => [{ ...s, commitment: s.commitment.toUpperCase() }, key, context],
      'MalformedSealedValue',
    ],
    [
      'a missing part',
      (s) => [{ ...s, ciphertext: undefined }, key, context],
      'MalformedSealedValue',
    ],
    ['not an object', () => ['sealed', key, context], 'MalformedSealedValue'],
  ])('does not open with %s', (_, change, kind) => {
    const [sealed, withKey, at] = change(sealPersonal(name, key, context), key);
    const opened = openPersonal(sealed, withKey, at);
    expect(kindOf(opened)).toBe(kind);
    expect(E.isLeft(opened) && opened.left.message).not.toContain(name);
    expect(kindOf(provePersonal(sealed, withKey, at, name))).toBe(kind);
  });

  it('proves the name committed to, and no other', () => {
    const sealed = sealPersonal(name, key, context);
    expect(provePersonal(sealed, key, context, name)).toEqual(E.right(true));
    for (const other of ['Col. Khalid Al-Mansouri', 'col. khalid al-mansoori', `${name} `, ''])
      expect(provePersonal(sealed, key, context, other)).toEqual(E.right(false));
  });

  it('opens no more once its subject is erased', async () => {
    const store = createInMemoryKeyStore();
    const own = await store.keyFor('person-7');
    const sealed = sealPersonal('Fatima Rahman', own, context);
    await store.erase('person-7', { erasedAt: '2031-05-01T09:30:00.000Z' });
    expect(
      isPersonalDataError(await rejection(() => store.keyFor('person-7')), 'SubjectErased'),
    ).toBe(true);
    expect(await store.find('person-7')).toEqual({
      erased: { subjectId: 'person-7', erasedAt: '2031-05-01T09:30:00.000Z', keyId: own.keyId },
    });
    // The store destroyed its copy: the key it held is now zeros, and no key opens the value.
    for (const guess of [new Uint8Array(32), new Uint8Array(randomBytes(32))])
      expect(kindOf(openPersonal(sealed, { ...own, key: guess }, context))).toBe('NotAuthentic');
  });

  it('refuses to seal with a key that is not one, or a text with no UTF-8 form', () => {
    expect(() => sealPersonal(name, { ...key, key: new Uint8Array(31) }, context)).toThrow(
      TypeError,
    );
    expect(() => sealPersonal(name, { ...key, keyId: 'key-1' }, context)).toThrow(TypeError);
    expect(() => sealPersonal('\ud800', key, context)).toThrow(TypeError);
    expect(() => sealPersonal(name, key, { ...context, path: '' })).toThrow(TypeError);
  });
});

describe('the format docs/personal-data.md describes', () => {
  it('is enough to open a sealed value and check its commitment with node:crypto alone', async () => {
    const key = await createInMemoryKeyStore().keyFor('officer-0042');
    const sealed = sealPersonal(name, key, context);
    const aad = canonicalize({
      domain: 'diplomatic-ledger/personal-field/v1',
      alg: 'A256GCM',
      subject: sealed.subject,
      keyId: sealed.keyId,
      ...context,
    });
    const bytes = Buffer.from(sealed.ciphertext, 'base64url');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key.key,
      Buffer.from(sealed.nonce, 'base64url'),
    );
    decipher.setAAD(Buffer.from(aad ?? '', 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const inner = Buffer.concat([
      decipher.update(bytes.subarray(0, bytes.length - 16)),
      decipher.final(),
    ]);
    const { pad, salt, value } = JSON.parse(inner.toString('utf8')) as {
      pad: string;
      salt: string;
      value: string;
    };
    expect(inner.toString('utf8')).toBe(canonicalize({ pad, salt, value }));
    expect(pad).toMatch(/^ *$/);
    expect(inner.length % 128).toBe(0);
    expect(value).toBe(name);
    const prefixed = (b: Buffer): Buffer => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(b.length);
      return Buffer.concat([length, b]);
    };
    const commitment = createHash('sha256')
      .update('diplomatic-ledger/personal-commitment/v1')
      .update(Buffer.of(0))
      .update(prefixed(Buffer.from(salt, 'base64url')))
      .update(prefixed(Buffer.from(value, 'utf8')))
      .digest('hex');
    expect(commitment).toBe(sealed.commitment);
  });
});

describe('the SealedPersonal codec', () => {
  it('reads the stored form and says what is wrong with anything else', async () => {
    const key = await createInMemoryKeyStore().keyFor('officer-1');
    const sealed = sealPersonal('Ahmed', key, context);
    expect(SealedPersonal.decode(sealed)).toEqual(E.right(sealed));
    expect(SealedPersonal.encode(sealed)).toEqual(sealed);
    expect(SealedPersonal.is({ ...sealed, extra: 1 })).toBe(false);
    expect(PathReporter.report(SealedPersonal.decode({ ...sealed, extra: 1 })).join()).toContain(
      'unknown property extra',
    );
    expect(
      PathReporter.report(SealedPersonal.decode({ ...sealed, subject: 'a b' })).join(),
    ).toContain('subject is not a subject id');
  });
});

describe('the placeholder of an erased value', () => {
  it('says when, and by whom if told', () => {
    const stamp = { subjectId: 'officer-1', erasedAt: '2031-05-01T23:59:59.999Z' };
    expect(erasedPlaceholder(stamp)).toBe('[erased on 2031-05-01]');
    expect(erasedPlaceholder(stamp, 'the data protection officer')).toBe(
      '[erased on 2031-05-01 by the data protection officer]',
    );
    expect(erasedPlaceholder(stamp, '  ')).toBe('[erased on 2031-05-01]');
  });
});
