import type {
  EsdbPosition,
  EsdbResolvedEvent,
  EventStoreDBClientLike,
} from './eventstoredb-client';
import { clientErrorType } from './eventstoredb-errors';

/*
 * EventStoreDB reads `$all` only from a position where a record starts (or the log's start or
 * end); from anywhere else it answers "Trying to read from an invalid position" (gRPC UNKNOWN).
 * So the adapter sends only positions the server gave: the commit and prepare pair of an event
 * or a checkpoint. A port position is an event's commit position, and for every event appended
 * over gRPC the prepare position is the same, so the pair of a caller's position is that number
 * twice. A position no event holds (the port allows one) is found by its neighbours instead.
 */

/** How many records one search for a position reads at a time. */
const PAGE_SIZE = 500;

/** The position of a record as the server gave it: its commit and prepare pair. */
export const positionOf = (resolved: EsdbResolvedEvent): EsdbPosition | undefined => {
  const given = resolved.event?.position;
  if (given !== undefined) return given;
  const commit = resolved.commitPosition;
  return commit === undefined ? undefined : { commit, prepare: commit };
};

/** The pair the server gave for the event at commit position `position`. */
export const eventAt = (position: bigint): EsdbPosition => ({
  commit: position,
  prepare: position,
});

/**
 * Might a read have failed because no record starts at the position it was sent? EventStoreDB
 * answers such a read with gRPC UNKNOWN ("Trying to read from an invalid position"), which
 * `@eventstore/db-client` reports as `unknown` and the native reader of
 * `@kurrent/kurrentdb-client` as `unavailable`, with no words. So both count, and the search that
 * follows (from positions the server gave) shows a real outage again.
 */
export const mayBeInvalidPosition = (error: unknown): boolean => {
  const type = clientErrorType(error);
  return type === 'unknown' || type === 'unavailable';
};

/** The positions of up to `maxCount` records, system ones included, as the server gives them. */
const positions = async (
  client: EventStoreDBClientLike,
  direction: 'forwards' | 'backwards',
  fromPosition: EsdbPosition | 'start' | 'end',
  maxCount: number,
): Promise<EsdbPosition[]> => {
  const out: EsdbPosition[] = [];
  for await (const resolved of client.readAll({ direction, fromPosition, maxCount })) {
    const position = positionOf(resolved);
    if (position !== undefined) out.push(position);
  }
  return out;
};

/** The records on either side of a position: the last at or before it, the first after it. */
export interface Neighbours {
  readonly atOrBefore: EsdbPosition | undefined;
  readonly after: EsdbPosition | undefined;
}

/** Reads `$all` backwards from its end to the last record at or before `position`. */
const searchFromEnd = async (
  client: EventStoreDBClientLike,
  position: bigint,
): Promise<Neighbours> => {
  let after: EsdbPosition | undefined;
  let from: EsdbPosition | 'end' = 'end';
  for (;;) {
    const page = await positions(client, 'backwards', from, PAGE_SIZE);
    for (const found of page) {
      if (found.commit <= position) return { atOrBefore: found, after };
      after = found;
    }
    if (after === undefined || page.length < PAGE_SIZE) return { atOrBefore: undefined, after };
    from = after;
  }
};

/**
 * The server's own positions on either side of a caller's `position`: one read when an event is
 * at that position (as it is for any position the store gave), else a search from the end of
 * `$all`, which costs a read of everything after it.
 */
export const neighboursOf = async (
  client: EventStoreDBClientLike,
  position: bigint,
): Promise<Neighbours> => {
  if (position < 0n) {
    const [first] = await positions(client, 'forwards', 'start', 1);
    return { atOrBefore: undefined, after: first };
  }
  let ahead: EsdbPosition[];
  try {
    ahead = await positions(client, 'forwards', eventAt(position), 2);
  } catch (error) {
    if (!mayBeInvalidPosition(error)) throw error;
    return searchFromEnd(client, position);
  }
  const [first, second] = ahead;
  if (first?.commit === position) return { atOrBefore: first, after: second };
  // The server took the position, but no event is there (the log's start or end): the record
  // before it is the first one read backwards from it.
  const [behind] = await positions(client, 'backwards', eventAt(position), 1);
  return { atOrBefore: behind, after: first };
};
