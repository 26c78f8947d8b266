"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.openEventStore = exports.defaultStoreSpec = exports.DEFAULT_STORE_FILE = void 0;
const node_path_1 = require("node:path");
const eventstoredb_event_store_1 = require("./eventstoredb-event-store");
const in_memory_event_store_1 = require("./in-memory-event-store");
const sqlite_event_store_1 = require("./sqlite-event-store");
/** The file of the embedded store when none is named, in the working directory. */
exports.DEFAULT_STORE_FILE = 'diplomatic-ledger.db';
/** The store used when none is named: the embedded store in `diplomatic-ledger.db` in `cwd`. */
const defaultStoreSpec = (cwd = process.cwd()) => `sqlite:${(0, node_path_1.resolve)(cwd, exports.DEFAULT_STORE_FILE)}`;
exports.defaultStoreSpec = defaultStoreSpec;
const isModuleMissing = (error) => error instanceof Error && error.code === 'MODULE_NOT_FOUND';
/** EventStoreDB through whichever client is installed: `@eventstore/db-client` first. */
const openEventStoreDB = async (connectionString) => {
    const kurrent = connectionString.startsWith('kurrentdb://') || connectionString.startsWith('kdb://');
    if (!kurrent) {
        try {
            // A plain require: the client is an optional peer, loaded only when asked for, and a
            // dynamic import() would not run under CommonJS test runners.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { EventStoreDBClient } = require('@eventstore/db-client');
            const client = EventStoreDBClient.connectionString(connectionString);
            return { store: (0, eventstoredb_event_store_1.createEventStoreDBEventStore)(client), close: () => client.dispose() };
        }
        catch (error) {
            if (!isModuleMissing(error))
                throw error;
        }
    }
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { KurrentDBClient } = require('@kurrent/kurrentdb-client');
        const client = KurrentDBClient.connectionString(connectionString);
        return { store: (0, eventstoredb_event_store_1.createEventStoreDBEventStore)(client), close: () => client.dispose() };
    }
    catch (error) {
        if (!isModuleMissing(error))
            throw error;
        throw new Error(`to open ${connectionString}, install @eventstore/db-client (6.x) or @kurrent/kurrentdb-client (1.x)`, { cause: error });
    }
};
/**
 * Opens a store by name:
 * - `memory`: a new in-memory store;
 * - `sqlite:PATH`: the embedded store in that file (created if missing);
 * - `esdb://…`, `esdb+discover://…`, `kurrentdb://…`, `kurrentdb+discover://…`: EventStoreDB or
 *   KurrentDB at that connection string (e.g. `esdb://localhost:2113?tls=false`).
 */
const openEventStore = async (spec) => {
    if (spec === 'memory')
        return { store: (0, in_memory_event_store_1.createInMemoryEventStore)(), close: async () => undefined };
    if (/^(esdb|kurrentdb|kdb)(\+discover)?:\/\//.test(spec))
        return openEventStoreDB(spec);
    if (spec.startsWith('sqlite:')) {
        const path = spec.slice('sqlite:'.length);
        if (path.length === 0)
            throw new Error('sqlite: needs a file path, as in sqlite:ledger.db');
        const store = (0, sqlite_event_store_1.openSqliteEventStore)(path);
        return { store, close: () => store.close() };
    }
    throw new Error(`unknown store "${spec}": use "memory", "sqlite:PATH" or an EventStoreDB connection string such as esdb://localhost:2113?tls=false`);
};
exports.openEventStore = openEventStore;
