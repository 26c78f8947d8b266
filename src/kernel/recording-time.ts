import { earliestDay, type PartialDate } from './partial-date';

/** Hours the earliest time zone (UTC+14) is ahead of UTC: the last place a date is still new. */
const LATEST_UTC_OFFSET_MS = 14 * 3_600_000;

/** The latest calendar date anywhere on Earth at `now` (`YYYY-MM-DD`). */
export const latestDateAnywhere = (now: Date): string =>
  new Date(now.getTime() + LATEST_UTC_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Whether an act dated `occurredOn` is certainly dated after `now`: even its first possible day
 * has not begun anywhere on Earth. A partial date is refused only when certainly so.
 */
export const isDatedAfter = (occurredOn: PartialDate, now: Date): boolean =>
  earliestDay(occurredOn) > latestDateAnywhere(now);
