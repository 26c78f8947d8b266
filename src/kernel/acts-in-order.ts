import type { Either } from 'fp-ts/Either';
import { refuse, type RuleViolation } from './decider';
import { earliestDay, isCertainlyBefore, type PartialDate } from './partial-date';

/**
 * An earlier act that a new one depends on: how a person names it ("the appointment was
 * notified"), its date, and the rule broken by an act dated certainly before it.
 */
export interface Prerequisite<Rule extends string> {
  readonly act: string;
  readonly on: PartialDate;
  readonly rule: Rule;
}

/** A dated act a command records, with the acts it must not be dated before. */
export interface ActInOrder<Rule extends string> {
  readonly act: string;
  readonly on: PartialDate;
  readonly after: readonly Prerequisite<Rule>[];
}

/**
 * The refusal for an act dated certainly before one of its prerequisites (the first such, in the
 * order listed), or `undefined`. Partial dates refuse only what is certainly out of order:
 * `2025-09` may fall after `2025-09-10`, so it is accepted.
 */
export const actOutOfOrder = <Rule extends string>(
  aggregate: string,
  act: string,
  on: PartialDate,
  prerequisites: readonly Prerequisite<Rule>[],
): Either<RuleViolation<Rule>, never> | undefined => {
  const missed = prerequisites.find((p) => isCertainlyBefore(on, p.on));
  if (missed === undefined) return undefined;
  return refuse(
    aggregate,
    missed.rule,
    `${act} on ${on} would come before ${missed.act} on ${missed.on}; give a date on or after ${earliestDay(missed.on)}`,
  );
};

/** The refusal for the first of several acts that is out of order, or `undefined`. */
export const actsOutOfOrder = <Rule extends string>(
  aggregate: string,
  acts: readonly ActInOrder<Rule>[],
): Either<RuleViolation<Rule>, never> | undefined => {
  for (const { act, on, after } of acts) {
    const refusal = actOutOfOrder(aggregate, act, on, after);
    if (refusal !== undefined) return refusal;
  }
  return undefined;
};
