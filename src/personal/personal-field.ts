import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  timingSafeEqual,
} from 'node:crypto';
import * as E from 'fp-ts/Either';
import { canonicalJson } from '../kernel/integrity';
import type { SubjectKey } from './key-store';
import { isKeyId, PERSONAL_ALGORITHM, type SealedPersonal, sealedParts } from './sealed-personal';
import { isSubjectId, SUBJECT_KEY_BYTES } from './subject-id';

/**
 * A personal value (a name, for one) sealed for the record: encrypted under its subject's key with
 * AES-256-GCM, and committed to, so that the record can be hashed, chained and proven on the
 * ciphertext and the commitment alone, and the value made unreadable for good by destroying the key.
 *
 * - The ciphertext encrypts the JSON text `{"pad":"  …","salt":…,"value":…}` (RFC 8785 canonical
 *   form; the salt is 32 random bytes in base64url; `pad` is spaces that bring the text to a
 *   multiple of `PADDED_BLOCK` bytes), with a 12-byte nonce; the 16-byte tag ends it. The
 *   padding keeps the length of a name from showing after erasure: among the few officers a post
 *   had, a length alone could tell which one it was.
 * - The salt and the nonce are derived, not drawn: each is an HMAC-SHA256 under the subject's key
 *   of its own label, the associated data and the value (`derived`). Sealing the same value for
 *   the same field of the same event thus gives the same bytes (a retried command writes what
 *   the first attempt wrote; one history recorded twice with the same keys hashes the same),
 *   while two different values, or one value in two places, get different nonces, as GCM needs,
 *   except with probability 2^-96. Both are secret while the key lives and gone with it.
 * - The commitment is SHA-256 over `COMMITMENT_DOMAIN`, then the salt and the value's UTF-8 bytes
 *   each preceded by its length (4 bytes, big-endian). With the key, the holder opens the value
 *   and the salt and shows that the commitment recomputes; the record's hashes never change.
 * - Names are low-entropy: a dictionary of likely names is small enough to try every entry. The
 *   salt is therefore inside the ciphertext, not beside it: while the key exists it opens with
 *   the value, and once the key is destroyed it is gone with it, so the commitment can no longer
 *   be tested against any guess.
 * - The associated data binds the seal to its place: the canonical JSON of the subject, the key
 *   id, the algorithm, and the event's stream id, event id and the field's path. A sealed value
 *   copied into another event or another field does not open.
 */

/** Where a sealed value belongs: the event it is in and the field's path within its data. */
export interface PersonalContext {
  readonly streamId: string;
  readonly eventId: string;
  /** The field's place in the event's data, as the codec names it: `/officer/name`, say. */
  readonly path: string;
}

/** What opening a sealed value gives: the value and the salt its commitment was made with. */
export interface OpenedPersonal {
  readonly plaintext: string;
  readonly salt: Uint8Array;
}

export type PersonalOpenErrorKind =
  'MalformedSealedValue' | 'WrongKey' | 'NotAuthentic' | 'CommitmentMismatch';

/**
 * Why a sealed value does not open, as a value (no message ever carries the plaintext or the key):
 *
 * - `MalformedSealedValue`: not a sealed value of this format (see the `SealedPersonal` codec),
 *   an algorithm this library does not know, or a ciphertext that opens to something other than
 *   a salt and a value.
 * - `WrongKey`: the key given is not the one the value names (another subject, another key id),
 *   or not 32 bytes.
 * - `NotAuthentic`: the GCM tag does not check: the ciphertext or the nonce was altered, or the
 *   value was sealed for another event or field (the associated data differs), or the key's
 *   bytes are not those it was sealed with. AES-GCM cannot tell these apart, by design.
 * - `CommitmentMismatch`: the value opens, but the commitment beside it is not the one made for
 *   it: the commitment was altered or replaced.
 */
export interface PersonalOpenError {
  readonly kind: PersonalOpenErrorKind;
  readonly message: string;
}

/** The label the commitment hashes first, so that no other SHA-256 in the library can collide with it. */
export const COMMITMENT_DOMAIN = 'diplomatic-ledger/personal-commitment/v1';

/** The label of the associated data, for the same reason. */
export const ASSOCIATED_DATA_DOMAIN = 'diplomatic-ledger/personal-field/v1';

