import * as E from 'fp-ts/Either';
import type { Aggregate } from './aggregate';
import {
  commandIdLog,
  commandIdsUpTo,
  isCommandIdsUpTo,
  type CommandIdLog,
  type CommandIdsUpTo,
} from './command-ids';
import type { DomainEvent } from './event';
import type { EventStore } from './event-store';
import { keysToOpen } from '../personal/sealed-data';
import { decodeRecordedEvent, type DecodeError, type RecordedEvent } from './recorded-event';
import type { CachedFold, StateCache } from './state-cache';
import { isStoreError } from './store-errors';

export interface LoadedStream<Event extends DomainEvent> {
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
      const opening = keysToOpen(store.keys, stored);
      const keys = opening === undefined ? undefined : await opening;
      const decoded = decodeRecordedEvent(aggregate.events, stored, keys);
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

/**
 * How command ids compare: as UUIDs, whatever their case. Ids written before they were stored in
 * lower case are read in it here.
 */
export const commandIdKey = (commandId: string): string => commandId.toLowerCase();

/** The stream as the decider sees it: folded to its last event, or empty. */
export interface StreamFold<Event extends DomainEvent, State> {
  readonly state: State;
  /** The last event folded in; `undefined` for a stream with no (visible) events. */
  readonly last: Omit<CachedFold<State>, 'state' | 'commandIds'> | undefined;
  /** The command ids found in the stream up to `last`, in lower case. */
  readonly commandIds: CommandIdsUpTo;
  /** What an earlier command with this command id recorded; empty if the id is new here. */
  readonly earlier: readonly RecordedEvent<Event>[];
  /** Whether the fold says more than the cache held for the stream. */
  readonly news: boolean;
}

export const TOMBSTONED = 'tombstoned';

/** The parts of an aggregate a fold needs. */
export type Folding<Event extends DomainEvent, State> = Pick<
  Aggregate<never, Event, State, string>,
  'events' | 'evolve' | 'initialState'
>;

/** Adds events to a fold, noting their command ids and the events of the command being handled. */
const folder = <Event extends DomainEvent, State>(
  evolve: (state: State, event: Event) => State,
  commandId: string,
  state: State,
  log: CommandIdLog,
) => {
  let folded = state;
  const earlier: RecordedEvent<Event>[] = [];
  let last: StreamFold<Event, State>['last'];
  let added = 0;
  return {
    add: (recorded: RecordedEvent<Event>): void => {
      folded = evolve(folded, recorded.event);
      added++;
      const causationId = commandIdKey(recorded.metadata.causationId);
      // Read from the store at its revision: a fact every fold of this history may share.
      log.note(causationId, recorded.revision);
      if (causationId === commandId) earlier.push(recorded);
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
    ): StreamFold<Event, State> => {
      const through = last ?? before;
      return {
        state: folded,
        last: through,
        commandIds: commandIdsUpTo(log, through?.revision ?? -1n),
        earlier,
        news: !cached || added > 0,
      };
    },
  };
};

/**
 * The log behind a cached fold's ids. A fold this module made shares its log; any other set (a
 * cache of another making) is copied once, its ids noted at the fold's revision.
 */
const logOf = (cached: CachedFold<unknown>): CommandIdLog => {
  if (isCommandIdsUpTo(cached.commandIds)) return cached.commandIds.log;
  const log = commandIdLog();
  for (const commandId of cached.commandIds) log.note(commandIdKey(commandId), cached.revision);
  return log;
};

/**
 * The fold after this command's own events landed at revisions `first` to `last`, as the store
 * confirmed: the id is noted in the shared log only now, after the append succeeded, so a command
 * that lost a race and retries is not taken for one already handled.
 */
export const extendedBy = <Event extends DomainEvent, State>(
  fold: StreamFold<Event, State>,
  commandId: string,
  first: bigint,
  last: bigint,
): CommandIdsUpTo => {
  const { log } = fold.commandIds;
  log.note(commandId, first);
  return commandIdsUpTo(log, last);
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
  const fold = folder(aggregate.evolve, commandId, aggregate.initialState, commandIdLog());
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
  const fold = folder(aggregate.evolve, commandId, cached.state, logOf(cached));
  let confirmed = false;
  try {
    for await (const stored of store.readStream(streamId, { fromRevision: cached.revision })) {
      if (!confirmed) {
        if (stored.revision !== cached.revision || stored.eventId !== cached.lastEventId)
          return E.right(undefined);
        confirmed = true;
        continue;
      }
      const opening = keysToOpen(store.keys, stored);
      const keys = opening === undefined ? undefined : await opening;
      const decoded = decodeRecordedEvent(aggregate.events, stored, keys);
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

/**
 * The stream folded for a command with id `commandId` (in lower case): from the cache when it
 * can be confirmed and brought up to date, otherwise from the stream's start.
 */
export const readFold = async <Event extends DomainEvent, State>(
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

export const remember = <State>(
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
