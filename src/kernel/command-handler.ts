import * as E from 'fp-ts/Either';
import type { Aggregate } from './aggregate';
import { decode } from './decode';
import { streamIdOf } from './aggregate';
import type { RuleViolation } from './decider';
import type { DomainEvent } from './event';
import { eventIdFor } from './event-id';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision } from './event-store';
import {
  CommandContext,
  decodeRecordedEvent,
  encodeEvent,
  type DecodeError,
  type InvalidEventError,
  type RecordedEvent,
} from './recorded-event';
import type { CachedFold, StateCache } from './state-cache';
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
  /**
   * Folded states kept from earlier commands (see `createStateCache`). With one, a command reads
   * only the events appended since the fold it finds, instead of its whole stream: keep one per
   * service and pass it to every command.
   */
  readonly cache?: StateCache;
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

/** The stream as the decider sees it: folded to its last event, or empty. */
interface StreamFold<Event extends DomainEvent, State> {
  readonly state: State;
  /** The last event folded in; `undefined` for a stream with no (visible) events. */
  readonly last: Omit<CachedFold<State>, 'state' | 'commandIds'> | undefined;
  readonly commandIds: ReadonlySet<string>;
  /** What an earlier delivery of this very command recorded; empty if it is new. */
  readonly earlier: readonly Event[];
  /** Whether the fold says more than the cache held for the stream. */
  readonly news: boolean;
}

const TOMBSTONED = 'tombstoned';

/** The parts of an aggregate a fold needs. */
type Folding<Event extends DomainEvent, State> = Pick<
  Aggregate<never, Event, State, string>,
  'events' | 'evolve' | 'initialState'
>;

/** Adds events to a fold, noting their command ids and those of the command being handled. */
const folder = <Event extends DomainEvent, State>(
  evolve: (state: State, event: Event) => State,
  commandId: string,
  state: State,
  commandIds: ReadonlySet<string>,
) => {
  let folded = state;
  let ids: Set<string> | undefined;
  const earlier: Event[] = [];
  let last: StreamFold<Event, State>['last'];
  let added = 0;
  return {
    add: (recorded: RecordedEvent<Event>): void => {
      folded = evolve(folded, recorded.event);
      added++;
      const { causationId } = recorded.metadata;
      if (!commandIds.has(causationId)) (ids ??= new Set(commandIds)).add(causationId);
      if (causationId === commandId) earlier.push(recorded.event);
      last = {
        revision: recorded.revision,
        lastEventId: recorded.eventId,
        lastHash: recorded.metadata.integrity.hash,
      };
    },
    /** `cached`: the fold started from the cache, so it is news only if events were added. */
    result: (
      before: StreamFold<Event, State>['last'],
      cached: boolean,
    ): StreamFold<Event, State> => ({
      state: folded,
      last: last ?? before,
      commandIds: ids ?? commandIds,
      earlier,
      news: !cached || added > 0,
    }),
  };
};

/** Reads the whole stream and folds it. */
const foldWholeStream = async <Event extends DomainEvent, State>(
  store: EventStore,
  aggregate: Folding<Event, State>,
  streamId: string,
  commandId: string,
): Promise<E.Either<DecodeError, StreamFold<Event, State> | typeof TOMBSTONED>> => {
  const loaded = await readStreamEvents(store, aggregate, streamId);
  if (E.isLeft(loaded)) return loaded;
  if (loaded.right.deleted) return E.right(TOMBSTONED);
  const fold = folder(aggregate.evolve, commandId, aggregate.initialState, new Set());
  for (const recorded of loaded.right.events) fold.add(recorded);
  return E.right(fold.result(undefined, false));
};

/**
 * Brings a cached fold up to date with the events appended after it, or answers `undefined`
 * when it cannot be used: the command was seen before it (its events are needed), or the event
 * it ends on is no longer at its place (deleted, recreated, rewritten).
 */
const catchUp = async <Event extends DomainEvent, State>(
  store: EventStore,
  aggregate: Folding<Event, State>,
  streamId: string,
  commandId: string,
  cached: CachedFold<State>,
): Promise<E.Either<DecodeError, StreamFold<Event, State> | undefined>> => {
  if (cached.commandIds.has(commandId)) return E.right(undefined);
  const fold = folder(aggregate.evolve, commandId, cached.state, cached.commandIds);
  let confirmed = false;
  try {
    for await (const stored of store.readStream(streamId, { fromRevision: cached.revision })) {
      if (!confirmed) {
        if (stored.revision !== cached.revision || stored.eventId !== cached.lastEventId)
          return E.right(undefined);
        confirmed = true;
        continue;
      }
      const decoded = decodeRecordedEvent(aggregate.events, stored);
      if (E.isLeft(decoded)) return decoded;
      fold.add(decoded.right);
    }
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound') || isStoreError(error, 'StreamDeleted'))
      return E.right(undefined);
    throw error;
  }
  if (!confirmed) return E.right(undefined);
  const { revision, lastEventId, lastHash } = cached;
  return E.right(fold.result({ revision, lastEventId, lastHash }, true));
};

