import type {
  DeleteStreamOptions,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
} from '../kernel/event-store';
import { isStoreError, StreamDeletedError, StreamNotFoundError } from '../kernel/store-errors';
import { validateAppend } from '../kernel/append-validation';
import { checkExpected, conflict, isLive } from './expected-revision';
import { refusingWrites } from './read-only';
import { postgresDriver, type PgPool } from './postgres-driver';
import {
  describeServer,
  pgCodeOf,
  pgConstraintOf,
  UNIQUE_VIOLATION,
  unavailable,
} from './postgres-errors';
import {
  DEFAULT_POSTGRES_SCHEMA,
  type PostgresEventStoreOptions,
  type PostgresPoolLike,
} from './postgres-options';
import { checkSchemaName, createOrMigrate, tablesOf, writeLockKey } from './postgres-schema';
import { postgresAccess } from './postgres-connection';
import { conflictAfterRace, readStreamView, streamReadOf } from './postgres-appends';
import {
  INT64_MAX,
  INT64_MIN,
  int64,
  onClient,
  statementsOf,
  toStored,
  type RowQuery,
} from './postgres-rows';
import { postgresSubscriptions } from './postgres-subscription';
import { appendOne } from './postgres-append-one';
import { postgresStagedAppends } from './postgres-staged-appends';
import { postgresTreeStorage } from './postgres-tree-storage';

