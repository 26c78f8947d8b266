import { AssertionError, deepStrictEqual } from 'node:assert';
import * as E from 'fp-ts/Either';
import type { DomainEvent } from '../kernel/event';

/*
 * What the specifications assert, as plain functions that throw node's `AssertionError`: any
 * runner (jest, `node:test`, mocha) reports it as a failure, with the expected and actual values
 * and, for events, node's diff of the two.
 */

/** What a command came to: the events it produced, or why it was refused. */
export type Outcome<Event extends DomainEvent, Failure> = E.Either<Failure, readonly Event[]>;

/** A refusal as the specifications read it: its kind, and for a broken rule, the rule. */
interface FailureLike {
  readonly kind: string;
  readonly rule?: string;
  readonly message: string;
}

const describeFailure = (failure: FailureLike): string =>
  failure.kind === 'RuleViolated' && failure.rule !== undefined
    ? `refused by rule ${failure.rule}: ${failure.message}`
    : `failed with ${failure.kind}: ${failure.message}`;

const fail = (message: string, actual: unknown, expected: unknown): never => {
  throw new AssertionError({ message, actual, expected, operator: 'deepStrictEqual' });
};

/** The command was accepted with exactly `expected`, in order. */
export const assertEvents = <Event extends DomainEvent>(
  outcome: Outcome<Event, FailureLike>,
  expected: readonly Event[],
  what: string,
): void => {
  if (E.isLeft(outcome))
    fail(
      `${what}: expected ${expected.length} event(s), but the command was ${describeFailure(outcome.left)}`,
      outcome.left,
      expected,
    );
  else
    deepStrictEqual(
      outcome.right,
      expected,
      undefined, // node's own message carries the diff of the two lists
    );
};

/**
 * `then` called with something other than a list of events: most likely by `await` or a test
 * runner taking the object for a promise (it has a `then`), which would otherwise fail obscurely.
 */
export const assertList = (expected: unknown): void => {
  if (!Array.isArray(expected))
    throw new TypeError(
      'then(...) takes the list of expected events; the object `when` returns is not a promise, so do not await it or return it from a test',
    );
};

/** The command was accepted: answers its events, or throws saying why it was not. */
export const assertAccepted = <Event extends DomainEvent>(
  outcome: Outcome<Event, FailureLike>,
  what: string,
): readonly Event[] => {
  if (E.isLeft(outcome))
    fail(
      `${what}: expected the command to be accepted, but it was ${describeFailure(outcome.left)}`,
      outcome.left,
      'accepted',
    );
  return E.isRight(outcome) ? outcome.right : [];
};

/** The command was refused by the decider's (or the kernel's) rule `rule`. */
export const assertRefused = (
  outcome: Outcome<DomainEvent, FailureLike>,
  rule: string,
  what: string,
  message?: string | RegExp,
): void => {
  if (E.isRight(outcome))
    fail(
      `${what}: expected a refusal by rule ${rule}, but the command was accepted with ${outcome.right.length} event(s)`,
      outcome.right,
      { kind: 'RuleViolated', rule },
    );
  else {
    const failure = outcome.left;
    if (failure.kind !== 'RuleViolated' || failure.rule !== rule)
      fail(
        `${what}: expected a refusal by rule ${rule}, but the command was ${describeFailure(failure)}`,
        failure,
        { kind: 'RuleViolated', rule },
      );
    assertMessage(failure, message, what);
  }
};

/** The command failed with a failure of `kind` (`InvalidCommand`, `CommandIdReused`, ...). */
export const assertFailed = (
  outcome: Outcome<DomainEvent, FailureLike>,
  kind: string,
  what: string,
  message?: string | RegExp,
): void => {
  if (E.isRight(outcome))
    fail(
      `${what}: expected a failure ${kind}, but the command was accepted with ${outcome.right.length} event(s)`,
      outcome.right,
      { kind },
    );
  else {
    if (outcome.left.kind !== kind)
      fail(
        `${what}: expected a failure ${kind}, but the command ${describeFailure(outcome.left)}`,
        outcome.left,
        { kind },
      );
    assertMessage(outcome.left, message, what);
  }
};

const assertMessage = (
  failure: FailureLike,
  message: string | RegExp | undefined,
  what: string,
): void => {
  if (message === undefined) return;
  const matches =
    typeof message === 'string' ? failure.message.includes(message) : message.test(failure.message);
  if (!matches)
    fail(
      `${what}: the refusal's message does not match ${String(message)}: ${failure.message}`,
      failure.message,
      message,
    );
};
