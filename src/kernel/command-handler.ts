import * as E from 'fp-ts/Either';
import type { Aggregate } from './aggregate';
import { streamIdOf } from './aggregate';
import type { RuleViolation } from './decider';
import type { DomainEvent } from './event';
import { eventIdFor } from './event-id';
import type { EventStore, EventToAppend, ExpectedRevision } from './event-store';
import {
  CommandContext,
  decodeRecordedEvent,
  encodeEvent,
  type DecodeError,
  type InvalidEventError,
  type RecordedEvent,
} from './recorded-event';
import { isStoreError } from './store-errors';
import { formatIssues, toIssues, type ValidationIssue } from './validation';

/** The command or its context is malformed: nothing was read or written. */
export interface InvalidCommand {
  readonly kind: 'InvalidCommand';
  readonly issues: readonly ValidationIssue[];
  readonly message: string;
}

/** Another writer kept changing the stream; every attempt met a newer revision. */
export interface ConcurrencyConflict {
  readonly kind: 'ConcurrencyConflict';
  readonly streamId: string;
  readonly attempts: number;
  readonly message: string;
}

/** The stream is tombstoned; it can never be written again. */
export interface StreamDeleted {
  readonly kind: 'StreamDeleted';
  readonly streamId: string;
  readonly message: string;
}

/** The stream holds an event that cannot be decoded; no decision is taken on a history misread. */
export interface CorruptHistory {
  readonly kind: 'CorruptHistory';
  readonly error: DecodeError;
  readonly message: string;
}

export type CommandFailure<Rule extends string = string> =
  | InvalidCommand
  | RuleViolation<Rule>
  | InvalidEventError
  | CorruptHistory
  | ConcurrencyConflict
  | StreamDeleted;

export interface CommandResult<Event extends DomainEvent, State> {
  readonly streamId: string;
  /** The events this command recorded, in order (or recorded earlier, when `alreadyHandled`). */
  readonly events: readonly Event[];
  /** The state after the command. */
  readonly state: State;
  /** The revision of the stream's last event after the command; `undefined` if still empty. */
  readonly revision: bigint | undefined;
  /** The command id was found in the stream already: a retry, answered without writing. */
  readonly alreadyHandled: boolean;
}

export interface HandleCommandOptions {
  /** How many read-decide-append cycles to try when other writers get in first. Default 5. */
  readonly maxAttempts?: number;
}

interface LoadedStream<Event extends DomainEvent> {
  readonly events: RecordedEvent<Event>[];
  readonly deleted: boolean;
}

/** Reads and decodes a whole stream; a missing or soft-deleted stream is empty. */
export const readStreamEvents = async <Event extends DomainEvent>(
  store: EventStore,
  aggregate: Pick<Aggregate<never, Event, unknown, string>, 'events'>,
  streamId: string,
): Promise<E.Either<DecodeError, LoadedStream<Event>>> => {
  const events: RecordedEvent<Event>[] = [];
  try {
    for await (const stored of store.readStream(streamId)) {
      const decoded = decodeRecordedEvent(aggregate.events, stored);
      if (E.isLeft(decoded)) return decoded;
      events.push(decoded.right);
    }
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound')) return E.right({ events: [], deleted: false });
    if (isStoreError(error, 'StreamDeleted')) return E.right({ events: [], deleted: true });
    throw error;
  }
  return E.right({ events, deleted: false });
};

const invalidCommand = (where: string, issues: readonly ValidationIssue[]): InvalidCommand => {
  const prefixed = issues.map((i) => ({
    ...i,
    path: i.path === '(root)' ? where : `${where}.${i.path}`,
  }));
  return { kind: 'InvalidCommand', issues: prefixed, message: `invalid ${formatIssues(prefixed)}` };
};

/**
 * Handles one command against one aggregate on any store: read the stream, fold, decide, append
 * with the revision that was read. When another writer got in first the whole cycle runs again,
 * up to `maxAttempts` times. A command whose id is already in the stream is answered from the
 * stream and writes nothing, so a retry after a lost reply is safe.
 *
 * Refusals are values; only a store that cannot be reached (or another infrastructure fault)
 * rejects the promise.
 */
