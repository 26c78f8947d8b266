/**
 * What one command costs against the length of its stream. A service keeps a state cache so
 * that a command reads only the events appended since its last fold: the cost of a cached command
 * should then not depend on how long the stream already is, and building a stream of N events
 * one command at a time should take time linear in N.
 *
 * Two measurements, on the Tally aggregate, whose state is one number, so that what grows is the
 * library's and not a domain's state:
 *
 * - Per command with the cache, against a stream already holding 10, 1,000 and 10,000 events
 *   (each written by a command of its own, so each carries its own command id), in memory and in
 *   the embedded SQLite store. Each round copies the stream into a new store, warms a new cache
 *   with a few commands and times the next ones. The target: 10,000 costs at most 1.5 times 10.
 * - Building a stream of 1,000, 10,000 and 20,000 events in memory, one cached command each. The
 *   target: the time per event of 20,000 is at most 1.5 times that of 1,000 (linear).
 *
 * Environment: BENCH_ROUNDS (default 5 rounds of commands), BENCH_COMMANDS (default 200 timed
 * commands per round), BENCH_BUILD_ROUNDS (default 3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/Either';
import { v4 as uuidv4 } from 'uuid';
import { handleCommand } from '../../src/kernel/command-handler';
import type { EventStore, EventToAppend } from '../../src/kernel/event-store';
import { encodeEvent, type CommandContext } from '../../src/kernel/recorded-event';
import { createStateCache, type StateCache } from '../../src/kernel/state-cache';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { Tally, type RecordTallyBatch } from '../support/sqlite-tally';
import { machine, markdownTable, summarise, type Summary } from './support/report';
import { recordingIn2040 } from './support/workload';
import { envInt } from './support/env';

const ROUNDS = envInt('BENCH_ROUNDS', 5);
const COMMANDS = envInt('BENCH_COMMANDS', 200);
const BUILD_ROUNDS = envInt('BENCH_BUILD_ROUNDS', 3);
/** Commands run before the timed ones: the first reads the whole stream into the cache. */
const WARM_UP = 20;
const LENGTHS = [10, 1_000, 10_000];
const BUILDS = [1_000, 10_000, 20_000];
const [SHORTEST = 10] = LENGTHS;
const LONGEST = LENGTHS[LENGTHS.length - 1] ?? 10_000;
const [FEWEST = 1_000] = BUILDS;
const MOST = BUILDS[BUILDS.length - 1] ?? 20_000;
const TARGET = 1.5;

const TALLY_ID = 'bench-length';
const STREAM_ID = `Tally-${TALLY_ID}`;
const OCCURRED_ON = '2025-09-10';

const contextOf = (): CommandContext => ({
  commandId: uuidv4(),
  actor: 'registrar@mofa.example',
  onBehalfOf: 'PK',
  reason: 'benchmark',
  source: { kind: 'newsReport', reference: 'bench' },
});

let batches = 0;
const commandOf = (): RecordTallyBatch => ({
  type: 'RecordTallyBatch',
  tallyId: TALLY_ID,
  batchId: `b${++batches}`,
  count: 1,
  occurredOn: OCCURRED_ON,
});

const command = async (store: EventStore, cache: StateCache): Promise<void> => {
  const result = await handleCommand(store, Tally, commandOf(), contextOf(), { cache });
  if (E.isLeft(result)) throw new Error(result.left.message);
};

/** A stream of `length` events sealed into one integrity chain, one command id per event. */
const sealStream = (length: number): EventToAppend[] => {
  const events: EventToAppend[] = [];
  let previousHash: string | null = null as string | null;
  const recordedAt = recordingIn2040();
  for (let n = 0; n < length; n++) {
    const encoded = encodeEvent(
      Tally.events,
      {
        type: 'TallyCounted',
        occurredOn: OCCURRED_ON,
        data: { tallyId: TALLY_ID, batchId: `sealed-${n}`, index: 0, of: 1 },
      },
      {
        streamId: STREAM_ID,
        eventId: uuidv4(),
        previousHash,
        recordedAt,
        metadata: {
          actor: 'registrar@mofa.example',
          onBehalfOf: 'PK',
          reason: 'benchmark',
          source: { kind: 'newsReport', reference: 'bench' },
          correlationId: uuidv4(),
          causationId: uuidv4(),
        },
      },
    );
    if (E.isLeft(encoded)) throw new Error(encoded.left.message);
    const { integrity, ...event } = encoded.right;
    events.push(event);
    previousHash = integrity.hash;
  }
  return events;
};

