import { left, type Either } from 'fp-ts/Either';
import type { DomainEvent } from './event';

/**
 * A command refused because it would break a rule of the domain. `rule` names the rule in code
 * (for programs); `message` explains it to a person and says what would make it acceptable.
 */
export interface RuleViolation<Rule extends string = string> {
  readonly kind: 'RuleViolated';
  readonly aggregate: string;
  readonly rule: Rule;
  readonly message: string;
}

/**
 * The whole behaviour of an aggregate as three pure parts: where it starts, which events a command
 * produces in a given state (or which rule it breaks), and how an event changes the state.
 */
export interface Decider<Command, Event extends DomainEvent, State, Rule extends string> {
  readonly initialState: State;
  readonly decide: (
    command: Command,
    state: State,
  ) => Either<RuleViolation<Rule>, readonly Event[]>;
  readonly evolve: (state: State, event: Event) => State;
}

/** Rebuilds a state from its history. */
export const fold = <Event extends DomainEvent, State>(
  decider: Pick<Decider<never, Event, State, string>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State => {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};

/** A refusal, ready to return from `decide`. */
export const refuse = <Rule extends string>(
  aggregate: string,
  rule: Rule,
  message: string,
): Either<RuleViolation<Rule>, never> => left({ kind: 'RuleViolated', aggregate, rule, message });
