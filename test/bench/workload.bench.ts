/**
 * One workload, measured through the library and beside it a floor written with no library:
 * 2,000 MoUs taken through nine commands each (read, fold, decide, append with the expected
 * revision, through `handleCommand` with a state cache; in memory also without one), then
 * replayed (every stream through `loadState`, and the global order decoded and folded into a
 * map), in memory and on the embedded SQLite store; then `verifyAll` over the SQLite history,
 * and 1,000,000 events through the audit trail in a process of its own, where the peak RSS is
 * what counts.
 *
 * Commands run side by side: the library and the floor each take a slice of 250 commands in
 * turn, keeping their own stores, so a busy spell of a shared machine falls on both alike.
 * Replays and verification alternate within each round. Each figure is the median of the rounds,
 * after a warm-up round, with its min–max, and its ratio is the median of the rounds' own
 * ratios. The table ends the output, and the same figures go to `bench-results.json` in the
 * working directory.
 *
 * Environment: BENCH_ROUNDS (default 5), BENCH_AUDIT_STREAMS (default 100,000 streams of ten
 * events), BENCH_AUDIT_ROUNDS (default 5).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/Either';
import { verifyAll } from '../../src/audit/verify';
import { MoU, evolveMoU, initialMoUState, type MoUState } from '../../src/domain/mou';
import { handleCommand, loadState } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { createStateCache, type StateCache } from '../../src/kernel/state-cache';
import { libraryEvents } from '../../src/projections/checkpoint';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import {
  EVENTS_PER_STREAM,
  auditFloor,
  auditReplay,
  writeAuditHistory,
  type AuditFigures,
} from './support/audit-history';
import {
  floorMemoryCommander,
  floorMemoryReplay,
  floorSqliteCommander,
  floorSqliteReplay,
  floorSqliteVerify,
  type PlainMemoryStore,
} from './support/floors';
import type { PlainMoU, PlainRecord } from './support/plain-mou';
import {
  formatTable,
  machine,
  memoryFigure,
  rateFigure,
  summarise,
  type Figure,
} from './support/report';
import {
  COMMANDS,
  MOUS,
  mouIdOf,
  buildWorkload,
  recordingIn2040,
  type WorkItem,
} from './support/workload';
import { envInt } from './support/env';
import { sideBySide, type Way as SliceWay } from './support/side-by-side';

const ROUNDS = envInt('BENCH_ROUNDS', 5);
const AUDIT_STREAMS = envInt('BENCH_AUDIT_STREAMS', 100_000);
const AUDIT_ROUNDS = envInt('BENCH_AUDIT_ROUNDS', 5);
const AUDIT_LIMIT_MB = 200;

const time = async (step: () => unknown): Promise<number> => {
  const started = performance.now();
  await step();
  return performance.now() - started;
};

// ------------------------------------------------------------------ checks

/** Every MoU must end in force with its extended term, or the run did not do the work. */
const checkLibraryStates = (states: ReadonlyMap<string, MoUState>): void => {
  if (states.size !== MOUS) throw new Error(`${states.size} MoUs replayed, not ${MOUS}`);
  for (const [id, state] of states)
    if (state.status !== 'inForce' || state.expiresOn !== '2035-06-30')
      throw new Error(`${id} replayed to ${state.status}`);
};

const checkPlainStates = (states: ReadonlyMap<string, PlainMoU | undefined>): void => {
  if (states.size !== MOUS) throw new Error(`${states.size} MoUs replayed by the floor`);
  for (const [id, state] of states)
    if (state?.status !== 'inForce' || state.expiresOn !== '2035-06-30')
      throw new Error(`${id} replayed by the floor to ${state?.status ?? 'nothing'}`);
};

// ---------------------------------------------------------------- library

/** Every command through `handleCommand`, with a state cache as a service would keep, or without. */
const libraryCommands = async (
  store: EventStore,
  work: readonly WorkItem[],
  cache: StateCache | undefined,
): Promise<void> => {
  for (const { command, context } of work) {
    const result = await handleCommand(store, MoU, command, context, { cache });
    if (E.isLeft(result)) throw new Error(result.left.message);
  }
};