/** The labels of the derived salt and nonce. */
export const SALT_DOMAIN = 'diplomatic-ledger/personal-salt/v1';
export const NONCE_DOMAIN = 'diplomatic-ledger/personal-nonce/v1';

const SALT_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CIPHER = 'aes-256-gcm';

const failure = (
  kind: PersonalOpenErrorKind,
  message: string,
): E.Either<PersonalOpenError, never> => E.left({ kind, message });

const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

const lengthPrefixed = (bytes: Uint8Array): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/** The commitment to `plaintext` under `salt`: 64 lowercase hexadecimal digits. */
export const personalCommitment = (salt: Uint8Array, plaintext: string): string =>
  createHash('sha256')
    .update(COMMITMENT_DOMAIN, 'utf8')
    .update(Uint8Array.of(0))
    .update(lengthPrefixed(salt))
    .update(lengthPrefixed(Buffer.from(plaintext, 'utf8')))
    .digest('hex');

/** The associated data a seal is made and opened with. */
export const personalAssociatedData = (
  subject: string,
  keyId: string,
  context: PersonalContext,
): Buffer =>
  Buffer.from(
    canonicalJson({
      domain: ASSOCIATED_DATA_DOMAIN,
      alg: PERSONAL_ALGORITHM,
      subject,
      keyId,
      streamId: context.streamId,
      eventId: context.eventId,
      path: context.path,
    }),
    'utf8',
  );

const LONE_SURROGATE = /\p{Cs}/u;

/** The inner text is padded to a multiple of this many bytes. */
export const PADDED_BLOCK = 128;

/** The UTF-8 bytes of the inner JSON text, padded with spaces (which JSON writes as they are). */
const paddedInner = (salt: string, value: string): Buffer => {
  const bare = Buffer.byteLength(canonicalJson({ pad: '', salt, value }), 'utf8');
  const pad = ' '.repeat(Math.ceil(bare / PADDED_BLOCK) * PADDED_BLOCK - bare);
  return Buffer.from(canonicalJson({ pad, salt, value }), 'utf8');
};

/** HMAC-SHA256 under `key` of `label`, a zero byte, then the associated data and the value, each length-prefixed. */
const derived = (key: Uint8Array, label: string, associated: Buffer, value: string): Buffer =>
  createHmac('sha256', key)
    .update(label, 'utf8')
    .update(Uint8Array.of(0))
    .update(lengthPrefixed(associated))
    .update(lengthPrefixed(Buffer.from(value, 'utf8')))
    .digest();

const checkContext = (context: PersonalContext): void => {
  for (const part of ['streamId', 'eventId', 'path'] as const)
    if (typeof context[part] !== 'string' || context[part].length === 0)
      throw new TypeError(`a personal value's context needs a non-empty ${part}`);
};

/**
 * Seals `plaintext` for the field at `context` under the subject's key. Throws a `TypeError` (a
 * programming error, not a condition of the data) for a key that is not 32 bytes, a context part
 * that is empty, or a plaintext with a lone surrogate (it has no UTF-8 form to commit to).
 */
export const sealPersonal = (
  plaintext: string,
  key: SubjectKey,
  context: PersonalContext,
): SealedPersonal => {
  if (key.key.length !== SUBJECT_KEY_BYTES)
    throw new TypeError(`a subject key is ${SUBJECT_KEY_BYTES} bytes, not ${key.key.length}`);
  if (!isSubjectId(key.subjectId) || !isKeyId(key.keyId))
    throw new TypeError('a subject key names a subject id and a lowercase UUID as its key id');
  if (typeof plaintext !== 'string' || LONE_SURROGATE.test(plaintext))
    throw new TypeError('a personal value is a text with a UTF-8 form (no lone surrogate)');
  checkContext(context);
  const associated = personalAssociatedData(key.subjectId, key.keyId, context);
  const salt = derived(key.key, SALT_DOMAIN, associated, plaintext);
  const nonce = derived(key.key, NONCE_DOMAIN, associated, plaintext).subarray(0, NONCE_BYTES);
  const inner = paddedInner(base64url(salt), plaintext);
  const cipher = createCipheriv(CIPHER, key.key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associated);
  const ciphertext = Buffer.concat([cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
  inner.fill(0);
  return {
    subject: key.subjectId,
    keyId: key.keyId,
    alg: PERSONAL_ALGORITHM,
    nonce: base64url(nonce),
    ciphertext: base64url(ciphertext),
    commitment: personalCommitment(salt, plaintext),
  };
};

/** The salt and value a ciphertext opened to, if it is their JSON text. */
const innerOf = (text: string): OpenedPersonal | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { pad, salt, value, ...rest } = parsed as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof salt !== 'string' || typeof value !== 'string')
    return undefined;
  if (typeof pad !== 'string' || !/^ *$/.test(pad)) return undefined;
  const bytes = Buffer.from(salt, 'base64url');
  if (bytes.length !== SALT_BYTES || base64url(bytes) !== salt) return undefined;
  return { plaintext: value, salt: new Uint8Array(bytes) };
};

