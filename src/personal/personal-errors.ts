import type { ErasureStamp } from './key-store';

/**
 * Errors of the key store and of sealing personal data. Callers match on `kind` (see
 * `isPersonalDataError`) rather than on classes, so errors survive crossing module copies. No
 * message ever carries key material or a personal value: only subject ids, key ids, file paths
 * and what went wrong.
 */
export type PersonalDataErrorKind =
  'InvalidSubjectId' | 'InvalidErasure' | 'SubjectErased' | 'KeyStoreUnavailable';

export abstract class PersonalDataError extends Error {
  abstract readonly kind: PersonalDataErrorKind;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A subject id that is not one; nothing was read or written. The message says what is wrong. */
export class InvalidSubjectIdError extends PersonalDataError {
  readonly kind = 'InvalidSubjectId' as const;
  constructor(readonly problem: string) {
    super(`invalid subject id: ${problem}`);
  }
}

/** An erasure asked for with something wrong in it (its instant); nothing was written. */
export class InvalidErasureError extends PersonalDataError {
  readonly kind = 'InvalidErasure' as const;
  constructor(readonly problem: string) {
    super(`invalid erasure: ${problem}`);
  }
}

/**
 * The subject's key was destroyed: what was sealed under it cannot be read, and nothing new is
 * sealed for the subject (a fresh key would pass for the destroyed one).
 */
export class SubjectErasedError extends PersonalDataError {
  readonly kind = 'SubjectErased' as const;
  readonly subjectId: string;
  constructor(readonly stamp: ErasureStamp) {
    super(`subject ${stamp.subjectId} was erased at ${stamp.erasedAt}; its key no longer exists`);
    this.subjectId = stamp.subjectId;
  }
}

/**
 * The key store cannot answer: closed, its driver missing, its file not a key store (or an event
 * store's), newer than this library reads, or a fault of the file or the engine. `cause` is the
 * underlying error, if any.
 */
export class KeyStoreUnavailableError extends PersonalDataError {
  readonly kind = 'KeyStoreUnavailable' as const;
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(`key store unavailable: ${message}`);
  }
}

/** The personal-data error class of one kind. */
export type PersonalDataErrorOfKind<K extends PersonalDataErrorKind> = Extract<
  InvalidSubjectIdError | InvalidErasureError | SubjectErasedError | KeyStoreUnavailableError,
  { kind: K }
>;

export const isPersonalDataError = <K extends PersonalDataErrorKind>(
  error: unknown,
  kind: K,
): error is PersonalDataErrorOfKind<K> =>
  typeof error === 'object' &&
  error !== null &&
  (error as { kind?: unknown }).kind === kind &&
  error instanceof Error;
