import * as fc from 'fast-check';
import {
  dayNumber,
  dayOfNumber,
  earliestDay,
  isCertainlyBefore,
  isPartialDate,
  latestDay,
  mayBeOnOrAfter,
} from '../../src/kernel/partial-date';

describe('partial dates', () => {
  it.each(['2025', '2025-09', '2025-09-10', '2024-02-29'])('accepts %s', (d) => {
    expect(isPartialDate(d)).toBe(true);
  });

  it.each([
    '25',
    '2025-9',
    '2025-13',
    '2025-00',
    '2025-02-29',
    '2025-09-31',
    '2025-09-10T00:00',
    '',
  ])('refuses %s', (d) => {
    expect(isPartialDate(d)).toBe(false);
  });

  it.each(['+025', '2025-+9', '2025-09-1a', '2025/09', '2025-09/10', '٢٠٢٥'])('refuses %s', (d) => {
    expect(isPartialDate(d)).toBe(false);
  });

  it('agrees with a reading by pattern and calendar on any string shaped like a date', () => {
    // An independent reading: the shape by pattern, the day by the calendar `Date` keeps.
    const reference = (s: string): boolean => {
      const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
      if (m === null) return false;
      const [year, month, day] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
      const date = new Date(0);
      date.setUTCFullYear(year, month - 1, day);
      return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    };
    const char = fc.constantFrom(...'0123456789-+ /a'.split(''), '٣');
    const shaped = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .chain(([y, m, d]) =>
        fc.constantFrom(
          String(y).padStart(4, '0'),
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`,
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        ),
      );
    fc.assert(
      fc.property(fc.oneof(shaped, fc.string({ unit: char, maxLength: 11 })), (s) =>
        expect(isPartialDate(s)).toBe(reference(s)),
      ),
      { numRuns: 5_000 },
    );
  });

  it('spans the days it can mean', () => {
    expect([earliestDay('2025'), latestDay('2025')]).toEqual(['2025-01-01', '2025-12-31']);
    expect([earliestDay('2024-02'), latestDay('2024-02')]).toEqual(['2024-02-01', '2024-02-29']);
    expect([earliestDay('2025-09-10'), latestDay('2025-09-10')]).toEqual([
      '2025-09-10',
      '2025-09-10',
    ]);
  });

  it('calls a date certainly before another only when every reading agrees', () => {
    expect(isCertainlyBefore('2025-09-09', '2025-09-10')).toBe(true);
    expect(isCertainlyBefore('2025-09', '2025-09-10')).toBe(false);
    expect(isCertainlyBefore('2025-08', '2025-09-10')).toBe(true);
    expect(isCertainlyBefore('2025-09-10', '2025-09-10')).toBe(false);
    expect(mayBeOnOrAfter('2025', '2025-09-10')).toBe(true);
  });

  it('never calls two dates each certainly before the other', () => {
    const day = fc
      .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const partial = fc.tuple(day, fc.constantFrom(4, 7, 10)).map(([d, n]) => d.slice(0, n));
    fc.assert(
      fc.property(
        partial,
        partial,
        (a, b) => !(isCertainlyBefore(a, b) && isCertainlyBefore(b, a)),
      ),
    );
    fc.assert(
      fc.property(partial, (a) => earliestDay(a) <= latestDay(a) && !isCertainlyBefore(a, a)),
    );
  });
});

describe('day numbers', () => {
  it('count calendar days across months, leap years and centuries', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(dayNumber('2100-03-01') - dayNumber('2100-02-28')).toBe(1);
    expect(dayOfNumber(dayNumber('2025-09-10') + 90)).toBe('2025-12-09');
    expect(dayOfNumber(dayNumber('9999-12-31') + 1)).toBeUndefined();
  });

  it('turn back into the day they came from', () => {
    const day = fc
      .date({ min: new Date('0100-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(day, (d) => dayOfNumber(dayNumber(d)) === d));
  });
});