/** Every MoU from its stream, then the global order decoded and folded into a map. */
const libraryReplay = async (store: EventStore): Promise<number> => {
  let events = 0;
  for (let n = 0; n < MOUS; n++) {
    const loaded = await loadState(store, MoU, mouIdOf(n));
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    if (loaded.right.state.status === 'unproposed') throw new Error(`MoU ${n} replayed to nothing`);
    events += Number(loaded.right.revision ?? -1n) + 1;
  }
  const states = new Map<string, MoUState>();
  for await (const stored of store.readAll()) {
    const decoded = libraryEvents.decode(stored);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    const { event } = decoded.right;
    if (!MoU.events.owns(event)) continue;
    states.set(stored.streamId, evolveMoU(states.get(stored.streamId) ?? initialMoUState, event));
    events++;
  }
  checkLibraryStates(states);
  return events;
};

// ------------------------------------------------------------------ rounds

interface Samples {
  memoryCommands: number[];
  /** The same commands without a state cache: every command reads its whole stream. */
  memoryCommandsUncached: number[];
  memoryReplay: number[];
  sqliteCommands: number[];
  /** Of `sqliteCommands`, the time spent inside the store's `appendToStream` (library only). */
  sqliteAppend: number[];
  sqliteReplay: number[];
  sqliteVerify: number[];
}

const emptySamples = (): Samples => ({
  memoryCommands: [],
  memoryCommandsUncached: [],
  memoryReplay: [],
  sqliteCommands: [],
  sqliteAppend: [],
  sqliteReplay: [],
  sqliteVerify: [],
});

/** What the library's round leaves for the floor's, so both replay the very same stored text. */
interface Written {
  readonly memory: PlainMemoryStore;
  readonly sqliteFile: string;
}

type Way = SliceWay<WorkItem>;

const libraryWay =
  (store: EventStore): Way =>
  async (items) => {
    await libraryCommands(store, items, cacheFor(store));
  };

const caches = new WeakMap<EventStore, StateCache>();
const cacheFor = (store: EventStore): StateCache => {
  const cache = caches.get(store) ?? createStateCache();
  caches.set(store, cache);
  return cache;
};