const sameHex = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/** Opens `sealed` and checks its commitment; the commitment is returned for `provePersonal`. */
const openChecked = (
  sealed: unknown,
  key: SubjectKey,
  context: PersonalContext,
): E.Either<
  PersonalOpenError,
  { readonly opened: OpenedPersonal; readonly commitment: string }
> => {
  const parts = sealedParts(sealed);
  if (E.isLeft(parts)) return failure('MalformedSealedValue', parts.left);
  const { value, nonce, ciphertext } = parts.right;
  if (key.subjectId !== value.subject || key.keyId !== value.keyId)
    return failure(
      'WrongKey',
      `the value is sealed under key ${value.keyId} of subject ${value.subject}, not key ${key.keyId} of subject ${key.subjectId}`,
    );
  if (key.key.length !== SUBJECT_KEY_BYTES)
    return failure(
      'WrongKey',
      `a subject key is ${SUBJECT_KEY_BYTES} bytes, not ${key.key.length}`,
    );
  let inner: Buffer;
  try {
    checkContext(context);
    const decipher = createDecipheriv(CIPHER, key.key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(personalAssociatedData(value.subject, value.keyId, context));
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
    inner = Buffer.concat([
      decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return failure(
      'NotAuthentic',
      `the value sealed under key ${value.keyId} does not authenticate for stream ${String(context.streamId)}, event ${String(context.eventId)}, field ${String(context.path)}: it was altered, or sealed for another event or field`,
    );
  }
  const opened = innerOf(inner.toString('utf8'));
  inner.fill(0);
  if (opened === undefined)
    return failure('MalformedSealedValue', 'the ciphertext does not hold a salt and a value');
  if (!sameHex(personalCommitment(opened.salt, opened.plaintext), value.commitment))
    return failure(
      'CommitmentMismatch',
      'the commitment beside the value is not the one made for it',
    );
  return E.right({ opened, commitment: value.commitment });
};

/**
 * Opens a sealed value with its subject's key, for the field at `context`: the value and its salt,
 * or why not (see `PersonalOpenError`). `sealed` is read through the `SealedPersonal` codec first,
 * so it may come straight from stored JSON.
 */
export const openPersonal = (
  sealed: unknown,
  key: SubjectKey,
  context: PersonalContext,
): E.Either<PersonalOpenError, OpenedPersonal> =>
  E.map((checked: { readonly opened: OpenedPersonal }) => checked.opened)(
    openChecked(sealed, key, context),
  );

/**
 * Whether `candidate` is the value committed to in `sealed`: the value opens with the key, its
 * commitment recomputes, and the commitment of `candidate` under the opened salt is the same (the
 * two digests compared in constant time). A `PersonalOpenError` if it does not open. The candidate
 * is compared as given: pass it in the form the field's codec stores (Unicode NFC, trimmed, for
 * the library's text codecs).
 */
export const provePersonal = (
  sealed: unknown,
  key: SubjectKey,
  context: PersonalContext,
  candidate: string,
): E.Either<PersonalOpenError, boolean> =>
  E.map(({ opened, commitment }: { opened: OpenedPersonal; commitment: string }) =>
    typeof candidate === 'string' && !LONE_SURROGATE.test(candidate)
      ? sameHex(personalCommitment(opened.salt, candidate), commitment)
      : false,
  )(openChecked(sealed, key, context));
