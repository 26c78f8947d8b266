import * as E from 'fp-ts/Either';
import { isPartialDate } from '../kernel/partial-date';
import {
  checkOverviewOptions,
  type BilateralOverviewOptions,
} from '../projections/joint-working-group-checks';

/** The overview's flags as commander gives them. */
export interface OverviewFlags {
  readonly asOfOccurred?: string;
  readonly dormantAsOf?: string;
  readonly dormantAfterMonths?: string;
}

/**
 * The overview's options from its flags, or why they cannot be used. Nothing is guessed: a month
 * count without a date, or one that is not a whole number of 1 or more, is refused.
 */
export const overviewOptionsFrom = (
  flags: OverviewFlags,
): E.Either<string, BilateralOverviewOptions> => {
  const { dormantAsOf, dormantAfterMonths } = flags;
  if (dormantAsOf === undefined)
    return dormantAfterMonths === undefined
      ? E.right({})
      : E.left('--dormant-after-months needs --dormant-as-of, the date dormancy is judged on');
  if (!isPartialDate(dormantAsOf))
    return E.left(
      `--dormant-as-of takes a date such as 2026, 2026-12 or 2026-12-01, got "${dormantAsOf}"`,
    );
  // --as-of-occurred leaves out events that may have happened on that date, so a group could
  // look dormant when a meeting may have been held: not an answer to give as certain.
  if (flags.asOfOccurred !== undefined)
    return E.left('--dormant-as-of cannot be combined with --as-of-occurred');
  if (dormantAfterMonths !== undefined && !/^[1-9]\d*$/.test(dormantAfterMonths))
    return E.left(
      `--dormant-after-months takes a whole number of months of 1 or more, got "${dormantAfterMonths}"`,
    );
  const checked = checkOverviewOptions({
    asOf: dormantAsOf,
    ...(dormantAfterMonths === undefined ? {} : { dormantAfterMonths: Number(dormantAfterMonths) }),
  });
  return E.isLeft(checked)
    ? E.left(`--dormant-after-months: ${checked.left.message}`)
    : E.right(checked.right);
};
