import type { StoredEvent } from '../kernel/event-store';
import type { PgClient } from './postgres-driver';
import type { PostgresTables } from './postgres-schema';

/**
 * Rows of the PostgreSQL store as the statements return them (arrays, in column order; `bigint`
 * columns as decimal text, as the driver gives them) and the events they become.
 */

/** Runs one statement and gives its rows as arrays. */
export type RowQuery = (text: string, values: readonly unknown[]) => Promise<unknown[][]>;

export const onClient =
  (client: PgClient): RowQuery =>
  async (text, values) =>
    (await client.query<unknown[]>({ text, values: [...values], rowMode: 'array' })).rows;

export const EVENT_COLUMNS =
  'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

export const INT64_MAX = 2n ** 63n - 1n;
export const INT64_MIN = -(2n ** 63n);

/** PostgreSQL's `bigint` is 64-bit; a bound beyond that range means the same as the range's end. */
export const int64 = (n: bigint): string =>
  (n > INT64_MAX ? INT64_MAX : n < INT64_MIN ? INT64_MIN : n).toString();

/** A `bigint` column as the driver gives it (decimal text), or null. */
export const bigintOf = (value: unknown): bigint | undefined =>
  value === null || value === undefined ? undefined : BigInt(value as string);

export const toStored = (row: readonly unknown[]): StoredEvent =>
  Object.freeze({
    streamId: row[1] as string,
    revision: BigInt(row[2] as string),
    position: BigInt(row[0] as string),
    eventId: row[3] as string,
    type: row[4] as string,
    data: row[5] as string,
    metadata: row[6] as string,
    recordedAt: row[7] as Date,
  });

/** The statements every read and append uses, written once per store. */
export const statementsOf = (t: PostgresTables) => ({
  /**
   * A stream as the expected-revision rules see it, with where the given event ids already sit
   * in it (one lookup in the (stream_id, event_id) index per id), in one statement: one snapshot.
   */
  stream: `
    SELECT (SELECT max(revision) FROM ${t.events} WHERE stream_id = $1),
           s.visible_from, s.tombstoned, m.ids, m.revisions, m.positions
      FROM (SELECT 1) AS one
      LEFT JOIN ${t.streams} AS s ON s.stream_id = $1
      CROSS JOIN LATERAL (
        SELECT array_agg(event_id), array_agg(revision), array_agg(position)
          FROM ${t.events} WHERE stream_id = $1 AND event_id = ANY($2::text[])
      ) AS m (ids, revisions, positions)`,
  /**
   * A batch in one statement, revisions after `$2`, positions drawn in the batch's order; the
   * notification (empty, so that several in one transaction are delivered as one) goes out
   * when the transaction commits.
   */
  insert: `
    WITH written AS (
      INSERT INTO ${t.events} (stream_id, revision, event_id, type, data, metadata, recorded_at)
      SELECT $1, $2::bigint + r.n, r.event_id, r.type, r.data, r.metadata, r.recorded_at
        FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
             WITH ORDINALITY AS r (event_id, type, data, metadata, recorded_at, n)
       ORDER BY r.n
      RETURNING position)
    SELECT max(position), pg_notify($8, '') FROM written`,
  tombstone: `
    INSERT INTO ${t.streams} (stream_id, tombstoned) VALUES ($1, true)
    ON CONFLICT (stream_id) DO UPDATE SET tombstoned = true`,
  softDelete: `
    INSERT INTO ${t.streams} (stream_id, visible_from) VALUES ($1, $2)
    ON CONFLICT (stream_id) DO UPDATE SET visible_from = excluded.visible_from`,
  streamForwards: `SELECT ${EVENT_COLUMNS} FROM ${t.events}
    WHERE stream_id = $1 AND revision BETWEEN $2 AND $3 ORDER BY revision LIMIT $4`,
  streamBackwards: `SELECT ${EVENT_COLUMNS} FROM ${t.events}
    WHERE stream_id = $1 AND revision BETWEEN $3 AND $2 ORDER BY revision DESC LIMIT $4`,
  allForwards: `SELECT ${EVENT_COLUMNS} FROM ${t.events}
    WHERE position >= $1 ORDER BY position LIMIT $2`,
  allBackwards: `SELECT ${EVENT_COLUMNS} FROM ${t.events}
    WHERE position <= $1 ORDER BY position DESC LIMIT $2`,
  lastPosition: `SELECT max(position) FROM ${t.events}`,
});

export type PostgresStatements = ReturnType<typeof statementsOf>;
