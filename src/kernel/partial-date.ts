import { checkedString } from './primitives';

/**
 * A date in the world that may be known only to the year or month: `2025`, `2025-09`,
 * `2025-09-10`. Records are often entered late and from sources that give no day.
 */
export type PartialDate = string;

const isLeapYear = (year: number): boolean =>
  year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

// Plain arithmetic, not a `Date`: every event decoded checks its dates, and allocating a Date for
// each showed in the replay profile. Proleptic Gregorian, as ISO 8601 dates are.
const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : (monthLengths[month - 1] ?? 31);

/** The number the ASCII digits `s[from..to)` write, or -1 if one of them is not a digit. */
const digits = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
};

// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, read by position rather than by a pattern: every event
// decoded checks its dates, and the pattern's match arrays showed in the replay profile.
const parts = (s: string): { year: number; month?: number; day?: number } | undefined => {
  if (s.length !== 4 && s.length !== 7 && s.length !== 10) return undefined;
  const year = digits(s, 0, 4);
  if (year < 0) return undefined;
  if (s.length === 4) return { year };
  const month = s[4] === '-' ? digits(s, 5, 7) : -1;
  if (month < 1 || month > 12) return undefined;
  if (s.length === 7) return { year, month };
  const day = s[7] === '-' ? digits(s, 8, 10) : -1;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
};

export const isPartialDate = (s: string): boolean => parts(s) !== undefined;

export const PartialDate = checkedString('PartialDate', isPartialDate);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The first calendar day a partial date can mean (`2025-09` → `2025-09-01`). */
export const earliestDay = (date: PartialDate): string => {
  const p = parts(date);
  if (p === undefined) throw new RangeError(`not a partial date: ${date}`);
  return `${pad(p.year, 4)}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}`;
};

/** The last calendar day a partial date can mean (`2025-09` → `2025-09-30`). */
export const latestDay = (date: PartialDate): string => {
  const p = parts(date);
  if (p === undefined) throw new RangeError(`not a partial date: ${date}`);
  const month = p.month ?? 12;
  return `${pad(p.year, 4)}-${pad(month)}-${pad(p.day ?? daysInMonth(p.year, month))}`;
};

/**
 * True when `a` is certainly before `b`: every day `a` can mean comes before every day `b` can
 * mean. Rules use this so that an imprecise date never produces a false refusal.
 */
export const isCertainlyBefore = (a: PartialDate, b: PartialDate): boolean =>
  latestDay(a) < earliestDay(b);

/** True when `a` is certainly after `b`. */
export const isCertainlyAfter = (a: PartialDate, b: PartialDate): boolean =>
  isCertainlyBefore(b, a);

/** True when `a` may be on or after `b` (it is not certainly before it). */
export const mayBeOnOrAfter = (a: PartialDate, b: PartialDate): boolean => !isCertainlyBefore(a, b);

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a calendar day `YYYY-MM-DD` (years below 100 taken literally), for
 * day arithmetic such as notice periods, exact however many days are added.
 */
export const dayNumber = (day: string): number => {
  const date = new Date(0);
  date.setUTCFullYear(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8)));
  return Math.round(date.getTime() / MS_PER_DAY);
};

/** The `YYYY-MM-DD` of a day number, or `undefined` beyond what a partial date can name. */
export const dayOfNumber = (dayNo: number): string | undefined => {
  const date = new Date(dayNo * MS_PER_DAY);
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) return undefined;
  return date.toISOString().slice(0, 10);
};
