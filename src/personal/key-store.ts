/**
 * The port through which personal data is sealed and erased: one key per data subject (an
 * officer, a member of a delegation, a signatory), created the first time a value of theirs is
 * sealed and destroyed when their data is to be erased. The record keeps the ciphertext for ever;
 * once the key is gone, nobody can read it again.
 *
 * The library ships two implementations, in memory and in a SQLite file of its own. One over a
 * KMS or an HSM must guarantee what they do:
 *
 * - **One key per subject, for good.** Two callers asking `keyFor` a new subject at once, in one
 *   process or in two, both get the same key (a unique constraint, a conditional create). A
 *   subject once erased is never given a fresh key: `keyFor` rejects with `SubjectErasedError`,
 *   so nothing new is sealed under a key that a later reader could not tell from the destroyed one.
 * - **Durable before it resolves.** A key handed out by `keyFor` is stored durably first (a value
 *   sealed under a key the store then loses is lost with it), and `erase` resolves only once the
 *   key material is destroyed wherever the adapter keeps it (for the embedded store: the file and
 *   its write-ahead log) and the tombstone is stored.
 * - **No key material outside the key.** Keys never appear in logs, error messages, metrics or
 *   exports; errors name the subject id and what failed, nothing else.
 * - **Name-free tombstones.** An erased subject leaves `{ subjectId, erasedAt, keyId }` only: the
 *   erasure is itself on record, and a later `keyFor` can refuse the subject.
 *
 * Subject ids are kept after erasure (in tombstones, and in every sealed value as its `subject`),
 * so a subject id must never be a name or anything else personal: use the person's id in the
 * record, or a random one.
 */

/** A subject's key: 32 random bytes for AES-256-GCM, named by a UUID new for each key. */
export interface SubjectKey {
  readonly subjectId: string;
  /** A random UUID (version 4), new for each key: a sealed value names the key it needs. */
  readonly keyId: string;
  /** 32 bytes. The store hands out a copy; a caller that is done with it may zero it. */
  readonly key: Uint8Array;
}

/** What remains of an erased subject: when, and which key was destroyed (absent if none was ever made). */
export interface ErasureStamp {
  readonly subjectId: string;
  /** An instant as `Date.prototype.toISOString` writes it. */
  readonly erasedAt: string;
  readonly keyId?: string;
  /** Who erased, as the request named them: a role or an office, shown in placeholders. */
  readonly by?: string;
}

/**
 * What the caller of `erase` says: the instant of the erasure, which the caller's clock gives,
 * and optionally who erases (a role or an office, never a person's name).
 */
export interface ErasureRequest {
  /** An instant as `Date.prototype.toISOString` writes it. */
  readonly erasedAt: string;
  /** A role or an office of up to 120 characters, without brackets. */
  readonly by?: string;
}

/** A subject as `subjects()` lists it: with its key's id until erased, with `erasedAt` after. */
export interface KeyStoreSubject {
  readonly subjectId: string;
  readonly keyId?: string;
  readonly erasedAt?: string;
}

/** What `find` answers for an erased subject. */
export interface ErasedSubject {
  readonly erased: ErasureStamp;
}

export interface KeyStore {
  /**
   * The subject's key, created (and stored durably) on first use. Rejects with
   * `SubjectErasedError` once the subject is erased, with `InvalidSubjectIdError` for an id that
   * is not one, and with `KeyStoreUnavailableError` when the store cannot answer.
   */
  keyFor(subjectId: string): Promise<SubjectKey>;
  /** The subject's key, its tombstone, or `undefined` if it was never keyed. Never creates a key. */
  find(subjectId: string): Promise<SubjectKey | ErasedSubject | undefined>;
  /**
   * Destroys the subject's key and keeps a tombstone; resolves with the tombstone once both are
   * durable. Idempotent: erasing an erased subject answers the first stamp (and the instant given
   * again is ignored). Erasing a subject never keyed records a tombstone without a `keyId`, so no
   * key is ever made for it afterwards.
   */
  erase(subjectId: string, request: ErasureRequest): Promise<ErasureStamp>;
  /** Every subject the store knows, keyed or erased, ordered by subject id. */
  subjects(): AsyncIterable<KeyStoreSubject>;
  /** Releases the store; every later call rejects with `KeyStoreUnavailableError`. Idempotent. */
  close(): Promise<void>;
}
