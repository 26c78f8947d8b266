"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Appending 100,000 integrity-sealed events (batches of 100 over 100 streams) to the SQLite store
 * and replaying them, side by side with raw `better-sqlite3` writing and reading the same rows
 * (same pragmas, one table with a unique (stream, revision), one transaction per batch). The two
 * alternate, round after round, after a warm-up; medians of five rounds are printed as ratios.
 * The replay through `verifyAll` runs in a process of its own, so its peak RSS is the replay's.
 */
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_perf_hooks_1 = require("node:perf_hooks");
const E = __importStar(require("fp-ts/Either"));
const uuid_1 = require("uuid");
const verify_1 = require("../../src/audit/verify");
const recorded_event_1 = require("../../src/kernel/recorded-event");
const sqlite_event_store_1 = require("../../src/store/sqlite-event-store");
const sqlite_tally_1 = require("../support/sqlite-tally");
const floors_1 = require("./support/floors");
const EVENTS = 100_000;
const BATCH = 100;
const STREAMS = 100;
const ROUNDS = 5;
const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
/** Every batch, sealed once into real integrity chains (one per stream). */
const sealBatches = () => {
    const previous = new Map();
    const batches = [];
    for (let b = 0; b < EVENTS / BATCH; b++) {
        const streamId = `Tally-bench-${b % STREAMS}`;
        const at = previous.get(streamId) ?? { hash: null, revision: -1n };
        let hash = at.hash;
        const events = [];
        for (let index = 0; index < BATCH; index++) {
            const encoded = (0, recorded_event_1.encodeEvent)(sqlite_tally_1.Tally.events, {
                type: 'TallyCounted',
                occurredOn: '2025-09-10',
                data: { tallyId: `bench-${b % STREAMS}`, batchId: `b${b}`, index, of: BATCH },
            }, {
                streamId,
                eventId: (0, uuid_1.v4)(),
                previousHash: hash,
                metadata: {
                    actor: 'registrar@mofa.example',
                    onBehalfOf: 'PK',
                    reason: 'benchmark',
                    source: { kind: 'newsReport', reference: 'bench' },
                    correlationId: (0, uuid_1.v4)(),
                    causationId: (0, uuid_1.v4)(),
                },
            });
            if (E.isLeft(encoded))
                throw new Error(encoded.left.message);
            const { integrity, ...event } = encoded.right;
            events.push(event);
            hash = integrity.hash;
        }
        batches.push({ streamId, after: at.revision, events });
        previous.set(streamId, { hash, revision: at.revision + BigInt(BATCH) });
    }
    return batches;
};
const throughStore = async (directory, batches) => {
    const file = (0, node_path_1.join)(directory, `store-${(0, uuid_1.v4)()}.db`);
    const store = (0, sqlite_event_store_1.openSqliteEventStore)(file);
    try {
        const started = node_perf_hooks_1.performance.now();
        for (const batch of batches)
            await store.appendToStream(batch.streamId, batch.events, {
                expectedRevision: batch.after < 0n ? 'no_stream' : batch.after,
            });
        const appended = node_perf_hooks_1.performance.now();
        let read = 0;
        for await (const event of store.readAll())
            if (event.data.length > 0)
                read++;
        if (read !== EVENTS)
            throw new Error(`read ${read} events through the store`);
        return { appendMs: appended - started, readMs: node_perf_hooks_1.performance.now() - appended };
    }
    finally {
        await store.close();
        (0, node_fs_1.rmSync)(file, { force: true });
    }
};
const throughRaw = (directory, batches) => {
    const file = (0, node_path_1.join)(directory, `raw-${(0, uuid_1.v4)()}.db`);
    const db = (0, floors_1.openRawFloor)(file);
    try {
        const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
        const appendBatch = db.transaction((batch) => {
            const recordedAt = Date.now();
            let revision = batch.after;
            for (const event of batch.events) {
                revision += 1n;
                insert.run(batch.streamId, revision, event.eventId, event.type, event.data, event.metadata, recordedAt);
            }
        });
        const started = node_perf_hooks_1.performance.now();
        for (const batch of batches)
            appendBatch.immediate(batch);
        const appended = node_perf_hooks_1.performance.now();
        let read = 0;
        const rows = db.prepare('SELECT * FROM events ORDER BY position').iterate();
        for (const row of rows)
            if (row.data.length > 0)
                read++;
        if (read !== EVENTS)
            throw new Error(`read ${read} rows raw`);
        return { appendMs: appended - started, readMs: node_perf_hooks_1.performance.now() - appended };
    }
    finally {
        db.close();
        (0, node_fs_1.rmSync)(file, { force: true });
    }
};
/** In a process of its own: open the file and replay it through `verifyAll`. */
const replay = async (file) => {
    const mb = (bytes) => bytes / 1024 / 1024;
    const store = (0, sqlite_event_store_1.openSqliteEventStore)(file);
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const started = node_perf_hooks_1.performance.now();
    const report = await (0, verify_1.verifyAll)(store, {
        progressEvery: 1000,
        onProgress: () => {
            peak = Math.max(peak, process.memoryUsage().rss);
        },
    });
    const ms = node_perf_hooks_1.performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);
    await store.close();
    const figures = {
        ms,
        eventsChecked: report.eventsChecked,
        intact: report.intact,
        rssBeforeMb: mb(rssBefore),
        peakRssMb: mb(peak),
    };
    process.stdout.write(JSON.stringify(figures));
};
/**
 * The replay's JavaScript heap is capped well below the size of the history, so a replay that
 * held the history in memory would fail instead of printing figures.
 */