export const handleCommand = async <
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Rule extends string,
>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Rule>,
  command: Command,
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<E.Either<CommandFailure<Rule>, CommandResult<Event, State>>> => {
  const validContext = CommandContext.decode(context);
  if (E.isLeft(validContext)) return E.left(invalidCommand('context', toIssues(validContext.left)));
  const validParty = aggregate.onBehalfOf?.decode(validContext.right.onBehalfOf);
  if (validParty !== undefined && E.isLeft(validParty))
    return E.left(invalidCommand('context.onBehalfOf', toIssues(validParty.left)));
  const validCommand = aggregate.commands.decode(command);
  if (E.isLeft(validCommand))
    return E.left(invalidCommand(command.type ?? 'command', toIssues(validCommand.left)));
  const cmd = validCommand.right;
  const ctx = validContext.right;
  const streamId = streamIdOf(aggregate.name, aggregate.idOf(cmd));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const loaded = await readStreamEvents(store, aggregate, streamId);
    if (E.isLeft(loaded))
      return E.left({ kind: 'CorruptHistory', error: loaded.left, message: loaded.left.message });
    if (loaded.right.deleted)
      return E.left({
        kind: 'StreamDeleted',
        streamId,
        message: `${streamId} is deleted for good and takes no more events`,
      });
    const history = loaded.right.events;
    let state = aggregate.initialState;
    for (const recorded of history) state = aggregate.evolve(state, recorded.event);
    const last = history[history.length - 1];
    const revision = last?.revision;

    const earlier = history.filter((r) => r.metadata.causationId === ctx.commandId);
    if (earlier.length > 0)
      return E.right({
        streamId,
        events: earlier.map((r) => r.event),
        state,
        revision,
        alreadyHandled: true,
      });

    const decision = aggregate.decide(cmd, state);
    if (E.isLeft(decision)) return decision;
    const events = decision.right;
    if (events.length === 0)
      return E.right({ streamId, events, state, revision, alreadyHandled: false });

    const toAppend: EventToAppend[] = [];
    let previousHash = last?.metadata.integrity.hash ?? null;
    for (const [index, event] of events.entries()) {
      const encoded = encodeEvent(aggregate.events, event, {
        streamId,
        eventId: eventIdFor(ctx.commandId, index),
        previousHash,
        metadata: {
          actor: ctx.actor,
          onBehalfOf: ctx.onBehalfOf,
          reason: ctx.reason,
          source: ctx.source,
          correlationId: ctx.correlationId ?? ctx.commandId,
          causationId: ctx.commandId,
        },
      });
      if (E.isLeft(encoded)) return encoded;
      const { integrity, ...append } = encoded.right;
      toAppend.push(append);
      previousHash = integrity.hash;
    }

    const expectedRevision: ExpectedRevision = revision ?? 'no_stream';
    try {
      const appended = await store.appendToStream(streamId, toAppend, { expectedRevision });
      for (const event of events) state = aggregate.evolve(state, event);
      return E.right({
        streamId,
        events,
        state,
        revision: appended.nextExpectedRevision,
        alreadyHandled: false,
      });
    } catch (error) {
      if (isStoreError(error, 'ConcurrencyConflict')) continue;
      if (isStoreError(error, 'StreamDeleted'))
        return E.left({
          kind: 'StreamDeleted',
          streamId,
          message: `${streamId} is deleted for good and takes no more events`,
        });
      throw error;
    }
  }
  return E.left({
    kind: 'ConcurrencyConflict',
    streamId,
    attempts: maxAttempts,
    message: `${streamId} kept changing while the command was decided (${maxAttempts} attempts); try again`,
  });
};

/** A state folded from a stream, with how far the fold went. */
export interface LoadedState<State> {
  readonly state: State;
  /** The last revision folded in; `undefined` when nothing was. */
  readonly revision: bigint | undefined;
  readonly eventsApplied: number;
}

/**
 * The state of one aggregate, folded from its stream. `include` leaves events out of the fold
 * (a point-in-time read keeps only what was known then); by default every event counts.
 */
export const loadState = async <
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Rule extends string,
>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Rule>,
  id: string,
  include: (recorded: RecordedEvent<Event>) => boolean = () => true,
): Promise<E.Either<DecodeError, LoadedState<State>>> => {
  const loaded = await readStreamEvents(store, aggregate, streamIdOf(aggregate.name, id));
  if (E.isLeft(loaded)) return loaded;
  let state = aggregate.initialState;
  let revision: bigint | undefined;
  let eventsApplied = 0;
  for (const recorded of loaded.right.events) {
    if (!include(recorded)) continue;
    state = aggregate.evolve(state, recorded.event);
    revision = recorded.revision;
    eventsApplied++;
  }
  return E.right({ state, revision, eventsApplied });
};
