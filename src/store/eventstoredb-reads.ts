import type { ReadAllOptions, ReadStreamOptions, StoredEvent } from '../kernel/event-store';
import type { EsdbPosition, EventStoreDBClientLike } from './eventstoredb-client';
import { isSystem, storedEventOf } from './eventstoredb-conversions';
import { storeErrorOf } from './eventstoredb-errors';
import { eventAt, mayBeInvalidPosition, neighboursOf, positionOf } from './eventstoredb-positions';

/** How many events one read asks for; a page is always read to its end. */
const PAGE_SIZE = 500;

/** Reads one page to its end, even when the reader stops early, so the client releases it. */
async function* page<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let ended = false;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) {
        ended = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!ended)
      try {
        while ((await iterator.next()).done !== true);
      } catch {
        // The page was abandoned; its errors no longer matter.
      }
  }
}

export async function* readEventStoreDBStream(
  client: EventStoreDBClientLike,
  streamId: string,
  opts: ReadStreamOptions = {},
): AsyncGenerator<StoredEvent> {
  const backwards = opts.direction === 'backwards';
  let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
  const to = opts.toRevision;
  let from: bigint | 'start' | 'end' = opts.fromRevision ?? (backwards ? 'end' : 'start');
  // A bound on the wrong side of the start reads nothing, but a missing stream still says so.
  const empty =
    remaining <= 0 ||
    (typeof from === 'bigint' && to !== undefined && (backwards ? to > from : to < from));
  try {
    for (;;) {
      const size = empty ? 1 : Math.min(remaining, PAGE_SIZE);
      let read = 0;
      let last: bigint | undefined;
      for await (const resolved of page(
        client.readStream(streamId, {
          direction: backwards ? 'backwards' : 'forwards',
          fromRevision: from,
          maxCount: size,
        }),
      )) {
        read++;
        const event = storedEventOf(resolved);
        if (empty || event === undefined) continue;
        last = event.revision;
        if (to !== undefined && (backwards ? event.revision < to : event.revision > to)) return;
        yield event;
        remaining--;
      }
      if (empty || last === undefined || read < size || remaining <= 0) return;
      if (backwards && last === 0n) return;
      from = backwards ? last - 1n : last + 1n;
    }
  } catch (error) {
    throw storeErrorOf(error, streamId, 'any');
  }
}

/** Where a read of `$all` from the caller's `start` begins, as a position the server gave. */
const startOf = async (
  client: EventStoreDBClientLike,
  start: bigint | undefined,
  backwards: boolean,
): Promise<EsdbPosition | 'start' | 'end' | undefined> => {
  if (start === undefined) return backwards ? 'end' : 'start';
  // Forwards, from the event at the start; the server reads forwards from a position inclusive.
  if (!backwards) return start < 0n ? 'start' : eventAt(start);
  // The server reads backwards from *before* a position; the port's start is inclusive, so the
  // read begins at the record after it (or the end, if none is yet).
  if (start < 0n) return undefined;
  return (await neighboursOf(client, start)).after ?? 'end';
};

export async function* readEventStoreDBAll(
  client: EventStoreDBClientLike,
  opts: ReadAllOptions = {},
): AsyncGenerator<StoredEvent> {
  const backwards = opts.direction === 'backwards';
  let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
  if (remaining <= 0) return;
  const start = opts.fromPosition;
  /** Forwards, a page starts at the last event of the one before (inclusive): skip it. */
  let after: bigint | undefined;
  /** The caller's start, until the server has taken it: it may be a position no event holds. */
  let unchecked = !backwards && start !== undefined && start >= 0n;
  try {
    let from = await startOf(client, start, backwards);
    if (from === undefined) return;
    for (;;) {
      let read = 0;
      let last: EsdbPosition | undefined;
      try {
        for await (const resolved of page(
          client.readAll({
            direction: backwards ? 'backwards' : 'forwards',
            fromPosition: from,
            maxCount: PAGE_SIZE,
          }),
        )) {
          unchecked = false;
          read++;
          const event = storedEventOf(resolved);
          const position = positionOf(resolved);
          if (event === undefined || position === undefined) continue;
          if (after !== undefined && event.position <= after) continue;
          // Read from the end (or past appends made since the start was found): not yet there.
          if (backwards && start !== undefined && event.position > start) continue;
          last = position;
          if (resolved.event !== undefined && isSystem(resolved.event)) continue;
          if (remaining <= 0) continue;
          yield event;
          remaining--;
        }
      } catch (error) {
        // No event is at the caller's start: begin at the first one after it instead.
        if (!unchecked || start === undefined || !mayBeInvalidPosition(error)) throw error;
        unchecked = false;
        const next = (await neighboursOf(client, start)).after;
        if (next === undefined) return;
        from = next;
        continue;
      }
      if (last === undefined || read < PAGE_SIZE || remaining <= 0) return;
      from = last;
      if (!backwards) after = last.commit;
    }
  } catch (error) {
    throw storeErrorOf(error, '$all', 'any');
  }
}
