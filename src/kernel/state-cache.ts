import { LRUCache } from 'lru-cache';
import type { CommandIds } from './command-ids';
import type { EventStore } from './event-store';

/**
 * A stream folded up to one revision: what `handleCommand` needs to decide the next command
 * without reading and decoding the stream from its start again.
 */
export interface CachedFold<State> {
  /** The revision of the last event folded in. */
  readonly revision: bigint;
  /** That event's id: a stream that no longer holds it there was changed and is read afresh. */
  readonly lastEventId: string;
  /** That event's integrity hash, which the next event appended to the stream links to. */
  readonly lastHash: string;
  readonly state: State;
  /**
   * The command ids (causation ids) found in the stream up to `revision`, so a retried command is
   * recognised. The folds `handleCommand` makes share one log of them per stream, read through a
   * bound at their revision, so extending a fold never copies the stream's ids.
   */
  readonly commandIds: CommandIds;
}

interface Entry {
  /** The aggregate whose `evolve` made the state: two aggregates never share an entry. */
  readonly owner: object;
  readonly fold: CachedFold<unknown>;
}

export interface StateCacheOptions {
  /** How many streams' folds to keep per store; the least recently used go first. Default 10,000. */
  readonly maxStreams?: number;
}

/**
 * Folded states kept between commands, per store and per stream. Pass one to `handleCommand` (as
 * `cache`) to have each command read only the events appended since the fold it last saw,
 * instead of the whole stream.
 *
 * A cached fold is never trusted blindly: before it is used, its last event is read back from the
 * store at its revision and must still carry the same id; otherwise (a soft delete, a stream
 * recreated, a history written behind the cache's back) the stream is read from its start. Every
 * event after that is decoded and folded as usual. States are shared between the commands that
 * use them, so they must be treated as the immutable values every decider returns.
 */
export interface StateCache {
  readonly get: <State>(
    store: EventStore,
    owner: object,
    streamId: string,
  ) => CachedFold<State> | undefined;
  readonly set: <State>(
    store: EventStore,
    owner: object,
    streamId: string,
    fold: CachedFold<State>,
  ) => void;
  readonly forget: (store: EventStore, streamId: string) => void;
  /** How many streams of this store are held. */
  readonly size: (store: EventStore) => number;
}

export const createStateCache = (options: StateCacheOptions = {}): StateCache => {
  const maxStreams = Math.max(1, Math.floor(options.maxStreams ?? 10_000));
  // One bounded map per store, so the same stream name in two stores never mixes.
  const byStore = new WeakMap<EventStore, LRUCache<string, Entry>>();

  const mapOf = (store: EventStore): LRUCache<string, Entry> => {
    const existing = byStore.get(store);
    if (existing !== undefined) return existing;
    const created = new LRUCache<string, Entry>({ max: maxStreams });
    byStore.set(store, created);
    return created;
  };

  return {
    get: <State>(store: EventStore, owner: object, streamId: string) => {
      const entry = byStore.get(store)?.get(streamId);
      // The owner check makes the cast sound: only this aggregate's evolve wrote this state.
      return entry?.owner === owner ? (entry.fold as CachedFold<State>) : undefined;
    },
    set: (store, owner, streamId, fold) => {
      mapOf(store).set(streamId, { owner, fold });
    },
    forget: (store, streamId) => {
      byStore.get(store)?.delete(streamId);
    },
    size: (store) => byStore.get(store)?.size ?? 0,
  };
};
