/**
 * Appending 100,000 integrity-sealed events (batches of 100 over 100 streams) to the SQLite store
 * and replaying them, side by side with raw `better-sqlite3` writing and reading the same rows
 * (same pragmas, one table with a unique (stream, revision), one transaction per batch). The two
 * alternate, round after round, after a warm-up; medians of five rounds are printed as ratios.
 * The replay through `verifyAll` runs in a process of its own, so its peak RSS is the replay's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/Either';
import { v4 as uuidv4 } from 'uuid';
import { verifyAll } from '../../src/audit/verify';
import type { EventToAppend } from '../../src/kernel/event-store';
import { encodeEvent } from '../../src/kernel/recorded-event';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { Tally } from '../support/sqlite-tally';
import { openRawFloor } from './support/floors';

const EVENTS = 100_000;
const BATCH = 100;
const STREAMS = 100;
const ROUNDS = 5;

interface Batch {
  readonly streamId: string;
  /** The revision of the stream's last event before this batch; -1n for the first. */
  readonly after: bigint;
  readonly events: readonly EventToAppend[];
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Every batch, sealed once into real integrity chains (one per stream). */
const sealBatches = (): Batch[] => {
  const previous = new Map<string, { hash: string | null; revision: bigint }>();
  const batches: Batch[] = [];
  for (let b = 0; b < EVENTS / BATCH; b++) {
    const streamId = `Tally-bench-${b % STREAMS}`;
    const at = previous.get(streamId) ?? { hash: null, revision: -1n };
    let hash = at.hash;
    const events: EventToAppend[] = [];
    for (let index = 0; index < BATCH; index++) {
      const encoded = encodeEvent(
        Tally.events,
        {
          type: 'TallyCounted',
          occurredOn: '2025-09-10',
          data: { tallyId: `bench-${b % STREAMS}`, batchId: `b${b}`, index, of: BATCH },
        },
        {
          streamId,
          eventId: uuidv4(),
          previousHash: hash,
          recordedAt: new Date('2025-09-10T12:00:00.000Z'),
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
      hash = integrity.hash;
    }
    batches.push({ streamId, after: at.revision, events });
    previous.set(streamId, { hash, revision: at.revision + BigInt(BATCH) });
  }
  return batches;
};

interface Timings {
  readonly appendMs: number;
  readonly readMs: number;
}

const throughStore = async (directory: string, batches: readonly Batch[]): Promise<Timings> => {
  const file = join(directory, `store-${uuidv4()}.db`);
  const store = openSqliteEventStore(file);
  try {
    const started = performance.now();
    for (const batch of batches)
      await store.appendToStream(batch.streamId, batch.events, {
        expectedRevision: batch.after < 0n ? 'no_stream' : batch.after,
      });
    const appended = performance.now();
    let read = 0;
    for await (const event of store.readAll()) if (event.data.length > 0) read++;
    if (read !== EVENTS) throw new Error(`read ${read} events through the store`);
    return { appendMs: appended - started, readMs: performance.now() - appended };
  } finally {
    await store.close();
    rmSync(file, { force: true });
  }
};

const throughRaw = (directory: string, batches: readonly Batch[]): Timings => {
  const file = join(directory, `raw-${uuidv4()}.db`);
  const db = openRawFloor(file);
  try {
    const insert = db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const appendBatch = db.transaction((batch: Batch) => {
      const recordedAt = Date.now();
      let revision = batch.after;
      for (const event of batch.events) {
        revision += 1n;
        insert.run(
          batch.streamId,
          revision,
          event.eventId,
          event.type,
          event.data,
          event.metadata,
          recordedAt,
        );
      }
    });
    const started = performance.now();
    for (const batch of batches) appendBatch.immediate(batch);
    const appended = performance.now();
    let read = 0;
    const rows = db.prepare('SELECT * FROM events ORDER BY position').iterate() as Iterable<{
      data: string;
    }>;
    for (const row of rows) if (row.data.length > 0) read++;
    if (read !== EVENTS) throw new Error(`read ${read} rows raw`);
    return { appendMs: appended - started, readMs: performance.now() - appended };
  } finally {
    db.close();
    rmSync(file, { force: true });
  }
};

interface ReplayFigures {
  readonly ms: number;
  readonly eventsChecked: number;
  readonly intact: boolean;
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
}

/** In a process of its own: open the file and replay it through `verifyAll`. */
const replay = async (file: string): Promise<void> => {
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const store = openSqliteEventStore(file);
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const started = performance.now();
  const report = await verifyAll(store, {
    progressEvery: 1000,
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
  });
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().rss);
  await store.close();
  const figures: ReplayFigures = {
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

const replayInChild = (file: string): ReplayFigures => {
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${REPLAY_HEAP_MB}`, __filename, 'replay', file],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`the replay failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ReplayFigures;
};

const main = async (): Promise<void> => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-sqlite-bench-'));
  try {
    const sealing = performance.now();
    const batches = sealBatches();
    console.log(
      `${EVENTS} sealed events (${EVENTS / BATCH} batches of ${BATCH}, ${STREAMS} streams) ready in ${(
        performance.now() - sealing
      ).toFixed(0)} ms`,
    );
    await throughStore(directory, batches);
    throughRaw(directory, batches);
    const store: Timings[] = [];
    const raw: Timings[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always meets a warmer process or a cooler disk.
      if (round % 2 === 0) {
        raw.push(throughRaw(directory, batches));
        store.push(await throughStore(directory, batches));
      } else {
        store.push(await throughStore(directory, batches));
        raw.push(throughRaw(directory, batches));
      }
    }

    // The replay: one file written once, verified in a fresh process (warm-up, then rounds).
    const file = join(directory, 'replay.db');
    const writer = openSqliteEventStore(file);
    for (const batch of batches)
      await writer.appendToStream(batch.streamId, batch.events, {
        expectedRevision: batch.after < 0n ? 'no_stream' : batch.after,
      });
    await writer.close();
    const fileMb = statSync(file).size / 1024 / 1024;
    replayInChild(file);
    const replays = Array.from({ length: ROUNDS }, () => replayInChild(file));
    if (!replays.every((r) => r.intact && r.eventsChecked === EVENTS))
      throw new Error(`a replay was not intact: ${JSON.stringify(replays)}`);

    const ms = (n: number) => `${n.toFixed(0)} ms`;
    const perSecond = (n: number) => `${Math.round(EVENTS / (n / 1000)).toLocaleString('en')}/s`;
    const storeAppend = median(store.map((t) => t.appendMs));
    const rawAppend = median(raw.map((t) => t.appendMs));
    const storeRead = median(store.map((t) => t.readMs));
    const rawRead = median(raw.map((t) => t.readMs));
    const verify = median(replays.map((r) => r.ms));
    console.log(`median of ${ROUNDS} alternating rounds after a warm-up:`);
    console.log(
      `  append   store ${ms(storeAppend)} (${perSecond(storeAppend)})   raw ${ms(rawAppend)} (${perSecond(rawAppend)})   store / raw ${(storeAppend / rawAppend).toFixed(2)}`,
    );
    console.log(
      `  readAll  store ${ms(storeRead)} (${perSecond(storeRead)})   raw ${ms(rawRead)} (${perSecond(rawRead)})   store / raw ${(storeRead / rawRead).toFixed(2)}`,
    );
    console.log(
      `  verifyAll over the store ${ms(verify)} (${perSecond(verify)})   / raw read ${(verify / rawRead).toFixed(2)}`,
    );
    console.log(
      `  replay peak RSS ${median(replays.map((r) => r.peakRssMb)).toFixed(0)} MB (${median(
        replays.map((r) => r.rssBeforeMb),
      ).toFixed(
        0,
      )} MB before it), for a ${fileMb.toFixed(0)} MB file, heap capped at ${REPLAY_HEAP_MB} MB`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

const [mode, file] = process.argv.slice(2);
(mode === 'replay' && file !== undefined ? replay(file) : main()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
