import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { IsoInstant } from '../../src/kernel/event-metadata';
import { isInstantRoundTrip, isWrittenInstant } from '../../src/kernel/iso-instant';

/** The round trip, with a text no `Date` can be made of (which makes it throw) as a refusal. */
const roundTrips = (s: string): boolean => {
  try {
    return isInstantRoundTrip(s);
  } catch {
    return false;
  }
};

/** The codec's answer, a throw counted as a refusal, as the round trip is counted here. */
const decodes = (s: string): boolean => {
  try {
    return E.isRight(IsoInstant.decode(s));
  } catch {
    return false;
  }
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Texts of the instant's shape, with fields in and out of range and a few characters changed. */
const shaped = fc
  .record({
    year: fc.oneof(
      fc.integer({ min: 0, max: 9999 }),
      fc.constantFrom(0, 1900, 2000, 2040, 2100, 2400),
    ),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.constantFrom(28, 29, 30, 31)),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    ms: fc.integer({ min: 0, max: 999 }),
    at: fc.integer({ min: -8, max: 23 }),
    char: fc.constantFrom('-', ':', '.', 'T', 'Z', 'z', 't', ' ', '+', '0', '9', 'a', '/'),
  })
  .map(({ year, month, day, hour, minute, second, ms, at, char }) => {
    const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(ms, 3)}Z`;
    // A negative place leaves the text as it is.
    return at < 0 ? text : `${text.slice(0, at)}${char}${text.slice(at + 1)}`;
  });

describe('an instant as toISOString writes it', () => {
  it.each(['2040-13-01T00:00:00.000Z', '2040-00-10T00:00:00.000Z', '2040-04-31T25:00:00.000Z'])(
    'refuses %s, which denotes no date, as a value rather than by throwing',
    (text) => {
      expect(isInstantRoundTrip(text)).toBe(false);
      expect(E.isLeft(IsoInstant.decode(text))).toBe(true);
    },
  );

  it('is confirmed by position only when the Date round trip accepts it too, and always then', () => {
    fc.assert(
      fc.property(fc.oneof(shaped, fc.string({ maxLength: 26 })), (s) => {
        expect(isWrittenInstant(s)).toBe(roundTrips(s));
      }),
      { numRuns: 20000 },
    );
  });

  it('is confirmed for every instant Date writes, leap days and the ends of the range included', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00.000Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(isWrittenInstant(date.toISOString())).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
    for (const s of [
      '2024-02-29T00:00:00.000Z',
      '2000-02-29T23:59:59.999Z',
      '0000-02-29T12:00:00.000Z',
    ])
      expect(isWrittenInstant(s)).toBe(true);
    for (const s of [
      '2023-02-29T00:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2040-01-01T24:00:00.000Z',
      '2040-04-31T00:00:00.000Z',
      '2040-01-01T00:00:60.000Z',
      '2040-01-01T00:00:00.000+',
    ])
      expect(isWrittenInstant(s) || roundTrips(s)).toBe(false);
  });

  it('decides the codec as the Date round trip does', () => {
    fc.assert(
      fc.property(shaped, (s) => {
        expect(decodes(s)).toBe(roundTrips(s));
      }),
      { numRuns: 5000 },
    );
  });
});