const copyInto = async (store: EventStore, events: readonly EventToAppend[]): Promise<void> => {
  const BATCH = 1_000;
  for (let from = 0; from < events.length; from += BATCH)
    await store.appendToStream(STREAM_ID, events.slice(from, from + BATCH), {
      expectedRevision: from === 0 ? 'no_stream' : BigInt(from - 1),
    });
};

type StoreKind = 'memory' | 'sqlite';

interface Opened {
  readonly store: EventStore;
  readonly close: () => Promise<void>;
}

let files = 0;
const openStore = (kind: StoreKind, directory: string): Opened => {
  if (kind === 'memory') {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    return { store, close: async () => undefined };
  }
  const file = join(directory, `length-${++files}.db`);
  const store = openSqliteEventStore(file, { now: recordingIn2040 });
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(file, { force: true });
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
    },
  };
};

/** Microseconds per cached command against a copy of `events`. */
const perCommand = async (
  kind: StoreKind,
  directory: string,
  events: readonly EventToAppend[],
): Promise<number> => {
  const { store, close } = openStore(kind, directory);
  try {
    await copyInto(store, events);
    const cache = createStateCache();
    for (let n = 0; n < WARM_UP; n++) await command(store, cache);
    const started = performance.now();
    for (let n = 0; n < COMMANDS; n++) await command(store, cache);
    return ((performance.now() - started) * 1000) / COMMANDS;
  } finally {
    await close();
  }
};

/** Milliseconds to build a stream of `length` events in memory, one cached command each. */
const build = async (length: number): Promise<number> => {
  const store = createInMemoryEventStore({ now: recordingIn2040 });
  const cache = createStateCache();
  const started = performance.now();
  for (let n = 0; n < length; n++) await command(store, cache);
  return performance.now() - started;
};

const number = (n: number): string =>
  n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1);
const cell = (s: Summary): string => `${number(s.median)} (${number(s.min)}–${number(s.max)})`;
const verdict = (ratio: number): string =>
  `${ratio.toFixed(2)} (≤ ${TARGET} ${ratio <= TARGET ? 'holds' : 'MISSED'})`;

const main = async (): Promise<void> => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-length-bench-'));
  try {
    const streams = new Map(LENGTHS.map((length) => [length, sealStream(length)]));
    const kinds: readonly StoreKind[] = ['memory', 'sqlite'];
    const samples = new Map<string, number[]>();
    const sample = (key: string, value: number) =>
      samples.set(key, [...(samples.get(key) ?? []), value]);
    // One untimed round warms the code up; then the lengths alternate within every round, so a
    // noisy moment on the machine falls on all of them alike.
    for (let round = 0; round <= ROUNDS; round++)
      for (const kind of kinds)
        for (const length of LENGTHS) {
          const us = await perCommand(kind, directory, streams.get(length) ?? []);
          if (round > 0) sample(`${kind} ${length}`, us);
        }
    await build(FEWEST);
    for (let round = 0; round < BUILD_ROUNDS; round++)
      for (const length of BUILDS) sample(`build ${length}`, await build(length));

    const summary = (key: string): Summary => summarise(samples.get(key) ?? []);
    const commandRows = kinds.map((kind) => {
      const byLength = LENGTHS.map((length) => summary(`${kind} ${length}`));
      const ratio = summary(`${kind} ${LONGEST}`).median / summary(`${kind} ${SHORTEST}`).median;
      return [kind, ...byLength.map(cell), verdict(ratio)];
    });
    const perEvent = (length: number): Summary => {
      const us = (samples.get(`build ${length}`) ?? []).map((ms) => (ms * 1000) / length);
      return summarise(us);
    };
    const buildRatio = perEvent(MOST).median / perEvent(FEWEST).median;
    const { nproc, cpu, node } = machine();
    console.log(`${cpu}, ${nproc} cores, Node ${node}`);
    console.log(
      `\nµs per cached command against a stream of N events, median (min–max) of ${ROUNDS} rounds of ${COMMANDS} commands`,
    );
    console.log(
      markdownTable(
        [
          'store',
          ...LENGTHS.map((n) => `N = ${n.toLocaleString('en')}`),
          `${LONGEST.toLocaleString('en')} : ${SHORTEST}`,
        ],
        commandRows,
      ),
    );
    console.log(
      `\nBuilding a stream in memory, one cached command per event, median (min–max) of ${BUILD_ROUNDS} rounds`,
    );
    console.log(
      markdownTable(
        ['events', 'ms', 'µs per event'],
        BUILDS.map((length) => [
          length.toLocaleString('en'),
          cell(summary(`build ${length}`)),
          cell(perEvent(length)),
        ]),
      ),
    );
    console.log(
      `per event, ${MOST.toLocaleString('en')} : ${FEWEST.toLocaleString('en')}: ${verdict(buildRatio)}`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
