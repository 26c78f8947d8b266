import type { StoredEvent } from '../kernel/event-store';
import { StoreUnavailableError } from '../kernel/store-errors';

/**
 * An event row as the read statements return it: an array in `EVENT_COLUMNS` order, integers as
 * numbers. Arrays and plain numbers halve the cost of handing rows to JavaScript (objects with
 * `bigint`s cost that much more in the replay profile); `toStored` makes the `bigint`s.
 */
export type EventRow = readonly [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: number,
];
export const EVENT_COLUMNS =
  'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

export const INT64_MAX = 2n ** 63n - 1n;
export const INT64_MIN = -(2n ** 63n);

/** SQLite integers are 64-bit; a bound beyond that range means the same as the range's end. */
export const int64 = (n: bigint): bigint =>
  n > INT64_MAX ? INT64_MAX : n < INT64_MIN ? INT64_MIN : n;

/** A position or revision past 2^53 cannot come back exactly as a number: say so, never round. */
const exactInteger = (n: number, path: string): bigint => {
  if (!Number.isSafeInteger(n))
    throw new StoreUnavailableError(`${path}: a stored position or revision (${n}) is beyond 2^53`);
  return BigInt(n);
};

export const toStored = (row: EventRow, path: string): StoredEvent =>
  Object.freeze({
    streamId: row[1],
    revision: exactInteger(row[2], path),
    position: exactInteger(row[0], path),
    eventId: row[3],
    type: row[4],
    data: row[5],
    metadata: row[6],
    recordedAt: new Date(row[7]),
  });
