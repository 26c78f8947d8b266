/**
 * Where an embedded-store command's commit goes, beside the workload's SQLite floor. The
 * workload's 18,000 commands are recorded once by the library; their stored rows are then
 * written again, one transaction per row, in their global order, four ways, alternating round
 * after round in new files:
 *
 * - the floor: the floor's own smaller rows (its metadata, no seal) in its one-table schema;
 * - the library's rows in that same schema: what the sealed metadata alone costs;
 * - the library's rows with the library's indexes (the (stream, event id) index added): what the
 *   index that finds a retried event id costs;
 * - the library's store itself, `appendToStream` with each row's exact expected revision.
 *
 * Each way is raw `better-sqlite3` with the library's pragmas (`synchronous=FULL`), the last
 * revision read and the row inserted in one IMMEDIATE transaction, as the floor does. The four
 * files grow side by side, 250 rows at a time each. Printed:
 * medians of wall time and of CPU time (user and system) per commit; CPU time is what the
 * process itself spends, and moves less than wall time when the disk or the machine is busy.
 *
 * Environment: BENCH_ROUNDS (default 3).
 */
import Database from 'better-sqlite3';
import * as E from 'fp-ts/Either';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MoU } from '../../src/domain/mou';
import { handleCommand } from '../../src/kernel/command-handler';
import { createStateCache } from '../../src/kernel/state-cache';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { openRaw } from './support/floors';
import { plainMetadata } from './support/plain-mou';
import { markdownTable, summarise } from './support/report';
import { buildWorkload, recordingIn2040 } from './support/workload';
import { envInt } from './support/env';

/** Rows each way writes before the next way takes its turn. */
const SLICE = 250;
const rounds = envInt('BENCH_ROUNDS', 3);

interface Row {
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: number;
}

const floorSchema = `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    UNIQUE (stream_id, revision)
  )`;
const eventIdIndex = 'CREATE INDEX events_by_stream_and_id ON events (stream_id, event_id)';

/** One way of writing the rows: `write(from, to)` commits rows from..to-1, one per transaction. */
interface Writer {
  readonly write: (from: number, to: number) => Promise<void>;
  readonly close: () => Promise<void>;
}

const rawWriter = (
  file: string,
  rows: readonly Row[],
  withIndex: boolean,
  metadataOf: (index: number) => string,
  eventIdOf: (index: number) => string,
): Writer => {
  const db = openRaw(file);
  db.exec(floorSchema);
  if (withIndex) db.exec(eventIdIndex);
  const last = db.prepare('SELECT max(revision) FROM events WHERE stream_id = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const commit = db.transaction((index: number) => {
    const row = rows[index] as Row;
    const revision = (last.get(row.stream_id) as number | null) ?? -1;
    insert.run(
      row.stream_id,
      revision + 1,
      eventIdOf(index),
      row.type,
      row.data,
      metadataOf(index),
      row.recorded_at,
    );
  });
  return {
    write: async (from, to) => {
      for (let index = from; index < to; index++) commit.immediate(index);
    },
    close: async () => void db.close(),
  };
};

const libraryWriter = (file: string, rows: readonly Row[]): Writer => {
  const store = openSqliteEventStore(file, { now: recordingIn2040 });
  return {
    write: async (from, to) => {
      for (let index = from; index < to; index++) {
        const row = rows[index] as Row;
        await store.appendToStream(
          row.stream_id,
          [
            {
              eventId: row.event_id,
              type: row.type,
              data: row.data,
              metadata: row.metadata,
              recordedAt: new Date(row.recorded_at),
            },
          ],
          { expectedRevision: row.revision === 0 ? 'no_stream' : BigInt(row.revision - 1) },
        );
      }
    },
    close: () => store.close(),
  };
};

interface Sample {
  readonly wallUs: number;
  readonly cpuUs: number;
}

