import * as E from 'fp-ts/Either';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/**
 * Ed25519 keys for C2SP signed notes (c2sp.org/signed-note), written the way the Go
 * implementation (golang.org/x/mod/sumdb/note) writes them, so keys made here work with
 * existing tools and theirs work here:
 *
 *   verifier key  <name>+<key id, 8 hex>+<base64(0x01 || 32-byte public key)>
 *   signer key    PRIVATE+KEY+<name>+<key id, 8 hex>+<base64(0x01 || 32-byte seed)>
 *
 * key id = first 4 bytes (big-endian) of SHA-256(name || 0x0A || 0x01 || public key).
 */

/** The signature type byte of Ed25519 note signatures. */
export const ED25519_NOTE_ALGORITHM = 0x01;

export interface VerifierKey {
  readonly name: string;
  /** The 32-bit key id, as a number (0 to 2^32 - 1). */
  readonly keyId: number;
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** The key in its textual form, `<name>+<key id>+<base64>`. */
  readonly encoded: string;
  readonly key: KeyObject;
}

export interface SignerKey {
  readonly name: string;
  readonly keyId: number;
  /** The matching verifier key, to hand to whoever checks the signatures. */
  readonly verifier: VerifierKey;
  readonly key: KeyObject;
}

export type KeyErrorKind =
  | 'BadKeyName'
  | 'BadKeyFormat'
  | 'BadKeyBase64'
  | 'WrongKeyAlgorithm'
  | 'BadKeyLength'
  | 'KeyIdMismatch'
  | 'BadKeyMaterial';

export interface KeyError {
  readonly kind: KeyErrorKind;
  readonly message: string;
}

const keyError = (kind: KeyErrorKind, message: string): E.Either<KeyError, never> =>
  E.left({ kind, message });

// Go's unicode.IsSpace: the ASCII spaces, NEL, NBSP and every character of category Z.
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\p{Z}]/u;
// In a `u` regular expression a proper surrogate pair is one code point, so this only finds
// lone surrogates: the strings that have no UTF-8 encoding.
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `s` encodes as UTF-8 (has no lone surrogate). */
export const isWellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);

/** Key names must be non-empty UTF-8 with no Unicode space and no '+'. */
export const isValidKeyName = (name: string): boolean =>
  name !== '' && isWellFormed(name) && !UNICODE_SPACE.test(name) && !name.includes('+');

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Standard base64 (RFC 4648 section 4), strictly: padding required and unused bits zero, so a
 * value has one spelling and a signature line cannot be rewritten without changing its bytes.
 */
export const decodeBase64 = (s: string): Buffer | undefined => {
  if (!BASE64.test(s)) return undefined;
  const bytes = Buffer.from(s, 'base64');
  return bytes.toString('base64') === s ? bytes : undefined;
};

export const encodeBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export const keyIdHex = (keyId: number): string => keyId.toString(16).padStart(8, '0');

/** First 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian. */
export const ed25519KeyId = (name: string, publicKey: Uint8Array): number =>
  createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, ED25519_NOTE_ALGORITHM))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);

// DER prefixes of an Ed25519 key (RFC 8410): PKCS #8 before the seed, SPKI before the public key.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const encodeKey = (prefix: string, name: string, keyId: number, raw: Uint8Array): string =>
  `${prefix}${name}+${keyIdHex(keyId)}+${encodeBase64(Buffer.concat([Uint8Array.of(ED25519_NOTE_ALGORITHM), raw]))}`;

const verifierFrom = (name: string, publicKey: Uint8Array): E.Either<KeyError, VerifierKey> => {
  try {
    const key = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    });
    const keyId = ed25519KeyId(name, publicKey);
    const encoded = encodeKey('', name, keyId, publicKey);
    return E.right({ name, keyId, publicKey: Uint8Array.from(publicKey), encoded, key });
  } catch (e) {
    return keyError('BadKeyMaterial', `not an Ed25519 public key: ${String(e)}`);
  }
};

