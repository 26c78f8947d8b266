import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { randomBytes, randomUUID } from 'node:crypto';
import type { SubjectKey } from '../../src/personal/key-store';
import { openPersonal, provePersonal, sealPersonal } from '../../src/personal/personal-field';
import type { SealedPersonal } from '../../src/personal/sealed-personal';
import { scaled } from '../support/time-scale';

jest.setTimeout(scaled(30_000));

/**
 * For any name and any place, sealing then opening gives the name back, and the sealed JSON
 * shows nothing of it: no run of 4 or more of the name's UTF-8 bytes is in its text or in the
 * bytes its base64url and hexadecimal parts decode to.
 *
 * A run of 4 can turn up by chance in random bytes or random base64url text (for a name of
 * letters and digits, about once in ten thousand seals). A leak does not depend on the nonce and
 * the salt, and a chance match does: each name is sealed twice, and a run found in both seals
 * fails the test, while one found in only one of them is chance (the odds of its repeating are
 * below one in a hundred million).
 */

const names = fc.oneof(
  fc.constantFrom(
    'Col. Khalid Al-Mansoori',
    'Fatima Rahman',
    'محمد بن راشد',
    'Zoë Ångström-Nuñez',
    '王小明',
    'Αλέξανδρος Παπαδόπουλος',
    'Ali',
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
);

const contexts = fc.record({
  streamId: fc.string({ minLength: 1, maxLength: 40 }),
  eventId: fc.uuid(),
  path: fc.string({ minLength: 1, maxLength: 40 }).map((p) => `/${p}`),
});

const keyOf = (n: number): SubjectKey => ({
  subjectId: `person-${n}`,
  keyId: randomUUID(),
  key: new Uint8Array(randomBytes(32)),
});

/** Every run of `length` bytes of `bytes`. */
const runsOf = (bytes: Buffer, length: number): Buffer[] =>
  Array.from({ length: Math.max(0, bytes.length - length + 1) }, (_, i) =>
    bytes.subarray(i, i + length),
  );

/** The sealed value as searched: its JSON text, and the bytes its encoded parts decode to. */
const searchable = (sealed: SealedPersonal): Buffer[] => [
  // The values as stored, without the format's own property names ("commitment" holds "ment").
  Buffer.from(Object.values(sealed).join('\n'), 'utf8'),
  Buffer.from(sealed.nonce, 'base64url'),
  Buffer.from(sealed.ciphertext, 'base64url'),
  Buffer.from(sealed.commitment, 'hex'),
];

/** The runs of 4 bytes of `name` found in the sealed value, as hexadecimal. */
const runsFound = (name: string, sealed: SealedPersonal): Set<string> => {
  const parts = searchable(sealed);
  return new Set(
    runsOf(Buffer.from(name, 'utf8'), 4)
      .filter((run) => parts.some((part) => part.includes(run)))
      .map((run) => run.toString('hex')),
  );
};

describe('sealing a personal value, for any name and place', () => {
  it('opens to the name, proves it, and shows no run of 4 of its bytes', () => {
    fc.assert(
      fc.property(names, contexts, fc.nat(1000), (name, context, n) => {
        const key = keyOf(n);
        const sealed = sealPersonal(name, key, context);
        const stored = JSON.parse(JSON.stringify(sealed)) as unknown;

        const opened = openPersonal(stored, key, context);
        expect(E.isRight(opened) && opened.right.plaintext).toBe(name);
        expect(provePersonal(stored, key, context, name)).toEqual(E.right(true));
        expect(provePersonal(stored, key, context, `${name}.`)).toEqual(E.right(false));

        // Sealing is deterministic for one key: a run there by chance shows again only under
        // the same key, so the second seal is under a key of its own.
        const again = sealPersonal(name, keyOf(n), context);
        const inBoth = [...runsFound(name, sealed)].filter((run) =>
          runsFound(name, again).has(run),
        );
        expect(inBoth).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('would see a name that a seal let through', () => {
    const sealed = sealPersonal('Fatima Rahman', keyOf(1), {
      streamId: 's',
      eventId: randomUUID(),
      path: '/name',
    });
    const name = Buffer.from('Fatima Rahman', 'utf8');
    const leaky = (ciphertext: Buffer): SealedPersonal => ({
      ...sealed,
      ciphertext: Buffer.concat([ciphertext, randomBytes(16)]).toString('base64url'),
    });
    expect(runsFound('Fatima Rahman', leaky(name)).size).toBe(name.length - 3);
    expect(runsFound('Fatima Rahman', { ...sealed, subject: 'Rahman' }).size).toBe(3);
  });
});
