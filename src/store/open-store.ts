import type * as EventStoreDBClientModule from '@eventstore/db-client';
import type * as KurrentDBClientModule from '@kurrent/kurrentdb-client';
import { resolve } from 'node:path';
import type { EventStore } from '../kernel/event-store';
import { createEventStoreDBEventStore } from './eventstoredb-event-store';
import { createInMemoryEventStore } from './in-memory-event-store';
import { refusingWrites } from './read-only';
import { openSqliteEventStore } from './sqlite-event-store';
import { openPostgresEventStore } from './postgres-event-store';

/** The file of the embedded store when none is named, in the working directory. */
export const DEFAULT_STORE_FILE = 'diplomatic-ledger.db';

/** The store used when none is named: the embedded store in `diplomatic-ledger.db` in `cwd`. */
export const defaultStoreSpec = (cwd: string = process.cwd()): string =>
  `sqlite:${resolve(cwd, DEFAULT_STORE_FILE)}`;

/**
 * The file of the embedded key store kept beside an embedded store's file, named after it:
 * `diplomatic-ledger.db` → `diplomatic-ledger.keys.db` (a trailing `.db` is replaced, any other
 * name gains `.keys.db`). The keys live in a file of their own, never in the store's.
 */
export const keyStoreFileBeside = (storeFile: string): string =>
  `${storeFile.replace(/\.db$/, '')}.keys.db`;

/** The file a `sqlite:PATH` spec names, as given; undefined for any other spec. */
export const sqlitePathOf = (spec: string): string | undefined =>
  spec.startsWith('sqlite:') && spec.length > 'sqlite:'.length
    ? spec.slice('sqlite:'.length)
    : undefined;

export interface OpenedStore {
  readonly store: EventStore;
  /** Releases the connection (nothing to release for `memory`). */
  close(): Promise<void>;
}

type EventStoreDBModule = typeof EventStoreDBClientModule;
type KurrentDBModule = typeof KurrentDBClientModule;

const isModuleMissing = (error: unknown): boolean =>
  error instanceof Error && (error as { code?: unknown }).code === 'MODULE_NOT_FOUND';

export interface OpenEventStoreOptions {
  /**
   * Reads only; every append and delete rejects with `StoreReadOnlyError` (default false).
   * `sqlite:PATH` opens an existing file read-only (never created, migrated or locked for
   * writing); `memory` is a new empty store that refuses writes; PostgreSQL opens an existing
   * schema without creating or migrating it, and refuses writes; EventStoreDB is the same
   * connection with writes refused by the adapter's wrapper (the server is not told: use a user
   * without write access there for a guarantee that does not depend on this library).
   */
  readonly readOnly?: boolean;
}

/** The name a read-only EventStoreDB store gives in its refusals: never the credentials. */
const serverName = (connectionString: string): string =>
  connectionString.replace(/\/\/[^@/]*@/, '//');

/**
 * A store's spec as messages show it: a connection string keeps its user but not the password
 * (`postgres://ledger:pw@host/db` is shown as `postgres://ledger@host/db`), nor a `password=`
 * parameter's value.
 */
export const specWithoutPassword = (spec: string): string =>
  spec
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):[^@/?#]*@/i, '$1@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');

/**
 * Whether this process has already loaded a module: the two EventStoreDB clients' generated
 * classes share global names, so loading the second breaks the first for its other users.
 */
const isLoaded = (name: string): boolean => {
  try {
    return require.cache[require.resolve(name)] !== undefined;
  } catch {
    return false;
  }
};

const openWithEventStoreDBClient = (connectionString: string): OpenedStore | undefined => {
  try {
    // A plain require: the client is an optional peer, loaded only when asked for, and a
    // dynamic import() would not run under CommonJS test runners.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventStoreDBClient } = require('@eventstore/db-client') as EventStoreDBModule;
    const client = EventStoreDBClient.connectionString(connectionString);
    return { store: createEventStoreDBEventStore(client), close: () => client.dispose() };
  } catch (error) {
    if (!isModuleMissing(error)) throw error;
    return undefined;
  }
};

const openWithKurrentDBClient = (connectionString: string): OpenedStore | undefined => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { KurrentDBClient } = require('@kurrent/kurrentdb-client') as KurrentDBModule;
    const client = KurrentDBClient.connectionString(connectionString);
    return { store: createEventStoreDBEventStore(client), close: () => client.dispose() };
  } catch (error) {
    if (!isModuleMissing(error)) throw error;
    return undefined;
  }
};