const signerFrom = (name: string, seed: Uint8Array): E.Either<KeyError, SignerKey> => {
  let key: KeyObject;
  try {
    key = createPrivateKey({
      key: Buffer.concat([PKCS8_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
  } catch (e) {
    return keyError('BadKeyMaterial', `not an Ed25519 seed: ${String(e)}`);
  }
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return E.map((verifier: VerifierKey) => ({ name, keyId: verifier.keyId, verifier, key }))(
    verifierFrom(name, spki.subarray(SPKI_PREFIX.length)),
  );
};

interface KeyParts {
  readonly name: string;
  readonly keyId: number;
  readonly raw: Uint8Array;
}

/** The `<name>+<key id>+<base64>` common to both key forms, checked up to the key length. */
const parseParts = (text: string, what: string): E.Either<KeyError, KeyParts> => {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) return keyError('BadKeyFormat', `a ${what} is <name>+<key id>+<key>`);
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  const base64 = text.slice(second + 1);
  if (!isValidKeyName(name)) {
    return keyError(
      'BadKeyName',
      `key name ${JSON.stringify(name)} is empty or has a space or '+'`,
    );
  }
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) {
    return keyError('BadKeyFormat', `key id ${JSON.stringify(hex)} is not 8 hex digits`);
  }
  const bytes = decodeBase64(base64);
  if (bytes === undefined || bytes.length === 0) {
    return keyError('BadKeyBase64', `the key material is not standard padded base64`);
  }
  if (bytes[0] !== ED25519_NOTE_ALGORITHM) {
    return keyError('WrongKeyAlgorithm', `algorithm byte ${bytes[0]}, not 1 (Ed25519)`);
  }
  if (bytes.length !== 33) {
    return keyError('BadKeyLength', `Ed25519 key material is 32 bytes, not ${bytes.length - 1}`);
  }
  return E.right({ name, keyId: parseInt(hex, 16), raw: bytes.subarray(1) });
};

const checkKeyId = <K extends { readonly keyId: number }>(
  parts: KeyParts,
  key: K,
): E.Either<KeyError, K> =>
  key.keyId === parts.keyId
    ? E.right(key)
    : keyError(
        'KeyIdMismatch',
        `key id ${keyIdHex(parts.keyId)} does not match the key (${keyIdHex(key.keyId)})`,
      );

/** Reads a verifier key, `<name>+<key id>+<base64(0x01 || public key)>`. */
export const parseVerifierKey = (text: string): E.Either<KeyError, VerifierKey> =>
  E.chain((parts: KeyParts) =>
    E.chain((key: VerifierKey) => checkKeyId(parts, key))(verifierFrom(parts.name, parts.raw)),
  )(parseParts(text, 'verifier key'));

const SIGNER_PREFIX = 'PRIVATE+KEY+';

/** Reads a signer key, `PRIVATE+KEY+<name>+<key id>+<base64(0x01 || seed)>`. */
export const parseSignerKey = (text: string): E.Either<KeyError, SignerKey> =>
  text.startsWith(SIGNER_PREFIX)
    ? E.chain((parts: KeyParts) =>
        E.chain((key: SignerKey) => checkKeyId(parts, key))(signerFrom(parts.name, parts.raw)),
      )(parseParts(text.slice(SIGNER_PREFIX.length), 'signer key'))
    : keyError('BadKeyFormat', `a signer key begins with ${SIGNER_PREFIX}`);

export interface GeneratedKey {
  /** Secret: anyone holding it can sign as `name`. */
  readonly signerKey: string;
  /** Public: give it to whoever checks the signatures. */
  readonly verifierKey: string;
}

/** A new random Ed25519 key pair named `name`, in the textual forms above. */
export const generateSigningKey = (name: string): E.Either<KeyError, GeneratedKey> => {
  if (!isValidKeyName(name)) {
    return keyError(
      'BadKeyName',
      `key name ${JSON.stringify(name)} is empty or has a space or '+'`,
    );
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  const keyId = ed25519KeyId(name, pub);
  return E.right({
    signerKey: encodeKey(SIGNER_PREFIX, name, keyId, seed),
    verifierKey: encodeKey('', name, keyId, pub),
  });
};

/** The 64-byte Ed25519 signature of `message` (RFC 8032, deterministic). */
export const signBytes = (signer: SignerKey, message: Uint8Array): Uint8Array =>
  sign(null, message, signer.key);

export const verifyBytes = (
  verifier: VerifierKey,
  message: Uint8Array,
  signature: Uint8Array,
): boolean => {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, verifier.key, signature);
  } catch {
    return false;
  }
};
