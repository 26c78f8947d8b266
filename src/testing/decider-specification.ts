import { deepStrictEqual } from 'node:assert';
import { fold, type Decider } from '../kernel/decider';
import type { DomainEvent } from '../kernel/event';
import {
  assertAccepted,
  assertEvents,
  assertList,
  assertRefused,
  type Outcome,
} from './outcome-assertions';

/** What a decider did with the command given to `when`, to assert on. */
export interface DeciderThen<Event extends DomainEvent, State, Rule extends string> {
  /**
   * The command produced exactly these events, in order. (The name makes this object look like
   * a promise to `await` and to test runners: do not await it or return it from a test.)
   */
  readonly then: (expected: readonly Event[]) => void;
  /**
   * The command was refused by `rule`; with `message`, its explanation contains that text (or
   * matches that pattern).
   */
  readonly thenRefused: (rule: Rule, message?: string | RegExp) => void;
  /** The command was accepted and produced no event. */
  readonly thenNothing: () => void;
  /** The state after the given events and those the command produced. */
  readonly thenState: (expected: State) => void;
}

export interface DeciderGiven<Command, Event extends DomainEvent, State, Rule extends string> {
  readonly when: (command: Command) => DeciderThen<Event, State, Rule>;
}

export interface DeciderSpecification<
  Command,
  Event extends DomainEvent,
  State,
  Rule extends string,
> {
  /** The history the command meets: its events, oldest first (none for a new aggregate). */
  readonly given: (events?: readonly Event[]) => DeciderGiven<Command, Event, State, Rule>;
}

/**
 * Given, when, then for a decider, with no store: `given` folds the events into a state, `when`
 * decides the command in it, and each `then…` asserts, throwing an `AssertionError` (with both
 * lists, and node's diff of them) when it does not hold.
 *
 * ```ts
 * const mou = deciderSpecification(MoU);
 * mou.given([proposed]).when(signBeforeAgreement).thenRefused('TextNotAgreed');
 * ```
 */
export const deciderSpecification = <
  Command,
  Event extends DomainEvent,
  State,
  Rule extends string,
>(
  decider: Decider<Command, Event, State, Rule>,
): DeciderSpecification<Command, Event, State, Rule> => ({
  given: (events = []) => ({
    when: (command) => {
      const before = fold(decider, events);
      const outcome: Outcome<Event, { kind: string; rule?: string; message: string }> =
        decider.decide(command, before);
      const what = `when ${describeCommand(command)}`;
      const then: DeciderThen<Event, State, Rule> = {
        then: (expected) => {
          assertList(expected);
          assertEvents(outcome, expected, what);
        },
        thenRefused: (rule, message) => assertRefused(outcome, rule, what, message),
        thenNothing: () => assertEvents(outcome, [], what),
        thenState: (expected) => {
          const produced = assertAccepted(outcome, what);
          deepStrictEqual(fold(decider, [...events, ...produced]), expected);
        },
      };
      return then;
    },
  }),
});

/** A command's type, when it has one, for failure messages. */
export const describeCommand = (command: unknown): string => {
  const type =
    typeof command === 'object' && command !== null
      ? (command as { readonly type?: unknown }).type
      : undefined;
  return typeof type === 'string' ? type : 'the command';
};
