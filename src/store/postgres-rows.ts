import { createHash } from 'node:crypto';
import type { StoredEvent } from '../kernel/event-store';
import type { PgClient } from './postgres-driver';
import type { PostgresTables } from './postgres-schema';

/**
 * Rows of the PostgreSQL store as the statements return them (arrays, in column order; `bigint`
 * columns as decimal text, as the driver gives them) and the events they become.
 */

/** Runs one statement and gives its rows as arrays. */
export type RowQuery = (text: string, values: readonly unknown[]) => Promise<unknown[][]>;

const names = new Map<string, string>();

/**
 * The name a statement is prepared under on each connection, from its text: the server parses
 * and plans it once per connection instead of on every call (most of a short read's time).
 */
export const statementName = (text: string): string => {
  let name = names.get(text);
  if (name === undefined) {
    name = `diplomatic_ledger_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
};

export const onClient =
  (client: PgClient): RowQuery =>
  async (text, values) =>
    (
      await client.query<unknown[]>({
        name: statementName(text),
        text,
        values: [...values],
        rowMode: 'array',
      })
    ).rows;

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

/**
 * A stream as the expected-revision rules see it, with where the given event ids already sit in
 * it (one lookup in the (stream_id, event_id) index per id), in one statement: one snapshot.
 * `id` and `ids` are SQL expressions (parameters, or literals the driver escaped).
 */
export const streamViewSql = (t: PostgresTables, id: string, ids: string): string => `
    SELECT (SELECT max(revision) FROM ${t.events} WHERE stream_id = ${id}),
           s.visible_from, s.tombstoned, m.ids, m.revisions, m.positions
      FROM (SELECT 1) AS one
      LEFT JOIN ${t.streams} AS s ON s.stream_id = ${id}
      CROSS JOIN LATERAL (
        SELECT array_agg(event_id), array_agg(revision), array_agg(position)
          FROM ${t.events} WHERE stream_id = ${id} AND event_id = ANY(${ids})
      ) AS m (ids, revisions, positions)`;

/** What an insert of a batch is made of, each an SQL expression. */
export interface InsertParts {
  readonly streamId: string;
  /** The revision the batch follows. */
  readonly after: string;
  readonly eventIds: string;
  readonly types: string;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: string;
  readonly channel: string;
}

/**
 * A batch in one statement, revisions after `after`, positions drawn in the batch's order; it
 * answers how many rows it wrote and the last position. When it wrote any, a notification
 * (empty, so that several in one transaction are delivered as one) goes out at commit.
 */
export const insertSql = (t: PostgresTables, p: InsertParts): string => `
    WITH written AS (
      INSERT INTO ${t.events} (stream_id, revision, event_id, type, data, metadata, recorded_at)
      SELECT ${p.streamId}, ${p.after}::bigint + r.n, r.event_id, r.type, r.data, r.metadata,
             r.recorded_at
        FROM unnest(${p.eventIds}::text[], ${p.types}::text[], ${p.data}::text[],
                    ${p.metadata}::text[], ${p.recordedAt}::timestamptz[])
             WITH ORDINALITY AS r (event_id, type, data, metadata, recorded_at, n)
       ORDER BY r.n
      RETURNING position),
    counted AS (SELECT count(*) AS n, max(position) AS last FROM written)
    SELECT counted.n, counted.last FROM counted
      LEFT JOIN LATERAL (SELECT pg_notify(${p.channel}, '') WHERE counted.n > 0) AS sent ON true`;

/**
 * The first page of a stream read, with the stream itself, in one statement (one snapshot, one
 * round trip): every row starts with the stream's last revision, first visible revision and
 * tombstone, then the event's columns (null when no event is in range). `$2` is the first
 * revision asked for and `$3` the last, in the direction of reading; the visible start applies.
 */
const firstPages = (t: PostgresTables) => {
  const page = (backwards: boolean): string => `
    SELECT v.last, s.visible_from, s.tombstoned, ${EVENT_COLUMNS.split(', ')
      .map((c) => `e.${c}`)
      .join(', ')}
      FROM (SELECT max(revision) AS last FROM ${t.events} WHERE stream_id = $1) AS v
      LEFT JOIN ${t.streams} AS s ON s.stream_id = $1
      LEFT JOIN LATERAL (
        SELECT ${EVENT_COLUMNS} FROM ${t.events}
         WHERE stream_id = $1 AND revision BETWEEN ${
           backwards
             ? 'greatest($3::bigint, coalesce(s.visible_from, 0)) AND $2::bigint'
             : 'greatest($2::bigint, coalesce(s.visible_from, 0)) AND $3::bigint'
         }
         ORDER BY revision ${backwards ? 'DESC' : ''} LIMIT $4
      ) AS e ON true
     ORDER BY e.revision ${backwards ? 'DESC' : ''}`;
  return { firstForwards: page(false), firstBackwards: page(true) };
};

/** The statements every read and append uses, written once per store. */
export const statementsOf = (t: PostgresTables) => ({
  stream: streamViewSql(t, '$1', '$2::text[]'),
  insert: insertSql(t, {
    streamId: '$1',
    after: '$2',
    eventIds: '$3',
    types: '$4',
    data: '$5',
    metadata: '$6',
    recordedAt: '$7',
    channel: '$8',
  }),
  tombstone: `
    INSERT INTO ${t.streams} (stream_id, tombstoned) VALUES ($1, true)
    ON CONFLICT (stream_id) DO UPDATE SET tombstoned = true`,
  softDelete: `
    INSERT INTO ${t.streams} (stream_id, visible_from) VALUES ($1, $2)
    ON CONFLICT (stream_id) DO UPDATE SET visible_from = excluded.visible_from`,
  ...firstPages(t),
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
