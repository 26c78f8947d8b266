import type { KeyStore, KeyStoreSubject, SubjectKey } from '../../src/personal/key-store';
import { isPersonalDataError } from '../../src/personal/personal-errors';

/**
 * What every key store does, whatever keeps its keys. `open` gives a new, empty store;
 * `reopen`, where the store outlives its object, gives a new object over the same keys.
 */
export interface KeyStoreUnderTest {
  readonly name: string;
  readonly open: () => Promise<KeyStore>;
  readonly reopen?: (store: KeyStore) => Promise<KeyStore>;
}

const erasedAt = '2031-05-01T09:30:00.000Z';

export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

/** What a call was rejected with; fails if it resolved. */
export const rejection = async (call: () => Promise<unknown>): Promise<Error> => {
  try {
    await call();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-error: ${String(error)}`, { cause: error });
  }
  throw new Error('resolved');
};

const isKey = (found: unknown): found is SubjectKey =>
  typeof found === 'object' && found !== null && 'key' in found;

export const keyStoreContract = (subject: KeyStoreUnderTest): void => {
  describe(`${subject.name}: the key store contract`, () => {
    let store: KeyStore;
    beforeEach(async () => {
      store = await subject.open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates a key on first use: 32 bytes, a new UUID', async () => {
      const key = await store.keyFor('officer-0042');
      expect(key.subjectId).toBe('officer-0042');
      expect(key.keyId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(key.key).toBeInstanceOf(Uint8Array);
      expect(key.key).toHaveLength(32);
      expect(Buffer.from(key.key).equals(Buffer.alloc(32))).toBe(false);
    });

    it('answers the same key the second time, and another for another subject', async () => {
      const first = await store.keyFor('officer-1');
      const again = await store.keyFor('officer-1');
      const other = await store.keyFor('officer-2');
      expect(again.keyId).toBe(first.keyId);
      expect(Buffer.from(again.key).equals(Buffer.from(first.key))).toBe(true);
      expect(other.keyId).not.toBe(first.keyId);
      expect(Buffer.from(other.key).equals(Buffer.from(first.key))).toBe(false);
    });

    it('hands out copies: a caller zeroing its key does not zero the store’s', async () => {
      const first = await store.keyFor('officer-1');
      const kept = Buffer.from(first.key);
      first.key.fill(0);
      expect(Buffer.from((await store.keyFor('officer-1')).key).equals(kept)).toBe(true);
    });

    it('finds a key without creating one', async () => {
      expect(await store.find('officer-9')).toBeUndefined();
      expect(await collect(store.subjects())).toEqual([]);
      const key = await store.keyFor('officer-9');
      const found = await store.find('officer-9');
      expect(isKey(found) && found.keyId === key.keyId).toBe(true);
    });

    it('erases: the key is gone, find answers the stamp, and keyFor refuses', async () => {
      const key = await store.keyFor('officer-7');
      const stamp = await store.erase('officer-7', { erasedAt });
      expect(stamp).toEqual({ subjectId: 'officer-7', erasedAt, keyId: key.keyId });
      expect(await store.find('officer-7')).toEqual({ erased: stamp });
      const refused = await rejection(() => store.keyFor('officer-7'));
      expect(isPersonalDataError(refused, 'SubjectErased')).toBe(true);
      expect(isPersonalDataError(refused, 'SubjectErased') && refused.stamp).toEqual(stamp);
      expect(refused.message).not.toContain(Buffer.from(key.key).toString('hex'));
    });

    it('erases idempotently: again answers the first stamp', async () => {
      await store.keyFor('officer-7');
      const first = await store.erase('officer-7', { erasedAt });
      const again = await store.erase('officer-7', { erasedAt: '2032-01-01T00:00:00.000Z' });
      expect(again).toEqual(first);
    });

    it('erases a subject never keyed: a tombstone without a key id, and no key after', async () => {
      const stamp = await store.erase('person-3', { erasedAt });
      expect(stamp).toEqual({ subjectId: 'person-3', erasedAt });
      expect(await store.find('person-3')).toEqual({ erased: stamp });
      expect(
        isPersonalDataError(await rejection(() => store.keyFor('person-3')), 'SubjectErased'),
      ).toBe(true);
    });

    it('lists keyed and erased subjects, by subject id', async () => {
      const b = await store.keyFor('b-officer');
      const a = await store.keyFor('a-officer');
      await store.erase('a-officer', { erasedAt });
      await store.erase('c-person', { erasedAt });
      expect(await collect(store.subjects())).toEqual<KeyStoreSubject[]>([
        { subjectId: 'a-officer', keyId: a.keyId, erasedAt },
        { subjectId: 'b-officer', keyId: b.keyId },
        { subjectId: 'c-person', erasedAt },
      ]);
    });

    it.each([
      ['empty', '', 'empty'],
      ['129 characters long', 'x'.repeat(129), 'at most 128'],
      ['with a space', 'Ali Khan', 'character 4 is U+0020'],
      ['with a slash', 'officer/1', 'U+002F'],
      ['with a ligature', 'of\ufb01cer', 'U+FB01'],
    ])(
      'refuses a subject id %s, saying what is wrong and writing nothing',
      async (_, bad, says) => {
        for (const call of [
          () => store.keyFor(bad),
          () => store.find(bad),
          () => store.erase(bad, { erasedAt }),
        ]) {
          const refused = await rejection(call);
          expect(isPersonalDataError(refused, 'InvalidSubjectId')).toBe(true);
          expect(refused.message).toContain(says);
          if (bad.length > 0 && bad.length <= 128) expect(refused.message).not.toContain(bad);
        }
        expect(await collect(store.subjects())).toEqual([]);
      },
    );

    it('accepts the longest subject id and every allowed character', async () => {
      const id = `Az09._:-${'y'.repeat(120)}`;
      expect((await store.keyFor(id)).subjectId).toBe(id);
    });

    it('refuses an erasure without a proper instant, writing nothing', async () => {
      await store.keyFor('officer-1');
      for (const at of ['2031-05-01', '2031-05-01T09:30:00Z', '', 'yesterday']) {
        const refused = await rejection(() => store.erase('officer-1', { erasedAt: at }));
        expect(isPersonalDataError(refused, 'InvalidErasure')).toBe(true);
      }
      expect(isKey(await store.find('officer-1'))).toBe(true);
    });

    it('refuses every call once closed', async () => {
      await store.close();
      for (const call of [
        () => store.keyFor('officer-1'),
        () => store.find('officer-1'),
        () => store.erase('officer-1', { erasedAt }),
        () => collect(store.subjects()),
      ])
        expect(isPersonalDataError(await rejection(call), 'KeyStoreUnavailable')).toBe(true);
    });

    if (subject.reopen !== undefined) {
      const reopen = subject.reopen;
      it('keeps keys and erasures across a reopen', async () => {
        const kept = await store.keyFor('officer-1');
        await store.keyFor('officer-2');
        const stamp = await store.erase('officer-2', { erasedAt });
        store = await reopen(store);
        const again = await store.keyFor('officer-1');
        expect(again.keyId).toBe(kept.keyId);
        expect(Buffer.from(again.key).equals(Buffer.from(kept.key))).toBe(true);
        expect(await store.find('officer-2')).toEqual({ erased: stamp });
        expect(
          isPersonalDataError(await rejection(() => store.keyFor('officer-2')), 'SubjectErased'),
        ).toBe(true);
      });
    }
  });
};
