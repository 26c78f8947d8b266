import { createHmac } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { mapPersonal, type PersonalField } from '../kernel/personal-fields';
import { erasedPlaceholder } from './erased-placeholder';
import type { ErasureStamp, KeyStore, SubjectKey } from './key-store';
import { openPersonal, sealPersonal } from './personal-field';
import { SealedPersonal } from './sealed-personal';

/**
 * The personal values of an event's data, sealed on the way into the store and opened on the way
 * out, by the fields its codec declares (kernel/personal-fields.ts). Keys are fetched from the key
 * store beforehand (`keysForSealing`, `keysForOpening`), so that encoding and decoding stay
 * synchronous and a key is asked for once per subject, not once per value.
 */

/** The keys at hand for one event or command: each subject's key, or its erasure. */
export type PersonalKeys = ReadonlyMap<string, SubjectKey | ErasureStamp>;

export const NO_KEYS: PersonalKeys = new Map();

/** Shown in place of a sealed value whose key is not at hand (no key store, or another one). */
export const WITHHELD_PLACEHOLDER = '[personal data withheld: no key]';

const PLACEHOLDER = /^\[erased on \d{4}-\d{2}-\d{2}(?: by [^\]]+)?\]$/;

/**
 * Whether `text` is what reads show for an erased or withheld value. Such a text names no one: a
 * decider that copies it from the state into a new event records it as it is, not sealed.
 */
export const isPersonalPlaceholder = (text: unknown): boolean =>
  typeof text === 'string' && (text === WITHHELD_PLACEHOLDER || PLACEHOLDER.test(text));

const isKey = (k: SubjectKey | ErasureStamp | undefined): k is SubjectKey =>
  k !== undefined && 'key' in k;

/** The subject ids of the personal values `value` holds in plain text (placeholders aside). */
export const subjectsToSeal = (fields: readonly PersonalField[], value: unknown): Set<string> => {
  const subjects = new Set<string>();
  for (const found of mapPersonal(fields, value).found)
    if (
      typeof found.value === 'string' &&
      !isPersonalPlaceholder(found.value) &&
      typeof found.subjectId === 'string'
    )
      subjects.add(found.subjectId);
  return subjects;
};

/** Why a personal value could not be sealed. Nothing of the value is in it. */
export interface SealRefusal {
  readonly problem: 'NoSubject' | 'NoKeyStore' | 'SubjectErased';
  readonly pointer: string;
  readonly subjectId?: string;
  readonly message: string;
}

/** Each personal value of `data` sealed for the field it is in, or why one cannot be. */
export const sealPersonalData = (
  fields: readonly PersonalField[],
  data: unknown,
  keys: PersonalKeys | undefined,
  where: { readonly streamId: string; readonly eventId: string },
): E.Either<SealRefusal, unknown> => {
  let refusal: SealRefusal | undefined;
  const sealed = mapPersonal(fields, data, (found) => {
    if (refusal !== undefined || typeof found.value !== 'string') return found.value;
    if (isPersonalPlaceholder(found.value)) return found.value;
    const { pointer } = found;
    if (typeof found.subjectId !== 'string') {
      refusal = {
        problem: 'NoSubject',
        pointer,
        message: `${pointer} is personal data and needs the id of its data subject at ${found.subjectPointer}`,
      };
      return found.value;
    }
    const subjectId = found.subjectId;
    const key = keys?.get(subjectId);
    if (isKey(key)) return sealPersonal(found.value, key, { ...where, path: pointer });
    refusal =
      key === undefined
        ? {
            problem: 'NoKeyStore',
            pointer,
            subjectId,
            message: `${pointer} is personal data of subject ${subjectId}, and the store has no key store to seal it with; open the store with one (withKeyStore) rather than record it in plain text`,
          }
        : {
            problem: 'SubjectErased',
            pointer,
            subjectId,
            message: `${pointer} names subject ${subjectId}, whose personal data was erased at ${key.erasedAt}; nothing new is recorded for them`,
          };
    return found.value;
  });
  return refusal === undefined ? E.right(sealed.value) : E.left(refusal);
};

/**
 * Each sealed personal value of `data` opened: the plain text with its key, the erasure's
 * placeholder once the key is destroyed, `WITHHELD_PLACEHOLDER` without the key. A value that does
 * not authenticate, or that names another subject than its field's sibling, is a damaged record:
 * the answer says where, and nothing is opened.
 */
