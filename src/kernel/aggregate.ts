import type * as t from 'io-ts';
import type { Decider } from './decider';
import type { DomainEvent, EventCatalog } from './event';

/**
 * Everything the command handler needs to know about one kind of aggregate: its decider, the
 * codecs of its commands and events, and how a command names the aggregate it is for.
 */
export interface Aggregate<
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Rule extends string,
> extends Decider<Command, Event, State, Rule> {
  /** The stream category, e.g. `MoU`: streams are named `MoU-<id>`. */
  readonly name: string;
  readonly commands: t.Type<Command, unknown, unknown>;
  readonly events: EventCatalog<Event>;
  /** The id of the aggregate a command is addressed to. */
  readonly idOf: (command: Command) => string;
  /**
   * Who may be named as the party a record is made on behalf of (the context's `onBehalfOf`).
   * Without it, any non-empty string is accepted.
   */
  readonly onBehalfOf?: t.Type<string, string, unknown>;
  /**
   * The parties of the engagement in a state (after the command's events): a record is made on
   * behalf of one of them, and the command handler refuses any other `onBehalfOf`. `undefined`
   * when the state names none.
   */
  readonly partiesOf?: (state: State) => readonly string[] | undefined;
}

export const streamIdOf = (aggregateName: string, id: string): string => `${aggregateName}-${id}`;