const main = async (): Promise<void> => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-commit-'));
  try {
    const work = buildWorkload();
    const recorded = join(directory, 'recorded.db');
    const store = openSqliteEventStore(recorded, { now: recordingIn2040 });
    const cache = createStateCache();
    for (const { command, context } of work) {
      const result = await handleCommand(store, MoU, command, context, { cache });
      if (E.isLeft(result)) throw new Error(result.left.message);
    }
    await store.close();
    const db = new Database(recorded, { readonly: true });
    const rows = db
      .prepare(
        'SELECT stream_id, revision, event_id, type, data, metadata, recorded_at FROM events ORDER BY position',
      )
      .all() as Row[];
    db.close();
    if (rows.length !== work.length) throw new Error(`recorded ${rows.length} rows`);
    // One event per command, so row i is command i's event and the floor's metadata lines up.
    const floorMetadata = work.map(({ context }, i) =>
      plainMetadata(context, JSON.parse((rows[i] as Row).metadata).occurredOn as string),
    );
    const mean = (texts: readonly string[]) =>
      Math.round(texts.reduce((sum, text) => sum + text.length, 0) / texts.length);
    console.log(
      `${rows.length} rows; data ${mean(rows.map((r) => r.data))} characters on average, metadata ${mean(rows.map((r) => r.metadata))} (the floor's ${mean(floorMetadata)})`,
    );

    const ways: [string, (file: string) => Writer][] = [
      [
        "the floor's rows, the floor's schema",
        (file) =>
          rawWriter(
            file,
            rows,
            false,
            (i) => floorMetadata[i] as string,
            (i) => `${work[i]?.context.commandId}/0`,
          ),
      ],
      [
        "the library's rows, the floor's schema",
        (file) =>
          rawWriter(
            file,
            rows,
            false,
            (i) => (rows[i] as Row).metadata,
            (i) => (rows[i] as Row).event_id,
          ),
      ],
      [
        "the library's rows and indexes",
        (file) =>
          rawWriter(
            file,
            rows,
            true,
            (i) => (rows[i] as Row).metadata,
            (i) => (rows[i] as Row).event_id,
          ),
      ],
      ["the library's store (appendToStream)", (file) => libraryWriter(file, rows)],
    ];
    const samples = ways.map((): Sample[] => []);
    const sizes = ways.map(() => 0);
    for (let round = 0; round < rounds; round++) {
      // The four files grow side by side, a slice at a time, so a busy spell of the machine
      // falls on all of them alike instead of on whichever way was running.
      const files = ways.map((_, index) => join(directory, `way-${index}-${round}.db`));
      const writers = ways.map(([, open], index) => open(files[index] as string));
      const wall = ways.map(() => 0);
      const cpu = ways.map(() => 0);
      for (let from = 0; from < rows.length; from += SLICE) {
        const to = Math.min(rows.length, from + SLICE);
        for (const [index, writer] of writers.entries()) {
          const cpuBefore = process.cpuUsage();
          const started = performance.now();
          await writer.write(from, to);
          wall[index] = (wall[index] ?? 0) + performance.now() - started;
          const used = process.cpuUsage(cpuBefore);
          cpu[index] = (cpu[index] ?? 0) + used.user / 1000 + used.system / 1000;
        }
      }
      for (const [index, writer] of writers.entries()) {
        await writer.close();
        const file = files[index] as string;
        sizes[index] = statSync(file).size / 1e6;
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
        const sample = {
          wallUs: ((wall[index] ?? 0) * 1000) / rows.length,
          cpuUs: ((cpu[index] ?? 0) * 1000) / rows.length,
        };
        samples[index]?.push(sample);
        console.log(
          `round ${round + 1}: ${ways[index]?.[0]}: ${sample.wallUs.toFixed(0)} µs, CPU ${sample.cpuUs.toFixed(0)} µs a commit`,
        );
      }
    }
    const floorWall = summarise((samples[0] ?? []).map((s) => s.wallUs)).median;
    const floorCpu = summarise((samples[0] ?? []).map((s) => s.cpuUs)).median;
    console.log(
      markdownTable(
        [
          'rows written',
          'µs a commit (min–max)',
          'of the floor',
          'CPU µs a commit',
          'of the floor',
          'file MB',
        ],
        ways.map(([name], index) => {
          const taken = samples[index] ?? [];
          const wall = summarise(taken.map((s) => s.wallUs));
          const cpu = summarise(taken.map((s) => s.cpuUs));
          return [
            name,
            `${wall.median.toFixed(0)} (${wall.min.toFixed(0)}–${wall.max.toFixed(0)})`,
            `${(wall.median / floorWall).toFixed(2)}×`,
            cpu.median.toFixed(0),
            `${(cpu.median / floorCpu).toFixed(2)}×`,
            (sizes[index] ?? 0).toFixed(1),
          ];
        }),
      ),
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

void main();