export const openPersonalData = (
  fields: readonly PersonalField[],
  data: unknown,
  keys: PersonalKeys,
  where: { readonly streamId: string; readonly eventId: string },
): E.Either<string, unknown> => {
  let problem: string | undefined;
  const opened = mapPersonal(fields, data, (found) => {
    if (problem !== undefined || typeof found.value !== 'object' || found.value === null)
      return found.value;
    const { pointer } = found;
    if (!SealedPersonal.is(found.value)) {
      problem = `${pointer} is neither text nor a sealed personal value`;
      return found.value;
    }
    const sealed = found.value;
    if (sealed.subject !== found.subjectId) {
      problem = `${pointer} is sealed for subject ${sealed.subject}, but ${found.subjectPointer} names another`;
      return found.value;
    }
    const key = keys.get(sealed.subject);
    if (key === undefined) return WITHHELD_PLACEHOLDER;
    if (!isKey(key)) return erasedPlaceholder(key, key.by);
    const result = openPersonal(sealed, key, { ...where, path: pointer });
    if (E.isRight(result)) return result.right.plaintext;
    if (result.left.kind === 'WrongKey') return WITHHELD_PLACEHOLDER;
    problem = `${pointer} does not open (${result.left.kind}): ${result.left.message}`;
    return found.value;
  });
  return problem === undefined ? E.right(opened.value) : E.left(problem);
};

/** Whether a stored data text may hold a sealed value: the cheap test before any parsing. */
export const maySealPersonal = (dataText: string): boolean => dataText.includes('"ciphertext"');

/** Every sealed value in `value`, wherever it is, with its JSON pointer. */
export function* sealedValuesIn(
  value: unknown,
  pointer = '',
): Generator<{ readonly pointer: string; readonly sealed: SealedPersonal }> {
  if (Array.isArray(value))
    for (const [index, element] of value.entries())
      yield* sealedValuesIn(element, `${pointer}/${index}`);
  else if (typeof value === 'object' && value !== null) {
    if (SealedPersonal.is(value)) yield { pointer, sealed: value };
    else
      for (const [key, part] of Object.entries(value))
        yield* sealedValuesIn(part, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}

/** Every subject a sealed value in `value` names, wherever it is. */
export const sealedSubjectsIn = (value: unknown): Set<string> =>
  new Set([...sealedValuesIn(value)].map((v) => v.sealed.subject));

/**
 * The keys to seal the values of `subjects` with: each key, created on first use, or the
 * subject's erasure (which `sealPersonalData` refuses to seal for).
 */
export const keysForSealing = async (
  keyStore: KeyStore | undefined,
  subjects: Iterable<string>,
): Promise<PersonalKeys | undefined> => {
  if (keyStore === undefined) return undefined;
  const keys = new Map<string, SubjectKey | ErasureStamp>();
  for (const subjectId of subjects) {
    if (keys.has(subjectId)) continue;
    const known = await keyStore.find(subjectId);
    keys.set(
      subjectId,
      known !== undefined && 'erased' in known ? known.erased : await keyStore.keyFor(subjectId),
    );
  }
  return keys;
};

/** The keys to open the sealed values of `subjects` with; never creates one. */
export const keysForOpening = async (
  keyStore: KeyStore | undefined,
  subjects: Iterable<string>,
): Promise<PersonalKeys> => {
  if (keyStore === undefined) return NO_KEYS;
  const keys = new Map<string, SubjectKey | ErasureStamp>();
  for (const subjectId of subjects) {
    if (keys.has(subjectId)) continue;
    const known = await keyStore.find(subjectId);
    if (known !== undefined) keys.set(subjectId, 'erased' in known ? known.erased : known);
  }
  return keys;
};

/** The label the digest tag hashes first. */
export const DIGEST_TAG_DOMAIN = 'diplomatic-ledger/personal-digest/v1';

/**
 * What a command's digest covers in place of a personal value: an HMAC of it under its subject's
 * key. The same value gives the same tag, so a retry is still recognised; once the key is
 * destroyed no guess at the name can be tested against the digest sealed in the record.
 */
export const digestTag = (key: SubjectKey, value: string): string =>
  `hmac-sha256:${createHmac('sha256', key.key)
    .update(DIGEST_TAG_DOMAIN, 'utf8')
    .update(Uint8Array.of(0))
    .update(value, 'utf8')
    .digest('hex')}`;

/** `value` with each personal value given in plain text replaced by its digest tag. */
export const withDigestTags = (
  fields: readonly PersonalField[],
  value: unknown,
  keys: PersonalKeys | undefined,
): unknown =>
  mapPersonal(fields, value, (found) => {
    if (typeof found.value !== 'string' || typeof found.subjectId !== 'string') return found.value;
    const key = keys?.get(found.subjectId);
    return isKey(key) ? digestTag(key, found.value) : found.value;
  }).value;

/**
 * The keys to open a stored event's sealed values with, when it has any and there is a key store
 * to ask; `undefined` otherwise, so that the reader of an event without personal data does not
 * wait for anything.
 */
export const keysToOpen = (
  keyStore: KeyStore | undefined,
  stored: { readonly data: string },
): Promise<PersonalKeys> | undefined => {
  if (keyStore === undefined || !maySealPersonal(stored.data)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored.data);
  } catch {
    return undefined;
  }
  const subjects = sealedSubjectsIn(parsed);
  return subjects.size === 0 ? undefined : keysForOpening(keyStore, subjects);
};