const round = async (
  directory: string,
  name: string,
  work: readonly WorkItem[],
  library: Samples,
  floor: Samples,
): Promise<void> => {
  // Commands in memory: the library with its cache and the floor, side by side; then, on its
  // own (its garbage would otherwise be collected in the others' turns), without the cache.
  const memory = createInMemoryEventStore({ now: recordingIn2040 });
  const [cached, plain] = await sideBySide(work, [libraryWay(memory), floorMemoryCommander().run]);
  library.memoryCommands.push(cached ?? Number.NaN);
  floor.memoryCommands.push(plain ?? Number.NaN);
  library.memoryCommandsUncached.push(
    await time(() =>
      libraryCommands(createInMemoryEventStore({ now: recordingIn2040 }), work, undefined),
    ),
  );

  // The same stored text, copied out of the timed part, for the in-memory floor's replay.
  const copy: PlainMemoryStore = { streams: new Map(), all: [] };
  for await (const stored of memory.readAll()) {
    const record: PlainRecord = {
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
  let replayed = 0;
  library.memoryReplay.push(
    await time(async () => {
      replayed = await libraryReplay(memory);
    }),
  );
  if (replayed !== 2 * COMMANDS) throw new Error(`replayed ${replayed} events in memory`);
  floor.memoryReplay.push(
    await time(() => {
      const result = floorMemoryReplay(copy);
      if (result.byStream + result.inOrder !== 2 * COMMANDS)
        throw new Error('the floor replayed the wrong number of events');
      checkPlainStates(result.states);
    }),
  );

  // Commands on SQLite, side by side; the store's own share of each command is timed too, to
  // set beside the floor's whole command.
  const sqliteFile = join(directory, `library-${name}.db`);
  const floorFile = join(directory, `floor-${name}.db`);
  const writer = openSqliteEventStore(sqliteFile, { now: recordingIn2040 });
  const floorWriter = floorSqliteCommander(floorFile);
  try {
    let appending = 0;
    const timed: EventStore = {
      ...writer,
      appendToStream: async (...args) => {
        const started = performance.now();
        try {
          return await writer.appendToStream(...args);
        } finally {
          appending += performance.now() - started;
        }
      },
    };
    const [lib, raw] = await sideBySide(work, [libraryWay(timed), floorWriter.run]);
    library.sqliteCommands.push(lib ?? Number.NaN);
    library.sqliteAppend.push(appending);
    floor.sqliteCommands.push(raw ?? Number.NaN);
  } finally {
    await writer.close();
    floorWriter.close();
  }
  removeDb(floorFile);

  const written: Written = { memory: copy, sqliteFile };
  const reader = openSqliteEventStore(written.sqliteFile);
  try {
    library.sqliteReplay.push(
      await time(async () => {
        replayed = await libraryReplay(reader);
      }),
    );
    if (replayed !== 2 * COMMANDS) throw new Error(`replayed ${replayed} events from SQLite`);
    floor.sqliteReplay.push(
      await time(() => {
        const result = floorSqliteReplay(written.sqliteFile);
        if (result.byStream + result.inOrder !== 2 * COMMANDS)
          throw new Error('the floor replayed the wrong number of events from SQLite');
        checkPlainStates(result.states);
      }),
    );
    let intact = false;
    library.sqliteVerify.push(
      await time(async () => {
        const report = await verifyAll(reader);
        intact = report.intact && report.eventsChecked === COMMANDS;
      }),
    );
    if (!intact) throw new Error('verifyAll did not find the history intact');
    floor.sqliteVerify.push(
      await time(() => {
        if (floorSqliteVerify(written.sqliteFile) !== COMMANDS)
          throw new Error('the floor verified the wrong number of events');
      }),
    );
  } finally {
    await reader.close();
  }
  removeDb(sqliteFile);
};

const removeDb = (file: string): void => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
};

// ------------------------------------------------------------------ audit

const auditInChild = (mode: 'audit' | 'audit-floor', file: string): AuditFigures => {
  const run = spawnSync(process.execPath, [...process.execArgv, __filename, mode, file], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`the ${mode} run failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as AuditFigures;
};

// ------------------------------------------------------------------- main

const log = (text: string): void => {
  console.log(`[${(performance.now() / 1000).toFixed(0).padStart(4)} s] ${text}`);
};

const main = async (): Promise<void> => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-workload-bench-'));
  try {
    const work = buildWorkload();
    log(`${MOUS} MoUs × 9 = ${COMMANDS} commands; ${ROUNDS} alternating rounds after a warm-up`);

    await round(directory, 'warm', work, emptySamples(), emptySamples());
    log('warm-up done');

    const library = emptySamples();
    const floor = emptySamples();
    for (let n = 0; n < ROUNDS; n++) {
      await round(directory, String(n), work, library, floor);
      log(
        `round ${n + 1}: memory commands ${library.memoryCommands.at(-1)?.toFixed(0)} / ${floor.memoryCommands.at(-1)?.toFixed(0)} ms, SQLite commands ${library.sqliteCommands.at(-1)?.toFixed(0)} / ${floor.sqliteCommands.at(-1)?.toFixed(0)} ms`,
      );
    }

    const auditFile = join(directory, 'audit.db');
    const auditEvents = AUDIT_STREAMS * EVENTS_PER_STREAM;
    const writing = performance.now();
    await writeAuditHistory(auditFile, AUDIT_STREAMS);
    log(
      `audit history: ${auditEvents.toLocaleString('en')} events in ${AUDIT_STREAMS.toLocaleString('en')} streams, ${(
        statSync(auditFile).size /
        1024 /
        1024
      ).toFixed(0)} MB, written in ${((performance.now() - writing) / 1000).toFixed(0)} s`,
    );
    const auditLibrary: AuditFigures[] = [];
    const auditFloorRuns: AuditFigures[] = [];
    for (let round = 0; round < AUDIT_ROUNDS; round++) {
      const pair =
        round % 2 === 0
          ? [auditInChild('audit', auditFile), auditInChild('audit-floor', auditFile)]
          : [auditInChild('audit-floor', auditFile), auditInChild('audit', auditFile)].reverse();
      const [lib, raw] = pair;
      if (lib === undefined || raw === undefined) throw new Error('an audit run is missing');
      if (lib.events !== auditEvents || lib.intact !== auditEvents)
        throw new Error(`the audit saw ${lib.events} events, ${lib.intact} intact`);
      auditLibrary.push(lib);
      auditFloorRuns.push(raw);
      log(
        `audit round ${round + 1}: ${lib.ms.toFixed(0)} ms, peak RSS ${lib.maxRssMb.toFixed(0)} MB (floor ${raw.ms.toFixed(0)} ms, ${raw.maxRssMb.toFixed(0)} MB)`,
      );
    }

    const figures: Figure[] = [
      rateFigure(
        'memory: commands',
        'commands/s',
        COMMANDS,
        library.memoryCommands,
        floor.memoryCommands,
        0.3,
      ),
      rateFigure(
        'memory: commands, no cache',
        'commands/s',
        COMMANDS,
        library.memoryCommandsUncached,
        floor.memoryCommands,
      ),
      rateFigure(
        'memory: replay',
        'events/s',
        2 * COMMANDS,
        library.memoryReplay,
        floor.memoryReplay,
        0.4,
      ),
      rateFigure(
        'SQLite: commands',
        'commands/s',
        COMMANDS,
        library.sqliteCommands,
        floor.sqliteCommands,
        0.8,
      ),
      rateFigure(
        'SQLite: replay',
        'events/s',
        2 * COMMANDS,
        library.sqliteReplay,
        floor.sqliteReplay,
        0.5,
      ),
      rateFigure(
        'SQLite: verifyAll',
        'events/s',
        COMMANDS,
        library.sqliteVerify,
        floor.sqliteVerify,
      ),
      rateFigure(
        'audit trail, 1M events',
        'events/s',
        auditEvents,
        auditLibrary.map((r) => r.ms),
        auditFloorRuns.map((r) => r.ms),
      ),
      memoryFigure(
        'audit trail, 1M events',
        auditLibrary.map((r) => r.maxRssMb),
        auditFloorRuns.map((r) => r.maxRssMb),
        AUDIT_LIMIT_MB,
      ),
    ];

    const perCommand = (ms: readonly number[]): number => (summarise(ms).median * 1000) / COMMANDS;
    const sqliteShares = {
      libraryCommandMicros: perCommand(library.sqliteCommands),
      libraryAppendMicros: perCommand(library.sqliteAppend),
      floorCommandMicros: perCommand(floor.sqliteCommands),
    };

    const seconds = performance.now() / 1000;
    const results = {
      recordedAt: new Date().toISOString(),
      machine: machine(),
      workload: {
        mous: MOUS,
        commands: COMMANDS,
        rounds: ROUNDS,
        auditEvents,
        auditRounds: AUDIT_ROUNDS,
      },
      durationSeconds: Math.round(seconds),
      figures,
      sqliteCommandShares: sqliteShares,
    };
    const out = resolve('bench-results.json');
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `\nmedians of ${ROUNDS} alternating rounds (audit: ${AUDIT_ROUNDS}), ratio = library / floor (memory: floor / library); ${seconds.toFixed(0)} s in all`,
    );
    console.log(formatTable(figures));
    const micros = (n: number): string => `${n.toFixed(0)} µs`;
    console.log(
      `SQLite commands, medians per command: the library ${micros(sqliteShares.libraryCommandMicros)}, of which ${micros(sqliteShares.libraryAppendMicros)} inside appendToStream (the transaction and its commit); the floor's whole command ${micros(sqliteShares.floorCommandMicros)}`,
    );
    console.log(`figures written to ${out}`);
    if (figures.some((f) => f.holds === false)) console.log('a target was missed (see the table)');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

const [mode, file] = process.argv.slice(2);
const run = async (): Promise<void> => {
  if (mode === 'audit' && file !== undefined)
    process.stdout.write(JSON.stringify(await auditReplay(file)));
  else if (mode === 'audit-floor' && file !== undefined)
    process.stdout.write(JSON.stringify(auditFloor(file)));
  else await main();
};
run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