const readFold = async <Event extends DomainEvent, State>(
  store: EventStore,
  aggregate: Folding<Event, State>,
  streamId: string,
  commandId: string,
  cache: StateCache | undefined,
): Promise<E.Either<DecodeError, StreamFold<Event, State> | typeof TOMBSTONED>> => {
  const cached = cache?.get<State>(store, aggregate, streamId);
  if (cached !== undefined) {
    const caughtUp = await catchUp(store, aggregate, streamId, commandId, cached);
    if (E.isLeft(caughtUp)) return caughtUp;
    if (caughtUp.right !== undefined) return E.right(caughtUp.right);
    cache?.forget(store, streamId);
  }
  return foldWholeStream(store, aggregate, streamId, commandId);
};

const remember = <State>(
  cache: StateCache | undefined,
  store: EventStore,
  aggregate: object,
  streamId: string,
  fold: Pick<StreamFold<DomainEvent, State>, 'state' | 'last' | 'commandIds'>,
): void => {
  if (cache === undefined || fold.last === undefined) return;
  cache.set(store, aggregate, streamId, {
    ...fold.last,
    state: fold.state,
    commandIds: fold.commandIds,
  });
};

const invalidCommand = (where: string, issues: readonly ValidationIssue[]): InvalidCommand => {
  const prefixed = issues.map((i) => ({
    ...i,
    path: i.path === '(root)' ? where : `${where}.${i.path}`,
  }));
  return { kind: 'InvalidCommand', issues: prefixed, message: `invalid ${formatIssues(prefixed)}` };
};

const deleted = (streamId: string): StreamDeleted => ({
  kind: 'StreamDeleted',
  streamId,
  message: `${streamId} is deleted for good and takes no more events`,
});

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
  const validContext = decode(CommandContext, context);
  if (E.isLeft(validContext)) return E.left(invalidCommand('context', toIssues(validContext.left)));
  const validParty =
    aggregate.onBehalfOf === undefined
      ? undefined
      : decode(aggregate.onBehalfOf, validContext.right.onBehalfOf);
  if (validParty !== undefined && E.isLeft(validParty))
    return E.left(invalidCommand('context.onBehalfOf', toIssues(validParty.left)));
  const validCommand = decode(aggregate.commands, command);
  if (E.isLeft(validCommand))
    return E.left(invalidCommand(command.type ?? 'command', toIssues(validCommand.left)));
  const cmd = validCommand.right;
  const ctx = validContext.right;
  const streamId = streamIdOf(aggregate.name, aggregate.idOf(cmd));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const { cache } = options;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const read = await readFold(store, aggregate, streamId, ctx.commandId, cache);
    if (E.isLeft(read))
      return E.left({ kind: 'CorruptHistory', error: read.left, message: read.left.message });
    if (read.right === TOMBSTONED) return E.left(deleted(streamId));
    const fold = read.right;
    const { state } = fold;
    const revision = fold.last?.revision;
    if (fold.news) remember(cache, store, aggregate, streamId, fold);

    if (fold.earlier.length > 0)
      return E.right({
        streamId,
        events: fold.earlier,
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
    let previousHash = fold.last?.lastHash ?? null;
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
    let appended: AppendResult;
    try {
      appended = await store.appendToStream(streamId, toAppend, { expectedRevision });
    } catch (error) {
      if (isStoreError(error, 'ConcurrencyConflict')) continue;
      if (isStoreError(error, 'StreamDeleted')) {
        cache?.forget(store, streamId);
        return E.left(deleted(streamId));
      }
      throw error;
    }
    let after = state;
    for (const event of events) after = aggregate.evolve(after, event);
    const lastAppended = toAppend[toAppend.length - 1];
    // Only events that landed right after the fold extend it; an idempotent answer about an
    // earlier append does not say what the stream holds now.
    if (
      lastAppended !== undefined &&
      previousHash !== null &&
      appended.nextExpectedRevision === (revision ?? -1n) + BigInt(toAppend.length)
    )
      remember(cache, store, aggregate, streamId, {
        state: after,
        last: {
          revision: appended.nextExpectedRevision,
          lastEventId: lastAppended.eventId,
          lastHash: previousHash,
        },
        commandIds: new Set(fold.commandIds).add(ctx.commandId),
      });
    else cache?.forget(store, streamId);
    return E.right({
      streamId,
      events,
      state: after,
      revision: appended.nextExpectedRevision,
      alreadyHandled: false,
    });
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
