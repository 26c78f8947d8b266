import { createHash } from 'node:crypto';
import { StoreUnavailableError } from '../kernel/store-errors';
import type { PgClient, PgModule } from './postgres-driver';
import { POSTGRES_SCHEMA_VERSION } from './postgres-options';

/**
 * The tables of the PostgreSQL store inside the schema the caller names, the schema version, and
 * the migrations, kept apart from the store's verbs so a later version adds a migration here
 * without touching them.
 */

/** Letters, digits and underscores, as an unquoted identifier; PostgreSQL keeps 63 bytes. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const checkSchemaName = (schema: string): void => {
  if (!SCHEMA_NAME.test(schema) || Buffer.byteLength(schema) > 63)
    throw new StoreUnavailableError(
      `"${schema}" cannot name the store's schema: use letters, digits and underscores (not starting with a digit), at most 63 characters`,
    );
};

/**
 * The advisory lock that puts every write of one schema in one order (see the store), as the
 * 64-bit key `pg_advisory_xact_lock` takes: the first 8 bytes of SHA-256 over the schema's name,
 * so two schemas (or two databases' stores) never wait for each other except by a 2^-64 chance,
 * which would only make them wait, never do wrong.
 */
export const writeLockKey = (schema: string): string =>
  createHash('sha256')
    .update(`diplomatic-ledger writes ${schema}`)
    .digest()
    .readBigInt64BE(0)
    .toString();

/** The schema's tables, their names quoted as identifiers (the schema name is quoted too). */
export interface PostgresTables {
  readonly schema: string;
  readonly events: string;
  readonly streams: string;
  readonly version: string;
  /** The function that appends a batch where the writer expects the stream to end. */
  readonly appendAt: string;
  /** The Merkle tree of the global order (version 2). */
  readonly treeLeaves: string;
  readonly treeSubtrees: string;
}

export const tablesOf = (pg: PgModule, schema: string): PostgresTables => {
  const s = pg.escapeIdentifier(schema);
  return {
    schema: s,
    events: `${s}.events`,
    streams: `${s}.streams`,
    version: `${s}.ledger_schema`,
    appendAt: `${s}.append_at`,
    treeLeaves: `${s}.tree_leaves`,
    treeSubtrees: `${s}.tree_subtrees`,
  };
};

/*
 * Version 1.
 *
 * - `position` is an identity column, but only ever drawn by an append holding the schema's write
 *   lock until it commits: positions are handed out and committed in one order (see the store).
 *   Nothing is physically deleted (deletes are logical), so a position is never reused; a rolled
 *   back append leaves a gap, which the port allows. CACHE 1 (the default, written out): a
 *   session that cached a block of positions would hand them out of order.
 * - Data and metadata are `text`, never `jsonb`: the library's exact JSON text, hashes and all,
 *   comes back byte for byte. `recorded_at` is the writer's instant (milliseconds fit exactly).
 * - A stream's last revision is max(revision) of its events, one seek in the unique
 *   (stream_id, revision) index, so appends write no per-stream row. `streams` holds only what
 *   events cannot say: a soft delete (`visible_from`) or a tombstone.
 * - (stream_id, event_id) lets an idempotent append find an id without walking the stream.
 * - Names and ids compare by bytes (`COLLATE "C"`), whatever the database's collation.
 * - `append_at` is an append's usual case in one call, one round trip, one plan the server
 *   keeps: take the write lock, and if the stream ends exactly where the writer expects (the
 *   given last revision, not tombstoned; or, for -1, a name never used), insert the batch and
 *   notify. Otherwise it writes nothing and the store decides in full (see
 *   `postgres-append-one.ts`). Each statement of a volatile function takes a new snapshot, so
 *   the check after the lock sees every write committed before it.
 */
const version1 = (t: PostgresTables): string => `
  CREATE TABLE ${t.events} (
    position bigint GENERATED ALWAYS AS IDENTITY (CACHE 1) PRIMARY KEY,
    stream_id text COLLATE "C" NOT NULL,
    revision bigint NOT NULL CHECK (revision >= 0),
    event_id text COLLATE "C" NOT NULL,
    type text NOT NULL,
    data text NOT NULL,
    metadata text NOT NULL,
    recorded_at timestamptz NOT NULL,
    CONSTRAINT events_stream_revision UNIQUE (stream_id, revision)
  );
  CREATE INDEX events_by_stream_and_id ON ${t.events} (stream_id, event_id);
  CREATE TABLE ${t.streams} (
    stream_id text COLLATE "C" PRIMARY KEY,
    visible_from bigint NOT NULL DEFAULT 0 CHECK (visible_from >= 0),
    tombstoned boolean NOT NULL DEFAULT false
  );
  CREATE FUNCTION ${t.appendAt}(
    lock_key bigint, channel text, stream text, expected bigint, ids text[], types text[],
    datas text[], metadatas text[], recorded timestamptz[],
    OUT written bigint, OUT last_position bigint)
  LANGUAGE plpgsql VOLATILE AS $body$
  BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(lock_key);
    IF expected < 0 THEN
      IF EXISTS (SELECT 1 FROM ${t.events} AS e WHERE e.stream_id = stream)
         OR EXISTS (SELECT 1 FROM ${t.streams} AS s WHERE s.stream_id = stream) THEN
        written := 0;
        RETURN;
      END IF;
    ELSIF (SELECT max(e.revision) FROM ${t.events} AS e WHERE e.stream_id = stream)
            IS DISTINCT FROM expected
       OR EXISTS (SELECT 1 FROM ${t.streams} AS s WHERE s.stream_id = stream AND s.tombstoned) THEN
      written := 0;
      RETURN;
    END IF;
    WITH inserted AS (
      INSERT INTO ${t.events} (stream_id, revision, event_id, type, data, metadata, recorded_at)
      SELECT stream, expected + r.n, r.event_id, r.type, r.data, r.metadata, r.recorded_at
        FROM unnest(ids, types, datas, metadatas, recorded)
             WITH ORDINALITY AS r (event_id, type, data, metadata, recorded_at, n)
       ORDER BY r.n
      RETURNING position)
    SELECT count(*), max(position) INTO written, last_position FROM inserted;
    PERFORM pg_catalog.pg_notify(channel, '');
  END
  $body$;
`;