/** An event store in a PostgreSQL schema; `close()` ends its connections. */
export interface PostgresEventStore extends EventStore {
  /** The schema that holds the store's tables. */
  readonly schema: string;
  /**
   * Ends every subscription and the listening connection, and the pool if the store made it
   * from a connection string (a pool the caller gave is left open). Later calls are refused as
   * unavailable.
   */
  close(): Promise<void>;
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** The channel appends notify on: one per schema, within PostgreSQL's 63 bytes. */
const channelOf = (lockKey: string): string => `diplomatic_ledger_${lockKey.replace('-', 'n')}`;

/**
 * Opens an event store in a PostgreSQL schema (default `diplomatic_ledger`), creating the schema
 * and its tables if they are missing and migrating an older version, with exactly the semantics
 * of every other adapter. `connection` is a connection string (`postgres://user@host/db`; the
 * store makes a pool and ends it on `close`) or a `pg.Pool` of the caller's (left open).
 *
 * Every append takes the schema's write lock for the rest of its transaction, so positions are
 * handed out and committed in one order: a reader that sees a position sees every earlier one,
 * and subscriptions and paged reads never skip an event another connection was still writing.
 *
 * A server that cannot be reached, a schema of something else or of a newer version, or a
 * missing `pg` package is refused with a `StoreUnavailableError` that names the server (never
 * its password) and the problem.
 */
export const openPostgresEventStore = async (
  connection: string | PostgresPoolLike,
  options: PostgresEventStoreOptions = {},
): Promise<PostgresEventStore> => {
  const schema = options.schema ?? DEFAULT_POSTGRES_SCHEMA;
  checkSchemaName(schema);
  const pg = postgresDriver();
  const owned = typeof connection === 'string';
  // The caller's pool is a `pg.Pool`; the public type names only what it must have, so that
  // this package's declarations need no `@types/pg`.
  const pool: PgPool = owned
    ? new pg.Pool({ connectionString: connection, max: options.pool?.max ?? 10 })
    : (connection as PgPool);
  // An idle connection of the store's own pool that the server drops is only replaced.
  if (owned) pool.on('error', () => undefined);
  const server = owned ? describeServer(connection) : `PostgreSQL schema ${schema}`;
  const now = options.now ?? (() => new Date());
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 500));
  const readOnly = options.readOnly === true;
  const tables = tablesOf(pg, schema);
  const statements = statementsOf(tables);
  const lockKey = writeLockKey(schema);
  const channel = channelOf(lockKey);
  let closed = false;
  const access = postgresAccess({ pool, server, lockKey, isClosed: () => closed });
  const onPool: RowQuery = (text, values) => access.rows('reading', text, values);

  let version: number;
  try {
    const client = await pool.connect();
    client.on('error', () => undefined);
    try {
      version = await createOrMigrate(client, { schema, tables, server, readOnly });
    } finally {
      client.release();
    }
  } catch (error) {
    if (owned) await pool.end().catch(() => undefined);
    if (isStoreError(error, 'StoreUnavailable')) throw error;
    throw unavailable(server, `opening the store in schema ${schema}`, error);
  }

  // A schema of version 1, opened read-only, has no tree tables: its tree is kept in memory.
  const tree = version >= 2 ? postgresTreeStorage({ access, tables, schema, readOnly }) : undefined;

  const subscriptions = postgresSubscriptions({
    pg,
    pool,
    channel,
    pageSize,
    pollIntervalMs: Math.max(1, options.pollIntervalMs ?? 500),
    reconnect: {
      attempts: Math.max(0, options.reconnect?.attempts ?? 30),
      delayMs: Math.max(1, options.reconnect?.delayMs ?? 100),
    },
    page: async (after, limit) =>
      (
        await access.rows('reading for a subscription', statements.allForwards, [
          int64(after + 1n),
          limit,
        ])
      ).map(toStored),
    lastPosition: async () => {
      const [row] = await access.rows('subscribing', statements.lastPosition);
      const last = row?.[0];
      return last === null || last === undefined ? undefined : BigInt(last as string);
    },
  });

  // -------------------------------------------------------------------- verbs

  const appendToStream: EventStore['appendToStream'] = async (
    streamId,
    events,
    { expectedRevision },
  ) => {
    validateAppend(streamId, events, expectedRevision);
    const recordedAt = now();
    if (events.length === 0) {
      // Checked like any append, but nothing is written: no lock, no transaction.
      const { view } = await readStreamView(onPool, statements, streamId, []);
      checkExpected(streamId, view, expectedRevision);
      return { nextExpectedRevision: view?.lastRevision ?? -1n, position: -1n };
    }
    try {
      const result = await access.session(`appending to ${streamId}`, (client) =>
        appendOne(
          client,
          { pg, tables, lockKey, channel },
          streamId,
          events,
          expectedRevision,
          recordedAt,
        ),
      );
      subscriptions.wakeAll();
      return result;
    } catch (error) {
      throw await raced(error, streamId, expectedRevision);
    }
  };

  /**
   * Only a writer that bypassed the write lock can take a revision under an append: say so as
   * the conflict it is.
   */
  const raced = async (
    error: unknown,
    streamId: string,
    expected: ExpectedRevision,
  ): Promise<unknown> => {
    const cause = isStoreError(error, 'StoreUnavailable') ? error.cause : undefined;
    if (pgCodeOf(cause) !== UNIQUE_VIOLATION || pgConstraintOf(cause) !== 'events_stream_revision')
      return error;
    return conflictAfterRace(onPool, statements, streamId, expected).catch((e: unknown) => e);
  };

  const stagedAppends = postgresStagedAppends({ access, statements, lockKey, channel, now });
  const appendToStreams: NonNullable<EventStore['appendToStreams']> = async (appends) => {
    let current: { streamId: string; expectedRevision: ExpectedRevision } | undefined;
    try {
      const result = await stagedAppends(appends, (append) => {
        current = append;
      });
      if (result.eventsWritten > 0) subscriptions.wakeAll();
      return result;
    } catch (error) {
      throw current === undefined
        ? error
        : await raced(error, current.streamId, current.expectedRevision);
    }
  };

  async function* readStream(
    streamId: string,
    opts: ReadStreamOptions = {},
  ): AsyncGenerator<StoredEvent> {
    const backwards = opts.direction === 'backwards';
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    // Bounds are fixed by the first statement: events appended while reading are not read, as
    // in every adapter. Events up to the last revision it saw are committed and never change, so
    // the pages read later find exactly them.
    const limit = Math.ceil(Math.min(pageSize, remaining));
    const firstRows = await access.rows(
      `reading ${streamId}`,
      backwards ? statements.firstBackwards : statements.firstForwards,
      [
        streamId,
        int64(opts.fromRevision ?? (backwards ? INT64_MAX : INT64_MIN)),
        int64(opts.toRevision ?? (backwards ? INT64_MIN : INT64_MAX)),
        limit,
      ],
    );
    const { view } = streamReadOf(firstRows[0]?.slice(0, 3));
    if (view?.tombstoned === true) throw new StreamDeletedError(streamId);
    if (!isLive(view)) throw new StreamNotFoundError(streamId);
    const first = view.visibleFrom;
    const last = view.lastRevision;
    const to = backwards
      ? max(opts.toRevision ?? first, first)
      : min(opts.toRevision ?? last, last);
    const events = firstRows.filter((row) => row[3] !== null).map((row) => row.slice(3));
    for (const row of events) {
      remaining--;
      yield toStored(row);
    }
    const lastRow = events[events.length - 1];
    if (lastRow === undefined || events.length < limit) return;
    const at = BigInt(lastRow[2] as string);
    let from = backwards ? at - 1n : at + 1n;
    while (remaining > 0 && (backwards ? from >= to : from <= to)) {
      const limit = Math.ceil(Math.min(pageSize, remaining));
      const rows = await access.rows(
        `reading ${streamId}`,
        backwards ? statements.streamBackwards : statements.streamForwards,
        [streamId, int64(from), int64(to), limit],
      );
      for (const row of rows) {
        remaining--;
        yield toStored(row);
      }
      const lastRow = rows[rows.length - 1];
      if (lastRow === undefined || rows.length < limit) return;
      const at = BigInt(lastRow[2] as string);
      from = backwards ? at - 1n : at + 1n;
    }
  }

  async function* readAll(opts: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    const backwards = opts.direction === 'backwards';
    let cursor = opts.fromPosition ?? (backwards ? INT64_MAX : INT64_MIN);
    while (remaining > 0) {
      const limit = Math.ceil(Math.min(pageSize, remaining));
      const rows = await access.rows(
        'reading all streams',
        backwards ? statements.allBackwards : statements.allForwards,
        [int64(cursor), limit],
      );
      for (const row of rows) {
        remaining--;
        yield toStored(row);
      }
      const lastRow = rows[rows.length - 1];
      if (lastRow === undefined || rows.length < limit) return;
      const at = BigInt(lastRow[0] as string);
      if (backwards ? at <= INT64_MIN : at >= INT64_MAX) return;
      cursor = backwards ? at - 1n : at + 1n;
    }
  }

  const deleteStream = async (streamId: string, opts: DeleteStreamOptions): Promise<void> => {
    await access.transaction(`deleting ${streamId}`, { lock: true }, async (client) => {
      const query = onClient(client);
      const { view } = await readStreamView(query, statements, streamId, []);
      const expected = opts.expectedRevision ?? 'any';
      checkExpected(streamId, view, expected);
      if (opts.mode === 'tombstone') {
        await query(statements.tombstone, [streamId]);
        return;
      }
      // As EventStoreDB since 21.10: a stream that was never written cannot be soft-deleted.
      if (view === undefined) throw conflict(streamId, view, expected);
      await query(statements.softDelete, [streamId, (view.lastRevision + 1n).toString()]);
    });
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await subscriptions.endAll();
    if (owned) await pool.end().catch(() => undefined);
  };

  const store: PostgresEventStore = {
    schema,
    now,
    keepsRecordedAt: true,
    appendToStream,
    appendToStreams,
    readStream,
    readAll,
    subscribeToAll: subscriptions.subscribeToAll,
    deleteStream,
    close,
    ...(tree === undefined ? {} : { tree }),
  };
  return readOnly ? refusingWrites(store, `${server} (schema ${schema})`) : store;
};
