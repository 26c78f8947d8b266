import * as E from 'fp-ts/Either';
import type { EventStore } from '../kernel/event-store';
import type { ErasureStamp, SubjectKey } from './key-store';
import { openPersonal } from './personal-field';
import { maySealPersonal, sealedValuesIn } from './sealed-data';

/** A data subject as the record knows them: what `diplomatic-ledger subjects` lists. */
export interface DataSubject {
  readonly subjectId: string;
  /** The name last sealed for them, while their key exists and is at hand. */
  readonly name?: string;
  /** When their key was destroyed, and on what authority, once erased. */
  readonly erasedAt?: string;
  readonly erasedBy?: string;
  /** How many sealed values of theirs the history holds. */
  readonly values: number;
}

/**
 * Every data subject named in the store's history, or known to its key store, ordered by subject
 * id: their id, the name last sealed for them until they are erased, and how many sealed values
 * of theirs the record holds. Reads the whole global order.
 */
export const listDataSubjects = async (store: EventStore): Promise<DataSubject[]> => {
  const keys = store.keys;
  const found = new Map<string, { name?: string; values: number }>();
  const known = new Map<string, SubjectKey | ErasureStamp | undefined>();
  const keyOf = async (subjectId: string) => {
    if (!known.has(subjectId)) {
      const answer = await keys?.find(subjectId);
      known.set(subjectId, answer !== undefined && 'erased' in answer ? answer.erased : answer);
    }
    return known.get(subjectId);
  };
  for await (const stored of store.readAll()) {
    if (!maySealPersonal(stored.data)) continue;
    let data: unknown;
    try {
      data = JSON.parse(stored.data);
    } catch {
      continue;
    }
    for (const { pointer, sealed } of sealedValuesIn(data)) {
      const entry = found.get(sealed.subject) ?? { values: 0 };
      entry.values++;
      const key = await keyOf(sealed.subject);
      if (key !== undefined && 'key' in key) {
        const opened = openPersonal(sealed, key, { ...stored, path: pointer });
        if (E.isRight(opened)) entry.name = opened.right.plaintext;
      }
      found.set(sealed.subject, entry);
    }
  }
  if (keys !== undefined)
    for await (const subject of keys.subjects())
      if (!found.has(subject.subjectId)) found.set(subject.subjectId, { values: 0 });
  const subjects: DataSubject[] = [];
  for (const subjectId of [...found.keys()].sort()) {
    const entry = found.get(subjectId) ?? { values: 0 };
    const key = await keyOf(subjectId);
    const erased = key !== undefined && !('key' in key) ? key : undefined;
    subjects.push({
      subjectId,
      ...(erased === undefined && entry.name !== undefined ? { name: entry.name } : {}),
      ...(erased === undefined ? {} : { erasedAt: erased.erasedAt }),
      ...(erased?.by === undefined ? {} : { erasedBy: erased.by }),
      values: entry.values,
    });
  }
  return subjects;
};