/*
 * Version 2 adds the Merkle tree over the global order, as the embedded store keeps it: one row
 * per leaf (its 0-based place in the global order, the position of its event, its hash) and one
 * per closed subtree above the leaves. Only the library's tree keeper writes them, after the
 * events they cover commit, many leaves in one transaction (see `postgres-tree-storage.ts`);
 * appends never touch them. Hashes are `bytea` of 32 bytes.
 */
export const TREE_TABLES: readonly string[] = ['tree_leaves', 'tree_subtrees'];

const version2 = (t: PostgresTables): string => `
  CREATE TABLE ${t.treeLeaves} (
    leaf bigint CONSTRAINT tree_leaves_pkey PRIMARY KEY CHECK (leaf >= 0),
    position bigint NOT NULL,
    hash bytea NOT NULL CHECK (octet_length(hash) = 32)
  );
  CREATE TABLE ${t.treeSubtrees} (
    level smallint NOT NULL CHECK (level >= 1),
    node bigint NOT NULL CHECK (node >= 0),
    hash bytea NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, node)
  );
`;

/** `migrations[n]` turns a version-n schema into version n+1, inside the opening transaction. */
const migrations: Readonly<Record<number, (t: PostgresTables) => string>> = {
  // The tree starts empty; the keeper fills it from the events the first time it is asked.
  1: version2,
};

/** The version a ledger schema records; undefined when the schema holds no ledger at all. */
const versionOf = async (
  client: PgClient,
  schema: string,
  t: PostgresTables,
  server: string,
): Promise<number | undefined> => {
  const found = await client.query<{ tables: string[] }>(
    `SELECT coalesce(array_agg(tablename::text ORDER BY tablename), '{}') AS tables
       FROM pg_catalog.pg_tables WHERE schemaname = $1`,
    [schema],
  );
  const tables = found.rows[0]?.tables ?? [];
  if (tables.length === 0) return undefined;
  if (!tables.includes('ledger_schema'))
    throw new StoreUnavailableError(
      `${server}: schema ${schema} holds tables of something else (${tables.join(', ')}), not a diplomatic-ledger store; name another schema`,
    );
  const row = await client.query<{ version: number }>(
    `SELECT version FROM ${t.version} WHERE singleton = 1`,
  );
  const version = row.rows[0]?.version;
  if (typeof version !== 'number')
    throw new StoreUnavailableError(
      `${server}: schema ${schema} has no schema version; it is damaged`,
    );
  if (version > POSTGRES_SCHEMA_VERSION)
    throw new StoreUnavailableError(
      `${server}: schema ${schema} has schema version ${version}, newer than this library reads (${POSTGRES_SCHEMA_VERSION}); upgrade diplomatic-ledger`,
    );
  for (const table of ['events', 'streams', ...(version >= 2 ? TREE_TABLES : [])])
    if (!tables.includes(table))
      throw new StoreUnavailableError(
        `${server}: schema ${schema} lacks the table ${table}; it is damaged`,
      );
  return version;
};

/**
 * Creates the schema and its tables, or migrates an older one, in one transaction under the
 * schema's write lock: two processes opening a new schema at once create it once, and no append
 * runs half-way through a migration. A newer schema is refused. With `readOnly`, nothing is
 * created or migrated: the schema must be there, and an older version is read as it is (every
 * version has the columns a read uses; version 1 has no tree tables). Answers the version the
 * schema has now.
 */
export const createOrMigrate = async (
  client: PgClient,
  options: {
    readonly schema: string;
    readonly tables: PostgresTables;
    readonly server: string;
    readonly readOnly: boolean;
  },
): Promise<number> => {
  const { schema, tables: t, server, readOnly } = options;
  if (readOnly) {
    const version = await versionOf(client, schema, t, server);
    if (version === undefined)
      throw new StoreUnavailableError(
        `${server}: no diplomatic-ledger store in schema ${schema} (opening read-only creates none)`,
      );
    return version;
  }
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${writeLockKey(schema)})`);
    const version = await versionOf(client, schema, t, server);
    if (version === undefined) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${t.schema}`);
      await client.query(`
        CREATE TABLE ${t.version} (
          singleton integer PRIMARY KEY CHECK (singleton = 1),
          version integer NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now()
        );
        ${version1(t)}
        ${version2(t)}
      `);
      await client.query(`INSERT INTO ${t.version} (singleton, version) VALUES (1, $1)`, [
        POSTGRES_SCHEMA_VERSION,
      ]);
    } else if (version < POSTGRES_SCHEMA_VERSION) {
      for (let v = version; v < POSTGRES_SCHEMA_VERSION; v++) {
        const migrate = migrations[v];
        if (migrate === undefined)
          throw new StoreUnavailableError(`${server}: no migration from schema version ${v}`);
        await client.query(migrate(t));
      }
      await client.query(`UPDATE ${t.version} SET version = $1 WHERE singleton = 1`, [
        POSTGRES_SCHEMA_VERSION,
      ]);
    }
    await client.query('COMMIT');
    return POSTGRES_SCHEMA_VERSION;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};
