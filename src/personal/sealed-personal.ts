import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { isSubjectId } from './subject-id';

/**
 * The stored form of a sealed personal value, plain JSON:
 *
 * ```json
 * { "subject": "officer-0042", "keyId": "…uuid…", "alg": "A256GCM",
 *   "nonce": "…16 base64url…", "ciphertext": "…base64url, tag last…", "commitment": "…64 hex…" }
 * ```
 *
 * The codec is strict, so that what is sealed in an event has one spelling: a property it does
 * not know is refused (not stripped), binary parts are unpadded base64url (RFC 4648 section 5)
 * with no other spelling of the same bytes, the nonce is 12 bytes, the ciphertext holds at least
 * its 16-byte tag and one byte, the key id is a lowercase UUID and the commitment 64 lowercase
 * hexadecimal digits.
 */

/** The only algorithm this version seals with: AES-256-GCM, named as JOSE (RFC 7518) names it. */
export const PERSONAL_ALGORITHM = 'A256GCM';

export interface SealedPersonal {
  /** The data subject's id: whose key opens it. */
  readonly subject: string;
  /** The id of the subject's key it was sealed under. */
  readonly keyId: string;
  readonly alg: typeof PERSONAL_ALGORITHM;
  /** 12 random bytes, base64url. */
  readonly nonce: string;
  /** The encrypted salt and value, then the 16-byte GCM tag, base64url. */
  readonly ciphertext: string;
  /** SHA-256 of the salt and the value (see `personalCommitment`), 64 lowercase hex digits. */
  readonly commitment: string;
}

const KEYS = ['subject', 'keyId', 'alg', 'nonce', 'ciphertext', 'commitment'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Whether `s` is a key id as sealed values name them: a lowercase UUID. */
export const isKeyId = (s: unknown): boolean => typeof s === 'string' && UUID.test(s);

/** The bytes of an unpadded, canonical base64url text, or `undefined`. */
export const base64urlBytes = (s: string): Buffer | undefined => {
  if (!BASE64URL.test(s) || s.length % 4 === 1) return undefined;
  const bytes = Buffer.from(s, 'base64url');
  return bytes.toString('base64url') === s ? bytes : undefined;
};

/** The first thing wrong with `u` as a sealed value, or `undefined`. */
const problemOf = (u: unknown): string | undefined => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return 'not an object';
  const record = u as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown.length > 0)
    return `unknown propert${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}`;
  const missing = KEYS.filter((k) => typeof record[k] !== 'string');
  if (missing.length > 0) return `${missing.join(', ')} must be text`;
  const { subject, keyId, alg, nonce, ciphertext, commitment } = record as Record<
    (typeof KEYS)[number],
    string
  >;
  if (!isSubjectId(subject)) return 'subject is not a subject id';
  if (!isKeyId(keyId)) return 'keyId is not a lowercase UUID';
  if (alg !== PERSONAL_ALGORITHM)
    return `alg ${JSON.stringify(alg.slice(0, 20))} is not ${PERSONAL_ALGORITHM}`;
  if (base64urlBytes(nonce)?.length !== 12) return 'nonce is not 12 bytes of unpadded base64url';
  if ((base64urlBytes(ciphertext)?.length ?? 0) < 17)
    return 'ciphertext is not unpadded base64url of at least 17 bytes';
  if (!HEX64.test(commitment)) return 'commitment is not 64 lowercase hexadecimal digits';
  return undefined;
};

/** The io-ts codec of the stored form (see `SealedPersonal`); it encodes a value as it is. */
export const SealedPersonal: t.Type<SealedPersonal, SealedPersonal, unknown> = new t.Type<
  SealedPersonal,
  SealedPersonal,
  unknown
>(
  'SealedPersonal',
  (u): u is SealedPersonal => problemOf(u) === undefined,
  (u, c) => {
    const problem = problemOf(u);
    return problem === undefined ? t.success(u as SealedPersonal) : t.failure(u, c, problem);
  },
  t.identity,
);

/** The sealed value with its binary parts decoded, or what is wrong with it. */
export const sealedParts = (
  u: unknown,
): E.Either<
  string,
  { readonly value: SealedPersonal; readonly nonce: Buffer; readonly ciphertext: Buffer }
> => {
  const problem = problemOf(u);
  if (problem !== undefined) return E.left(`not a sealed personal value: ${problem}`);
  const value = u as SealedPersonal;
  return E.right({
    value,
    nonce: base64urlBytes(value.nonce) as Buffer,
    ciphertext: base64urlBytes(value.ciphertext) as Buffer,
  });
};