/**
 * EventStoreDB through whichever client is installed: `@kurrent/kurrentdb-client`, the maintained
 * one, first, then `@eventstore/db-client` (whose last release was in December 2024) for `esdb://`
 * strings. The maintained client is given the `kurrentdb://` form of an `esdb://` string, which it
 * reads the same way without warning that the scheme is deprecated. An `esdb://` string in a
 * process that already uses `@eventstore/db-client` (and not the other) goes through it, so that
 * opening a store does not break the caller's own client.
 */
const openEventStoreDB = async (connectionString: string): Promise<OpenedStore> => {
  const esdb = /^esdb(\+discover)?:\/\//.exec(connectionString);
  const asKurrent =
    esdb === null
      ? connectionString
      : `kurrentdb${esdb[1] ?? ''}://${connectionString.slice(esdb[0].length)}`;
  const opened =
    esdb !== null && isLoaded('@eventstore/db-client') && !isLoaded('@kurrent/kurrentdb-client')
      ? openWithEventStoreDBClient(connectionString)
      : (openWithKurrentDBClient(asKurrent) ??
        (esdb === null ? undefined : openWithEventStoreDBClient(connectionString)));
  if (opened !== undefined) return opened;
  throw new Error(
    `to open ${connectionString}, install @kurrent/kurrentdb-client (1.x)${
      esdb === null ? '' : ' or @eventstore/db-client (6.x)'
    }`,
  );
};

/**
 * PostgreSQL at a connection string; a `schema` query parameter names the schema (default
 * `diplomatic_ledger`) and is not passed on to the server.
 */
const openPostgres = async (spec: string, readOnly: boolean): Promise<OpenedStore> => {
  let connectionString = spec;
  let schema: string | undefined;
  try {
    const url = new URL(spec);
    schema = url.searchParams.get('schema') ?? undefined;
    if (schema !== undefined) {
      url.searchParams.delete('schema');
      connectionString = url.toString();
    }
  } catch {
    // Not a URL as WHATWG reads it (a socket path as host, say): the driver parses it.
  }
  const store = await openPostgresEventStore(connectionString, {
    readOnly,
    ...(schema === undefined ? {} : { schema }),
  });
  return { store, close: () => store.close() };
};

/**
 * Opens a store by name:
 * - `memory`: a new in-memory store;
 * - `sqlite:PATH`: the embedded store in that file (created if missing, unless `readOnly`);
 * - `postgres://…`, `postgresql://…`: PostgreSQL at that connection string, in the schema its
 *   `schema` parameter names (default `diplomatic_ledger`; created if missing, unless
 *   `readOnly`), e.g. `postgres://ledger@db.example/records?schema=ledger`;
 * - `esdb://…`, `esdb+discover://…`, `kurrentdb://…`, `kurrentdb+discover://…`: EventStoreDB or
 *   KurrentDB at that connection string (e.g. `esdb://localhost:2113?tls=false`).
 */
export const openEventStore = async (
  spec: string,
  options: OpenEventStoreOptions = {},
): Promise<OpenedStore> => {
  const readOnly = options.readOnly === true;
  if (spec === 'memory') {
    const store = createInMemoryEventStore();
    return {
      store: readOnly ? refusingWrites(store, 'memory') : store,
      close: async () => undefined,
    };
  }
  if (/^(esdb|kurrentdb|kdb)(\+discover)?:\/\//.test(spec)) {
    const opened = await openEventStoreDB(spec);
    return readOnly ? { ...opened, store: refusingWrites(opened.store, serverName(spec)) } : opened;
  }
  if (/^postgres(ql)?:\/\//.test(spec)) return openPostgres(spec, readOnly);
  if (spec.startsWith('sqlite:')) {
    const path = sqlitePathOf(spec);
    if (path === undefined) throw new Error('sqlite: needs a file path, as in sqlite:ledger.db');
    const store = openSqliteEventStore(path, { readOnly });
    return { store, close: () => store.close() };
  }
  throw new Error(
    `unknown store "${spec}": use "memory", "sqlite:PATH", a PostgreSQL connection string such as postgres://user@localhost/ledger, or an EventStoreDB connection string such as esdb://localhost:2113?tls=false`,
  );
};
