import * as E from 'fp-ts/Either';
import type { HeldMeeting, JointWorkingGroupState } from '../domain/joint-working-group/state';
import type { Party } from '../domain/shared/party';
import {
  earliestDay,
  isCertainlyAfter,
  isPartialDate,
  latestDay,
  type PartialDate,
} from '../kernel/partial-date';

/** One held round, as a warning names it. */
export interface HeldRoundRef {
  readonly round: number;
  readonly venue: string;
  readonly occurredOn: PartialDate;
}

/**
 * Something a reader of the overview should look at; never a refusal, since the rules allow it.
 * `sameHostTwiceInARow`: two consecutive held rounds were hosted by the same party, where meetings
 * usually alternate between the capitals.
 */
export type JointWorkingGroupWarning = {
  readonly kind: 'sameHostTwiceInARow';
  readonly hostParty: Party;
  readonly earlier: HeldRoundRef;
  readonly later: HeldRoundRef;
};

/** Whether a group had gone quiet as of a date, and what that was measured from. */
export interface JointWorkingGroupDormancy {
  readonly asOf: PartialDate;
  readonly dormantAfterMonths: number;
  /** The last held meeting not certainly after `asOf`, or the establishment if there is none. */
  readonly quietSince: PartialDate;
  /** The round of that meeting; absent when measured from the establishment. */
  readonly lastRound?: number;
  /** True only when certainly dormant: see `judgeDormancy`. */
  readonly dormant: boolean;
}

export interface BilateralOverviewOptions {
  /** The date dormancy is judged on. Without it dormancy is not judged (no `dormancy` field). */
  readonly asOf?: PartialDate;
  /** A whole number of months of 1 or more; 12 when not given. */
  readonly dormantAfterMonths?: number;
}

export const DEFAULT_DORMANT_AFTER_MONTHS = 12;

/** Options the overview cannot use, named; thrown by the overview, returned by the check. */
export class InvalidOverviewOptionsError extends RangeError {
  readonly kind = 'InvalidOverviewOptions' as const;
  constructor(
    readonly option: keyof BilateralOverviewOptions,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidOverviewOptionsError';
  }
}

/** Options with the default filled in, once checked. */
export interface CheckedOverviewOptions {
  readonly asOf?: PartialDate;
  readonly dormantAfterMonths: number;
}

/**
 * Checks options before any work: a bad month count is refused, never clamped, since a clamped
 * threshold would report a group dormant (or not) by a rule nobody asked for.
 */
export const checkOverviewOptions = (
  options: BilateralOverviewOptions = {},
): E.Either<InvalidOverviewOptionsError, CheckedOverviewOptions> => {
  const months = options.dormantAfterMonths ?? DEFAULT_DORMANT_AFTER_MONTHS;
  if (!Number.isSafeInteger(months) || months < 1)
    return E.left(
      new InvalidOverviewOptionsError(
        'dormantAfterMonths',
        `dormantAfterMonths must be a whole number of months of 1 or more, got ${String(months)}`,
      ),
    );
  if (options.asOf !== undefined && !isPartialDate(options.asOf))
    return E.left(
      new InvalidOverviewOptionsError(
        'asOf',
        `asOf must be a date such as 2025, 2025-09 or 2025-09-10, got "${options.asOf}"`,
      ),
    );
  return E.right({
    dormantAfterMonths: months,
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
  });
};

/**
 * A warning for each pair of consecutive held rounds (by round, whatever rounds were skipped)
 * hosted by the same party. Venues are free text ("Manama", "Manama, Bahrain"), so the host
 * party stands for its capital; the venues are only reported.
 */
export const alternationWarnings = (
  heldMeetings: readonly HeldMeeting[],
): JointWorkingGroupWarning[] => {
  const byRound = [...heldMeetings].sort((a, b) => a.round - b.round);
  const ref = (m: HeldMeeting): HeldRoundRef => ({
    round: m.round,
    venue: m.venue,
    occurredOn: m.occurredOn,
  });
  const warnings: JointWorkingGroupWarning[] = [];
  for (let i = 1; i < byRound.length; i++) {
    const earlier = byRound[i - 1];
    const later = byRound[i];
    if (earlier === undefined || later === undefined) continue;
    if (earlier.hostParty === later.hostParty)
      warnings.push({
        kind: 'sameHostTwiceInARow',
        hostParty: later.hostParty,
        earlier: ref(earlier),
        later: ref(later),
      });
  }
  return warnings;
};

/**
 * The calendar day `months` months after `day` (`YYYY-MM-DD`), kept within the month it lands
 * in (`2025-01-31` + 1 → `2025-02-28`), or `undefined` past the year 9999.
 */
export const addMonths = (day: string, months: number): string | undefined => {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  if (year > 9999) return undefined;
  const month = `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  const lastDay = latestDay(month);
  const dayOfMonth = Math.min(Number(day.slice(8, 10)), Number(lastDay.slice(8, 10)));
  return `${month}-${String(dayOfMonth).padStart(2, '0')}`;
};

/**
 * Whether an established group was dormant on `asOf`: no meeting held for at least
 * `dormantAfterMonths` months before it (with no meeting at all, since its establishment).
 *
 * Dates may be partial, so the answer is "dormant" only when it is certain: measured from the
 * latest day the last meeting can mean to the earliest day `asOf` can mean. A meeting that may
 * have been held on or before `asOf` counts; one certainly after it does not. A group dissolved
 * on or possibly before `asOf` is not dormant; one dissolved certainly after it is judged as the
 * active group it then was.
 */
export const judgeDormancy = (
  state: Exclude<JointWorkingGroupState, { status: 'notEstablished' }>,
  asOf: PartialDate,
  dormantAfterMonths: number,
): JointWorkingGroupDormancy => {
  let last: HeldMeeting | undefined;
  for (const meeting of state.heldMeetings) {
    if (isCertainlyAfter(meeting.occurredOn, asOf)) continue;
    if (last === undefined || latestDay(meeting.occurredOn) > latestDay(last.occurredOn))
      last = meeting;
  }
  const quietSince = last?.occurredOn ?? state.establishedOn;
  const dissolved = state.status === 'dissolved' && !isCertainlyAfter(state.dissolvedOn, asOf);
  const threshold = addMonths(latestDay(quietSince), dormantAfterMonths);
  return {
    asOf,
    dormantAfterMonths,
    quietSince,
    ...(last === undefined ? {} : { lastRound: last.round }),
    dormant: !dissolved && threshold !== undefined && threshold <= earliestDay(asOf),
  };
};
