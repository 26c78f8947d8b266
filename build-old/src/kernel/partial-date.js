"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.dayOfNumber = exports.dayNumber = exports.mayBeOnOrAfter = exports.isCertainlyAfter = exports.isCertainlyBefore = exports.latestDay = exports.earliestDay = exports.PartialDate = exports.isPartialDate = void 0;
const primitives_1 = require("./primitives");
const pattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const isLeapYear = (year) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
// Plain arithmetic, not a `Date`: every event decoded checks its dates, and allocating a Date for
// each showed in the replay profile. Proleptic Gregorian, as ISO 8601 dates are.
const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year, month) => month === 2 && isLeapYear(year) ? 29 : (monthLengths[month - 1] ?? 31);
const parts = (s) => {
    const m = pattern.exec(s);
    if (m === null)
        return undefined;
    const year = Number(m[1]);
    const month = m[2] === undefined ? undefined : Number(m[2]);
    const day = m[3] === undefined ? undefined : Number(m[3]);
    if (month !== undefined && (month < 1 || month > 12))
        return undefined;
    if (month !== undefined && day !== undefined && (day < 1 || day > daysInMonth(year, month)))
        return undefined;
    return { year, ...(month === undefined ? {} : { month }), ...(day === undefined ? {} : { day }) };
};
const isPartialDate = (s) => parts(s) !== undefined;
exports.isPartialDate = isPartialDate;
exports.PartialDate = (0, primitives_1.checkedString)('PartialDate', exports.isPartialDate);
const pad = (n, width = 2) => String(n).padStart(width, '0');
/** The first calendar day a partial date can mean (`2025-09` → `2025-09-01`). */
const earliestDay = (date) => {
    const p = parts(date);
    if (p === undefined)
        throw new RangeError(`not a partial date: ${date}`);
    return `${pad(p.year, 4)}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}`;
};
exports.earliestDay = earliestDay;
/** The last calendar day a partial date can mean (`2025-09` → `2025-09-30`). */
const latestDay = (date) => {
    const p = parts(date);
    if (p === undefined)
        throw new RangeError(`not a partial date: ${date}`);
    const month = p.month ?? 12;
    return `${pad(p.year, 4)}-${pad(month)}-${pad(p.day ?? daysInMonth(p.year, month))}`;
};
exports.latestDay = latestDay;
/**
 * True when `a` is certainly before `b`: every day `a` can mean comes before every day `b` can
 * mean. Rules use this so that an imprecise date never produces a false refusal.
 */
const isCertainlyBefore = (a, b) => (0, exports.latestDay)(a) < (0, exports.earliestDay)(b);
exports.isCertainlyBefore = isCertainlyBefore;
/** True when `a` is certainly after `b`. */
const isCertainlyAfter = (a, b) => (0, exports.isCertainlyBefore)(b, a);
exports.isCertainlyAfter = isCertainlyAfter;
/** True when `a` may be on or after `b` (it is not certainly before it). */
const mayBeOnOrAfter = (a, b) => !(0, exports.isCertainlyBefore)(a, b);
exports.mayBeOnOrAfter = mayBeOnOrAfter;
const MS_PER_DAY = 86_400_000;
/**
 * Days since 1970-01-01 of a calendar day `YYYY-MM-DD` (years below 100 taken literally), for
 * day arithmetic such as notice periods, exact however many days are added.
 */
const dayNumber = (day) => {
    const date = new Date(0);
    date.setUTCFullYear(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8)));
    return Math.round(date.getTime() / MS_PER_DAY);
};
exports.dayNumber = dayNumber;
/** The `YYYY-MM-DD` of a day number, or `undefined` beyond what a partial date can name. */
const dayOfNumber = (dayNo) => {
    const date = new Date(dayNo * MS_PER_DAY);
    const year = date.getUTCFullYear();
    if (Number.isNaN(year) || year < 0 || year > 9999)
        return undefined;
    return date.toISOString().slice(0, 10);
};
exports.dayOfNumber = dayOfNumber;
