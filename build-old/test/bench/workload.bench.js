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
 * One workload, measured through the library and beside it a floor written with no library:
 * 2,000 MoUs taken through nine commands each (read, fold, decide, append with the expected
 * revision, through `handleCommand`), then replayed (every stream through `loadState`, and the
 * global order decoded and folded into a map), in memory and on the embedded SQLite store; then
 * `verifyAll` over the SQLite history, and 1,000,000 events through the audit trail in a process
 * of its own, where the peak RSS is what counts.
 *
 * Library and floor alternate, round after round, after a warm-up; each figure is the median of
 * the rounds with its min–max and its ratio to the floor. The table ends the output, and the same
 * figures go to `bench-results.json` in the working directory.
 *
 * Environment: BENCH_ROUNDS (default 5), BENCH_AUDIT_STREAMS (default 100,000 streams of ten
 * events), BENCH_AUDIT_ROUNDS (default 5).
 */
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_perf_hooks_1 = require("node:perf_hooks");
const E = __importStar(require("fp-ts/Either"));
const verify_1 = require("../../src/audit/verify");
const mou_1 = require("../../src/domain/mou");
const command_handler_1 = require("../../src/kernel/command-handler");
const state_cache_1 = require("../../src/kernel/state-cache");
const checkpoint_1 = require("../../src/projections/checkpoint");
const in_memory_event_store_1 = require("../../src/store/in-memory-event-store");
const sqlite_event_store_1 = require("../../src/store/sqlite-event-store");
const audit_history_1 = require("./support/audit-history");
const floors_1 = require("./support/floors");
const report_1 = require("./support/report");
const workload_1 = require("./support/workload");
const envInt = (name, fallback) => {
    const value = Number(process.env[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
};
const ROUNDS = envInt('BENCH_ROUNDS', 5);
const AUDIT_STREAMS = envInt('BENCH_AUDIT_STREAMS', 100_000);
const AUDIT_ROUNDS = envInt('BENCH_AUDIT_ROUNDS', 5);
const AUDIT_LIMIT_MB = 200;
const time = async (step) => {
    const started = node_perf_hooks_1.performance.now();
    await step();
    return node_perf_hooks_1.performance.now() - started;
};
// ------------------------------------------------------------------ checks
/** Every MoU must end in force with its extended term, or the run did not do the work. */
const checkLibraryStates = (states) => {
    if (states.size !== workload_1.MOUS)
        throw new Error(`${states.size} MoUs replayed, not ${workload_1.MOUS}`);
    for (const [id, state] of states)
        if (state.status !== 'inForce' || state.expiresOn !== '2035-06-30')
            throw new Error(`${id} replayed to ${state.status}`);
};
const checkPlainStates = (states) => {
    if (states.size !== workload_1.MOUS)
        throw new Error(`${states.size} MoUs replayed by the floor`);
    for (const [id, state] of states)
        if (state?.status !== 'inForce' || state.expiresOn !== '2035-06-30')
            throw new Error(`${id} replayed by the floor to ${state?.status ?? 'nothing'}`);
};
// ---------------------------------------------------------------- library
const libraryCommands = async (store, work) => {
    const cache = (0, state_cache_1.createStateCache)();
    for (const { command, context } of work) {
        const result = await (0, command_handler_1.handleCommand)(store, mou_1.MoU, command, context, { cache });
        if (E.isLeft(result))
            throw new Error(result.left.message);
    }
};
/** Every MoU from its stream, then the global order decoded and folded into a map. */
const libraryReplay = async (store) => {
    let events = 0;
    for (let n = 0; n < workload_1.MOUS; n++) {
        const loaded = await (0, command_handler_1.loadState)(store, mou_1.MoU, (0, workload_1.mouIdOf)(n));
        if (E.isLeft(loaded))
            throw new Error(loaded.left.message);
        if (loaded.right.state.status === 'unproposed')
            throw new Error(`MoU ${n} replayed to nothing`);
        events += Number(loaded.right.revision ?? -1n) + 1;
    }
    const states = new Map();
    for await (const stored of store.readAll()) {
        const decoded = checkpoint_1.libraryEvents.decode(stored);
        if (E.isLeft(decoded))
            throw new Error(decoded.left.message);
        const { event } = decoded.right;
        if (!mou_1.MoU.events.owns(event))
            continue;
        states.set(stored.streamId, (0, mou_1.evolveMoU)(states.get(stored.streamId) ?? mou_1.initialMoUState, event));
        events++;
    }
    checkLibraryStates(states);
    return events;
};
const emptySamples = () => ({
    memoryCommands: [],
    memoryReplay: [],
    sqliteCommands: [],
    sqliteReplay: [],
    sqliteVerify: [],
});
const libraryRound = async (directory, round, work, into) => {
    const memory = (0, in_memory_event_store_1.createInMemoryEventStore)();
    into.memoryCommands.push(await time(() => libraryCommands(memory, work)));
    let replayed = 0;
    into.memoryReplay.push(await time(async () => {
        replayed = await libraryReplay(memory);
    }));
    if (replayed !== 2 * workload_1.COMMANDS)
        throw new Error(`replayed ${replayed} events in memory`);
    const sqliteFile = (0, node_path_1.join)(directory, `library-${round}.db`);
    const writer = (0, sqlite_event_store_1.openSqliteEventStore)(sqliteFile);
    try {
        into.sqliteCommands.push(await time(() => libraryCommands(writer, work)));
    }
    finally {
        await writer.close();
    }
    const reader = (0, sqlite_event_store_1.openSqliteEventStore)(sqliteFile);
    try {
        into.sqliteReplay.push(await time(async () => {
            replayed = await libraryReplay(reader);
        }));
        if (replayed !== 2 * workload_1.COMMANDS)
            throw new Error(`replayed ${replayed} events from SQLite`);
        let intact = false;
        into.sqliteVerify.push(await time(async () => {
            const report = await (0, verify_1.verifyAll)(reader);
            intact = report.intact && report.eventsChecked === workload_1.COMMANDS;
        }));
        if (!intact)
            throw new Error('verifyAll did not find the history intact');
    }
    finally {
        await reader.close();
    }
    // The same stored text, copied out of the timed part, for the in-memory floor's replay.
    const copy = { streams: new Map(), all: [] };
    for await (const stored of memory.readAll()) {
        const record = {
            streamId: stored.streamId,
            eventId: stored.eventId,
            type: stored.type,
            data: stored.data,
            metadata: stored.metadata,
        };
        const stream = copy.streams.get(stored.streamId) ?? [];
        stream.push(record);
        copy.streams.set(stored.streamId, stream);
        copy.all.push(record);
    }
    return { memory: copy, sqliteFile };
};
const floorRound = async (directory, round, work, written, into) => {
    into.memoryCommands.push(await time(() => (0, floors_1.floorMemoryCommands)(work)));
    into.memoryReplay.push(await time(() => {
        const result = (0, floors_1.floorMemoryReplay)(written.memory);
        if (result.byStream + result.inOrder !== 2 * workload_1.COMMANDS)
            throw new Error('the floor replayed the wrong number of events');
        checkPlainStates(result.states);
    }));
    const file = (0, node_path_1.join)(directory, `floor-${round}.db`);
    into.sqliteCommands.push(await time(() => (0, floors_1.floorSqliteCommands)(file, work)));
    into.sqliteReplay.push(await time(() => {
        const result = (0, floors_1.floorSqliteReplay)(written.sqliteFile);
        if (result.byStream + result.inOrder !== 2 * workload_1.COMMANDS)
            throw new Error('the floor replayed the wrong number of events from SQLite');
        checkPlainStates(result.states);
    }));
    into.sqliteVerify.push(await time(() => {
        if ((0, floors_1.floorSqliteVerify)(written.sqliteFile) !== workload_1.COMMANDS)
            throw new Error('the floor verified the wrong number of events');
    }));
};
const removeDb = (file) => {
    for (const suffix of ['', '-wal', '-shm'])
        (0, node_fs_1.rmSync)(`${file}${suffix}`, { force: true });
};
// ------------------------------------------------------------------ audit
const auditInChild = (mode, file) => {
    const run = (0, node_child_process_1.spawnSync)(process.execPath, [...process.execArgv, __filename, mode, file], {
        encoding: 'utf8',
    });
    if (run.status !== 0)
        throw new Error(`the ${mode} run failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
};
// ------------------------------------------------------------------- main
const log = (text) => {
    console.log(`[${(node_perf_hooks_1.performance.now() / 1000).toFixed(0).padStart(4)} s] ${text}`);
};
const main = async () => {
    const directory = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'ledger-workload-bench-'));
    try {
        const work = (0, workload_1.buildWorkload)();
        log(`${workload_1.MOUS} MoUs × 9 = ${workload_1.COMMANDS} commands; ${ROUNDS} alternating rounds after a warm-up`);
        const warm = emptySamples();
        const warmWritten = await libraryRound(directory, 'warm', work, warm);
        await floorRound(directory, 'warm', work, warmWritten, emptySamples());
        removeDb(warmWritten.sqliteFile);
        removeDb((0, node_path_1.join)(directory, 'floor-warm.db'));
        log('warm-up done');
        const library = emptySamples();
        const floor = emptySamples();
        for (let round = 0; round < ROUNDS; round++) {
            // The library's round writes what the floor's replays, so within a round it goes first.
            const name = String(round);
            const written = await libraryRound(directory, name, work, library);
            await floorRound(directory, name, work, written, floor);
            removeDb(written.sqliteFile);
            removeDb((0, node_path_1.join)(directory, `floor-${name}.db`));
            log(`round ${round + 1}: memory commands ${library.memoryCommands.at(-1)?.toFixed(0)} / ${floor.memoryCommands.at(-1)?.toFixed(0)} ms, SQLite commands ${library.sqliteCommands.at(-1)?.toFixed(0)} / ${floor.sqliteCommands.at(-1)?.toFixed(0)} ms`);
        }
        const auditFile = (0, node_path_1.join)(directory, 'audit.db');
        const auditEvents = AUDIT_STREAMS * audit_history_1.EVENTS_PER_STREAM;
        const writing = node_perf_hooks_1.performance.now();
        await (0, audit_history_1.writeAuditHistory)(auditFile, AUDIT_STREAMS);
        log(`audit history: ${auditEvents.toLocaleString('en')} events in ${AUDIT_STREAMS.toLocaleString('en')} streams, ${((0, node_fs_1.statSync)(auditFile).size /
            1024 /
            1024).toFixed(0)} MB, written in ${((node_perf_hooks_1.performance.now() - writing) / 1000).toFixed(0)} s`);
        const auditLibrary = [];
        const auditFloorRuns = [];
        for (let round = 0; round < AUDIT_ROUNDS; round++) {
            const pair = round % 2 === 0
                ? [auditInChild('audit', auditFile), auditInChild('audit-floor', auditFile)]
                : [auditInChild('audit-floor', auditFile), auditInChild('audit', auditFile)].reverse();
            const [lib, raw] = pair;
            if (lib === undefined || raw === undefined)
                throw new Error('an audit run is missing');
            if (lib.events !== auditEvents || lib.intact !== auditEvents)
                throw new Error(`the audit saw ${lib.events} events, ${lib.intact} intact`);
            auditLibrary.push(lib);
            auditFloorRuns.push(raw);
            log(`audit round ${round + 1}: ${lib.ms.toFixed(0)} ms, peak RSS ${lib.maxRssMb.toFixed(0)} MB (floor ${raw.ms.toFixed(0)} ms, ${raw.maxRssMb.toFixed(0)} MB)`);
        }
        const figures = [
            (0, report_1.rateFigure)('memory: commands', 'commands/s', workload_1.COMMANDS, library.memoryCommands, floor.memoryCommands, 0.3),
            (0, report_1.rateFigure)('memory: replay', 'events/s', 2 * workload_1.COMMANDS, library.memoryReplay, floor.memoryReplay, 0.4),
            (0, report_1.rateFigure)('SQLite: commands', 'commands/s', workload_1.COMMANDS, library.sqliteCommands, floor.sqliteCommands, 0.8),
            (0, report_1.rateFigure)('SQLite: replay', 'events/s', 2 * workload_1.COMMANDS, library.sqliteReplay, floor.sqliteReplay, 0.5),
            (0, report_1.rateFigure)('SQLite: verifyAll', 'events/s', workload_1.COMMANDS, library.sqliteVerify, floor.sqliteVerify),
            (0, report_1.rateFigure)('audit trail, 1M events', 'events/s', auditEvents, auditLibrary.map((r) => r.ms), auditFloorRuns.map((r) => r.ms)),
            (0, report_1.memoryFigure)('audit trail, 1M events', auditLibrary.map((r) => r.maxRssMb), auditFloorRuns.map((r) => r.maxRssMb), AUDIT_LIMIT_MB),
        ];
        const seconds = node_perf_hooks_1.performance.now() / 1000;
        const results = {
            recordedAt: new Date().toISOString(),
            machine: (0, report_1.machine)(),
            workload: {
                mous: workload_1.MOUS,
                commands: workload_1.COMMANDS,
                rounds: ROUNDS,
                auditEvents,
                auditRounds: AUDIT_ROUNDS,
            },
            durationSeconds: Math.round(seconds),
            figures,
        };
        const out = (0, node_path_1.resolve)('bench-results.json');
        (0, node_fs_1.writeFileSync)(out, `${JSON.stringify(results, null, 2)}\n`);
        console.log(`\nmedians of ${ROUNDS} alternating rounds (audit: ${AUDIT_ROUNDS}), ratio = library / floor (memory: floor / library); ${seconds.toFixed(0)} s in all`);
        console.log((0, report_1.formatTable)(figures));
        console.log(`figures written to ${out}`);
        if (figures.some((f) => f.holds === false))
            console.log('a target was missed (see the table)');
    }
    finally {
        (0, node_fs_1.rmSync)(directory, { recursive: true, force: true });
    }
};
const [mode, file] = process.argv.slice(2);
const run = async () => {
    if (mode === 'audit' && file !== undefined)
        process.stdout.write(JSON.stringify(await (0, audit_history_1.auditReplay)(file)));
    else if (mode === 'audit-floor' && file !== undefined)
        process.stdout.write(JSON.stringify((0, audit_history_1.auditFloor)(file)));
    else
        await main();
};
run().catch((error) => {
    console.error(error);
    process.exitCode = 1;
});
