import { checkedString } from '../kernel/primitives';
import { isInstantRoundTrip, isWrittenInstant } from '../kernel/iso-instant';
import type { ErasureRequest } from './key-store';
import { InvalidErasureError, InvalidSubjectIdError } from './personal-errors';

/** The checks every key store makes of what it is given, before it reads or writes anything. */

/** A subject id's longest form, in characters. */
export const SUBJECT_ID_MAX_LENGTH = 128;

/** The length of a subject's key, in bytes. */
export const SUBJECT_KEY_BYTES = 32;

const SUBJECT_ID = /^[A-Za-z0-9._:-]+$/;
const ALLOWED = /[A-Za-z0-9._:-]/;

/**
 * Why `subjectId` is not a subject id, or `undefined` if it is one: a non-empty text of at most
 * 128 characters, each a letter or digit of ASCII or one of `.`, `_`, `:`, `-`. The reason names
 * the first offending character by position and code point, never the value itself: a value
 * refused here may be a name passed by mistake, and errors end up in logs.
 */
export const subjectIdProblem = (subjectId: unknown): string | undefined => {
  if (typeof subjectId !== 'string') return `a subject id is a string, not ${typeof subjectId}`;
  if (subjectId.length === 0) return 'a subject id cannot be empty';
  if (subjectId.length > SUBJECT_ID_MAX_LENGTH)
    return `a subject id has at most ${SUBJECT_ID_MAX_LENGTH} characters, not ${subjectId.length}`;
  if (SUBJECT_ID.test(subjectId)) return undefined;
  const chars = [...subjectId];
  const at = chars.findIndex((c) => !ALLOWED.test(c));
  const cp = chars[at]?.codePointAt(0) ?? 0;
  return `a subject id holds only ASCII letters, digits and . _ : -, but character ${at + 1} is U+${cp
    .toString(16)
    .toUpperCase()
    .padStart(4, '0')}`;
};

export const isSubjectId = (subjectId: unknown): subjectId is string =>
  subjectIdProblem(subjectId) === undefined;

/** The subject id as given, or an `InvalidSubjectIdError` saying what is wrong with it. */
export const checkSubjectId = (subjectId: unknown): string => {
  const problem = subjectIdProblem(subjectId);
  if (problem !== undefined) throw new InvalidSubjectIdError(problem);
  return subjectId as string;
};

/** The longest `by` an erasure keeps: a role or an office, shown in every placeholder. */
export const ERASED_BY_MAX_LENGTH = 120;

/**
 * The request's instant, checked to be one as `toISOString` writes it, and who erased, checked
 * to be a short text that a placeholder can show (no brackets, no control characters).
 */
export const checkErasureRequest = (
  request: ErasureRequest,
): { readonly erasedAt: string; readonly by?: string } => {
  const at: unknown = (request as { erasedAt?: unknown } | undefined)?.erasedAt;
  if (typeof at !== 'string' || !(isWrittenInstant(at) || isInstantRoundTrip(at)))
    throw new InvalidErasureError(
      'erasedAt must be an instant as Date.prototype.toISOString writes it (YYYY-MM-DDTHH:mm:ss.sssZ)',
    );
  const by: unknown = (request as { by?: unknown }).by;
  if (by === undefined) return { erasedAt: at };
  if (
    typeof by !== 'string' ||
    by.trim() !== by ||
    by.length === 0 ||
    by.length > ERASED_BY_MAX_LENGTH ||
    /[[\]\p{Cc}]/u.test(by)
  )
    throw new InvalidErasureError(
      `by must be a role or an office of 1 to ${ERASED_BY_MAX_LENGTH} characters, without brackets, control characters or surrounding spaces`,
    );
  return { erasedAt: at, by };
};

/** The codec of a subject id, for the field beside a personal value that says whose it is. */
export const SubjectId = checkedString(
  `SubjectId (1 to ${SUBJECT_ID_MAX_LENGTH} of A-Z a-z 0-9 . _ : -)`,
  (s) => isSubjectId(s),
);