const REPLAY_HEAP_MB = 48;
const replayInChild = (file) => {
    const run = (0, node_child_process_1.spawnSync)(process.execPath, [...process.execArgv, `--max-old-space-size=${REPLAY_HEAP_MB}`, __filename, 'replay', file], { encoding: 'utf8' });
    if (run.status !== 0)
        throw new Error(`the replay failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
};
const main = async () => {
    const directory = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'ledger-sqlite-bench-'));
    try {
        const sealing = node_perf_hooks_1.performance.now();
        const batches = sealBatches();
        console.log(`${EVENTS} sealed events (${EVENTS / BATCH} batches of ${BATCH}, ${STREAMS} streams) ready in ${(node_perf_hooks_1.performance.now() - sealing).toFixed(0)} ms`);
        await throughStore(directory, batches);
        throughRaw(directory, batches);
        const store = [];
        const raw = [];
        for (let round = 0; round < ROUNDS; round++) {
            // Alternate which goes first, so neither always meets a warmer process or a cooler disk.
            if (round % 2 === 0) {
                raw.push(throughRaw(directory, batches));
                store.push(await throughStore(directory, batches));
            }
            else {
                store.push(await throughStore(directory, batches));
                raw.push(throughRaw(directory, batches));
            }
        }
        // The replay: one file written once, verified in a fresh process (warm-up, then rounds).
        const file = (0, node_path_1.join)(directory, 'replay.db');
        const writer = (0, sqlite_event_store_1.openSqliteEventStore)(file);
        for (const batch of batches)
            await writer.appendToStream(batch.streamId, batch.events, {
                expectedRevision: batch.after < 0n ? 'no_stream' : batch.after,
            });
        await writer.close();
        const fileMb = (0, node_fs_1.statSync)(file).size / 1024 / 1024;
        replayInChild(file);
        const replays = Array.from({ length: ROUNDS }, () => replayInChild(file));
        if (!replays.every((r) => r.intact && r.eventsChecked === EVENTS))
            throw new Error(`a replay was not intact: ${JSON.stringify(replays)}`);
        const ms = (n) => `${n.toFixed(0)} ms`;
        const perSecond = (n) => `${Math.round(EVENTS / (n / 1000)).toLocaleString('en')}/s`;
        const storeAppend = median(store.map((t) => t.appendMs));
        const rawAppend = median(raw.map((t) => t.appendMs));
        const storeRead = median(store.map((t) => t.readMs));
        const rawRead = median(raw.map((t) => t.readMs));
        const verify = median(replays.map((r) => r.ms));
        console.log(`median of ${ROUNDS} alternating rounds after a warm-up:`);
        console.log(`  append   store ${ms(storeAppend)} (${perSecond(storeAppend)})   raw ${ms(rawAppend)} (${perSecond(rawAppend)})   store / raw ${(storeAppend / rawAppend).toFixed(2)}`);
        console.log(`  readAll  store ${ms(storeRead)} (${perSecond(storeRead)})   raw ${ms(rawRead)} (${perSecond(rawRead)})   store / raw ${(storeRead / rawRead).toFixed(2)}`);
        console.log(`  verifyAll over the store ${ms(verify)} (${perSecond(verify)})   / raw read ${(verify / rawRead).toFixed(2)}`);
        console.log(`  replay peak RSS ${median(replays.map((r) => r.peakRssMb)).toFixed(0)} MB (${median(replays.map((r) => r.rssBeforeMb)).toFixed(0)} MB before it), for a ${fileMb.toFixed(0)} MB file, heap capped at ${REPLAY_HEAP_MB} MB`);
    }
    finally {
        (0, node_fs_1.rmSync)(directory, { recursive: true, force: true });
    }
};
const [mode, file] = process.argv.slice(2);
(mode === 'replay' && file !== undefined ? replay(file) : main()).catch((error) => {
    console.error(error);
    process.exitCode = 1;
});
