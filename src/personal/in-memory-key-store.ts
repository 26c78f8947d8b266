import { randomBytes, randomUUID } from 'node:crypto';
import type {
  ErasedSubject,
  ErasureRequest,
  ErasureStamp,
  KeyStore,
  KeyStoreSubject,
  SubjectKey,
} from './key-store';
import { KeyStoreUnavailableError, SubjectErasedError } from './personal-errors';
import { checkErasureRequest, checkSubjectId, SUBJECT_KEY_BYTES } from './subject-id';

/**
 * A key store held in the process's memory, for tests and for histories that live no longer than
 * the process (closing it forgets every key). Every call answers at once: a map read or write never waits, so two callers
 * asking for a new subject's key at once get the same one. Erasing overwrites the stored key
 * with zeros before letting it go; copies already handed out are the callers'.
 */

type Entry =
  { readonly keyId: string; readonly key: Uint8Array } | { readonly erased: ErasureStamp };

const copyOf = (subjectId: string, entry: { keyId: string; key: Uint8Array }): SubjectKey => ({
  subjectId,
  keyId: entry.keyId,
  key: Uint8Array.from(entry.key),
});

export const createInMemoryKeyStore = (): KeyStore => {
  const entries = new Map<string, Entry>();
  let closed = false;
  const open = (): void => {
    if (closed) throw new KeyStoreUnavailableError('the in-memory key store is closed');
  };

  return {
    keyFor: async (subjectId) => {
      open();
      checkSubjectId(subjectId);
      const entry = entries.get(subjectId);
      if (entry !== undefined && 'erased' in entry) throw new SubjectErasedError(entry.erased);
      if (entry !== undefined) return copyOf(subjectId, entry);
      const made = { keyId: randomUUID(), key: new Uint8Array(randomBytes(SUBJECT_KEY_BYTES)) };
      entries.set(subjectId, made);
      return copyOf(subjectId, made);
    },
    find: async (subjectId): Promise<SubjectKey | ErasedSubject | undefined> => {
      open();
      checkSubjectId(subjectId);
      const entry = entries.get(subjectId);
      if (entry === undefined) return undefined;
      return 'erased' in entry ? { erased: entry.erased } : copyOf(subjectId, entry);
    },
    erase: async (subjectId, request: ErasureRequest) => {
      open();
      checkSubjectId(subjectId);
      const { erasedAt, by } = checkErasureRequest(request);
      const entry = entries.get(subjectId);
      if (entry !== undefined && 'erased' in entry) return entry.erased;
      const stamp: ErasureStamp = {
        subjectId,
        erasedAt,
        ...(entry === undefined ? {} : { keyId: entry.keyId }),
        ...(by === undefined ? {} : { by }),
      };
      entry?.key.fill(0);
      entries.set(subjectId, { erased: stamp });
      return stamp;
    },
    subjects: async function* (): AsyncGenerator<KeyStoreSubject> {
      open();
      const ids = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const subjectId of ids) {
        const entry = entries.get(subjectId);
        if (entry === undefined) continue;
        yield 'erased' in entry
          ? entry.erased.keyId === undefined
            ? { subjectId, erasedAt: entry.erased.erasedAt }
            : { subjectId, keyId: entry.erased.keyId, erasedAt: entry.erased.erasedAt }
          : { subjectId, keyId: entry.keyId };
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const entry of entries.values()) if (!('erased' in entry)) entry.key.fill(0);
      entries.clear();
    },
  };
};
