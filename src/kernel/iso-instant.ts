/**
 * Instants as `Date.prototype.toISOString` writes them (`YYYY-MM-DDTHH:mm:ss.sssZ`): the one form
 * the library seals, checked in the metadata of every event read.
 */

/**
 * The definition: a text of that length, in UTC, that the `Date` it denotes writes back as is. A
 * text that denotes no date (month 13) is refused like any other, not thrown at.
 */
export const isInstantRoundTrip = (s: string): boolean => {
  if (s.length !== 24 || !s.endsWith('Z')) return false;
  const date = new Date(s);
  return !Number.isNaN(date.getTime()) && date.toISOString() === s;
};

/** The number written in `count` decimal digits from `from`, or -1 if one is not a digit. */
const digitsAt = (s: string, from: number, count: number): number => {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const digit = s.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `s` is certainly such an instant, read by position: every field in range, the day
 * within its month (leap years as the proleptic Gregorian calendar counts them, as `Date` does).
 * Parsing a `Date` and writing it again, for every event read, cost several times as much. A
 * value this does not confirm is judged by `isInstantRoundTrip`, and a property test holds this
 * to confirming nothing that one refuses.
 */
export const isWrittenInstant = (s: string): boolean => {
  if (
    s.length !== 24 ||
    s.charCodeAt(4) !== 0x2d || // -
    s.charCodeAt(7) !== 0x2d ||
    s.charCodeAt(10) !== 0x54 || // T
    s.charCodeAt(13) !== 0x3a || // :
    s.charCodeAt(16) !== 0x3a ||
    s.charCodeAt(19) !== 0x2e || // .
    s.charCodeAt(23) !== 0x5a // Z
  )
    return false;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  const second = digitsAt(s, 17, 2);
  if (year < 0 || digitsAt(s, 20, 3) < 0 || month < 1 || month > 12 || day < 1) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
};
