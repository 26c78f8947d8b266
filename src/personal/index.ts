/**
 * Personal data that can be erased without breaking the record: keys per data subject, kept in a
 * key store apart from the events, and personal values sealed under them with a salted commitment.
 */
export type {
  ErasedSubject,
  ErasureRequest,
  ErasureStamp,
  KeyStore,
  KeyStoreSubject,
  SubjectKey,
} from './key-store';
export {
  SUBJECT_ID_MAX_LENGTH,
  SUBJECT_KEY_BYTES,
  checkSubjectId,
  isSubjectId,
  subjectIdProblem,
} from './subject-id';
export {
  InvalidErasureError,
  InvalidSubjectIdError,
  KeyStoreUnavailableError,
  PersonalDataError,
  SubjectErasedError,
  isPersonalDataError,
  type PersonalDataErrorKind,
  type PersonalDataErrorOfKind,
} from './personal-errors';
export { createInMemoryKeyStore } from './in-memory-key-store';
export { openSqliteKeyStore, type SqliteKeyStore } from './sqlite-key-store';
export {
  KEY_STORE_APPLICATION_ID,
  KEY_STORE_SCHEMA_VERSION,
  type SqliteKeyStoreOptions,
} from './sqlite-key-store-options';
export { PERSONAL_ALGORITHM, SealedPersonal } from './sealed-personal';
export {
  ASSOCIATED_DATA_DOMAIN,
  COMMITMENT_DOMAIN,
  openPersonal,
  personalCommitment,
  provePersonal,
  sealPersonal,
  type OpenedPersonal,
  type PersonalContext,
  type PersonalOpenError,
  type PersonalOpenErrorKind,
} from './personal-field';
export { erasedPlaceholder } from './erased-placeholder';
export { SubjectId, ERASED_BY_MAX_LENGTH } from './subject-id';
export { withKeyStore } from './with-key-store';
export {
  WITHHELD_PLACEHOLDER,
  DIGEST_TAG_DOMAIN,
  digestTag,
  isPersonalPlaceholder,
  type PersonalKeys,
  type SealRefusal,
} from './sealed-data';
export { SALT_DOMAIN, NONCE_DOMAIN } from './personal-field';
export {
  ERASURE_CATEGORY,
  PersonalDataErased,
  erasureEvents,
  erasureStreamOf,
  isErasureStream,
  type ErasureEvent,
} from './erasure-record';
export {
  PersonalDataErasureRequest,
  erasePersonalData,
  type ErasureRefused,
  type PersonalDataErasedOnRecord,
} from './erase-personal-data';
export { listDataSubjects, type DataSubject } from './data-subjects';
