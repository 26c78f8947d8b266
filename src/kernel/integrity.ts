import * as crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import * as t from 'io-ts';
import { checkedString, struct } from './primitives';

/** A SHA-256 digest as 64 lowercase hexadecimal digits. */
// One pattern object for every check, instead of a new one per call (three per event decoded).
// (A loop over character codes was measured, and was slower than this pattern.)
const SHA256_HEX = /^[0-9a-f]{64}$/;
export const Sha256Hex = checkedString('Sha256Hex', (s) => SHA256_HEX.test(s));

/**
 * The versions of the link. 1: the hash covers stream, id, type, data digest, metadata and the
 * previous hash. 2 (written since 0.2): the same with the version itself, and the metadata then
 * carries the `recordedAt` the writer stamped, so the instant is sealed too.
 */
export const LINK_VERSION = 2;

export const IntegrityLink = struct(
  'IntegrityLink',
  { previousHash: t.union([Sha256Hex, t.null]), dataHash: Sha256Hex, hash: Sha256Hex },
  { version: t.literal(LINK_VERSION) },
);
export type IntegrityLink = t.TypeOf<typeof IntegrityLink>;

// The one-shot `crypto.hash` (Node 20.12 and later) skips building a Hash object: every event
// written, verified or audited is hashed two or three times, and that object showed in profiles.
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;

export const sha256 = (text: string): string =>
  oneShot === undefined
    ? crypto.createHash('sha256').update(text, 'utf8').digest('hex')
    : oneShot('sha256', text, 'hex');

/** RFC 8785 (JSON Canonicalization Scheme) text of a JSON value. */
export const canonicalJson = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('a value with no JSON form cannot be canonicalised');
  return text;
};

/** What an event hash covers. `data` and `metadata` are JSON values as stored. */
export interface SealInput {
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  /** The event's metadata without its `integrity` field (with the `recordedAt` it was sealed with, from version 2). */
  readonly metadata: unknown;
  readonly previousHash: string | null;
  /** The link's version; absent for version 1. */
  readonly version?: typeof LINK_VERSION;
}

/**
 * The integrity link of one event: SHA-256 over the canonical JSON of its stream, id, type, data
 * digest, metadata (schema version, occurredOn, who and why included) and the previous hash.
 */
export const sealEvent = (input: SealInput): IntegrityLink => {
  const dataHash = sha256(canonicalJson(input.data));
  const sealed = {
    streamId: input.streamId,
    eventId: input.eventId,
    type: input.type,
    dataHash,
    metadata: input.metadata,
    previousHash: input.previousHash,
  };
  // The version is sealed with the rest, so a version-2 event cannot pass for a version-1 one.
  const hash = sha256(
    canonicalJson(input.version === undefined ? sealed : { ...sealed, version: input.version }),
  );
  return input.version === undefined
    ? { previousHash: input.previousHash, dataHash, hash }
    : { previousHash: input.previousHash, dataHash, hash, version: input.version };
};

/** The starting value of a running digest over the global order. */
export const EMPTY_DIGEST = sha256('');

/**
 * Folds one event's hash into a running digest of the global order: a reviewer who writes the
 * digest down can tell later whether anything before that point was changed, removed or
 * reordered. Positions are left out on purpose: they differ between stores (EventStoreDB counts
 * bytes), and the same history exported and imported elsewhere must give the same digest.
 */
export const foldDigest = (digest: string, eventHash: string): string =>
  sha256(`${digest}\n${eventHash}`);
