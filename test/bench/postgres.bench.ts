/**
 * The PostgreSQL store beside a floor of raw `pg` on the same server, in the same run: a share of
 * the workload's MoUs taken through their nine commands (read, fold, decide, append with the
 * expected revision; the library through `handleCommand` with a state cache), then replayed
 * (every stream, then the global order decoded and folded into a map). The floor keeps the same
 * table shape (a position, a unique (stream, revision), the same columns) with no schema
 * versioning, no write lock, no idempotency lookups and no notifications: per command one
 * read and one insert, a transaction of its own. The commands run side by side, each taking a
 * slice of 250 in turn, so that a busy spell of the shared machine falls on both alike; the
 * replays follow, each round after a warm-up, and the medians are printed with the median of the
 * rounds' own ratios. It starts a throwaway cluster of its own (durable
 * settings: fsync on), unless POSTGRES_URL names a server.
 *
 * Environment: BENCH_ROUNDS (default 5), BENCH_PG_MOUS (default 300 of the workload's MoUs).
 */
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/Either';
import { Client } from 'pg';
import { MoU, evolveMoU, initialMoUState, type MoUState } from '../../src/domain/mou';
import { handleCommand, loadState } from '../../src/kernel/command-handler';
import { createStateCache } from '../../src/kernel/state-cache';
import { libraryEvents } from '../../src/projections/checkpoint';
import { openPostgresEventStore } from '../../src/store/postgres-event-store';
import { startPostgresCluster } from '../support/postgres-cluster';
import {
  plainDecide,
  plainEvolve,
  plainMetadata,
  plainRead,
  type PlainMoU,
} from './support/plain-mou';
import { formatTable, machine, rateFigure } from './support/report';
import { sideBySide, type Way } from './support/side-by-side';
import {
  COMMANDS_PER_MOU,
  buildWorkload,
  mouIdOf,
  recordingIn2040,
  type WorkItem,
} from './support/workload';
import { envInt } from './support/env';

const ROUNDS = envInt('BENCH_ROUNDS', 5);
const MOUS = envInt('BENCH_PG_MOUS', 300);
const COMMANDS = MOUS * COMMANDS_PER_MOU;

const time = async (step: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await step();
  return performance.now() - started;
};

const streamOf = (mouId: string): string => `MoU-${mouId}`;

// ---------------------------------------------------------------- library

/** The library's way through the commands: `handleCommand` with a state cache, one store. */
const libraryWay = async (url: string, schema: string) => {
  const store = await openPostgresEventStore(url, { schema, now: recordingIn2040 });
  const cache = createStateCache();
  const way: Way<WorkItem> = async (items) => {
    for (const { command, context } of items) {
      const result = await handleCommand(store, MoU, command, context, { cache });
      if (E.isLeft(result)) throw new Error(result.left.message);
    }
  };
  return { way, close: () => store.close() };
};

const libraryReplay = async (url: string, schema: string): Promise<number> => {
  const store = await openPostgresEventStore(url, { schema });
  try {
    let events = 0;
    for (let n = 0; n < MOUS; n++) {
      const loaded = await loadState(store, MoU, mouIdOf(n));
      if (E.isLeft(loaded)) throw new Error(loaded.left.message);
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
    for (const [id, state] of states)
      if (state.status !== 'inForce') throw new Error(`${id} replayed to ${state.status}`);
    return events;
  } finally {
    await store.close();
  }
};

// ------------------------------------------------------------------ floor

const floorTable = (schema: string): string => `
  CREATE SCHEMA ${schema};
  CREATE TABLE ${schema}.events (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id text COLLATE "C" NOT NULL,
    revision bigint NOT NULL,
    event_id text COLLATE "C" NOT NULL,
    type text NOT NULL,
    data text NOT NULL,
    metadata text NOT NULL,
    recorded_at timestamptz NOT NULL,
    UNIQUE (stream_id, revision)
  )`;

interface Row {
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

const foldRows = (rows: readonly Row[], commandId?: string) => {
  let state: PlainMoU | undefined;
  let handled = false;
  for (const row of rows) {
    const { event, causationId } = plainRead(row.type, row.data, row.metadata);
    if (causationId === commandId) handled = true;
    state = plainEvolve(state, event);
  }
  return { state, handled };
};

/** Raw `pg`: read the stream, fold, decide, insert: two statements per command. */
const floorWay = async (url: string, schema: string) => {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(floorTable(schema));
  const way: Way<WorkItem> = async (items) => {
    for (const { command, context } of items) {
      const streamId = streamOf(command.mouId);
      const { rows } = await client.query<Row>(
        `SELECT type, data, metadata FROM ${schema}.events WHERE stream_id = $1 ORDER BY revision`,
        [streamId],
      );
      const { state, handled } = foldRows(rows, context.commandId);
      if (handled) continue;
      const events = plainDecide(command, state);
      // One statement is one transaction; the unique (stream, revision) is the revision check.
      await client.query(
        `INSERT INTO ${schema}.events (stream_id, revision, event_id, type, data, metadata, recorded_at)
         SELECT $1, $2::bigint + r.n - 1, r.event_id, r.type, r.data, r.metadata, now()
           FROM unnest($3::text[], $4::text[], $5::text[], $6::text[])
                WITH ORDINALITY AS r (event_id, type, data, metadata, n)`,
        [
          streamId,
          rows.length,
          events.map((_, i) => `${context.commandId}/${i}`),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => plainMetadata(context, e.occurredOn)),
        ],
      );
    }
  };
  return { way, close: () => client.end() };
};

/** Raw reads of the rows the library wrote: every stream, then the global order. */
const floorReplay = async (url: string, schema: string): Promise<number> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    let events = 0;
    for (let n = 0; n < MOUS; n++) {
      const { rows } = await client.query<Row>(
        `SELECT type, data, metadata FROM ${schema}.events WHERE stream_id = $1 ORDER BY revision`,
        [streamOf(mouIdOf(n))],
      );
      if (foldRows(rows).state === undefined) throw new Error(`MoU ${n} replayed to nothing`);
      events += rows.length;
    }
    // Pages of 500 by position, as the store reads.
    const states = new Map<string, PlainMoU | undefined>();
    let after = 0;
    for (;;) {
      const { rows } = await client.query<Row & { position: string; stream_id: string }>(
        `SELECT position, stream_id, type, data, metadata FROM ${schema}.events
          WHERE position > $1 ORDER BY position LIMIT 500`,
        [after],
      );
      for (const row of rows) {
        const { event } = plainRead(row.type, row.data, row.metadata);
        states.set(row.stream_id, plainEvolve(states.get(row.stream_id), event));
        events++;
      }
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < 500) break;
      after = Number(last.position);
    }
    return events;
  } finally {
    await client.end();
  }
};

// ------------------------------------------------------------------- main

const main = async (): Promise<void> => {
  const given = process.env.POSTGRES_URL;
  const cluster = given === undefined || given === '' ? startPostgresCluster() : undefined;
  const url = given !== undefined && given !== '' ? given : (cluster?.url ?? '');
  try {
    const mine = new Set(Array.from({ length: MOUS }, (_, n) => mouIdOf(n)));
    const work = buildWorkload().filter((item) => mine.has(item.command.mouId));
    if (work.length !== COMMANDS) throw new Error(`${work.length} commands, not ${COMMANDS}`);
    console.log(
      `${MOUS} MoUs, ${COMMANDS} commands, ${ROUNDS} rounds after a warm-up; ${JSON.stringify(machine())}`,
    );
    const library = { commands: [] as number[], replay: [] as number[] };
    const floor = { commands: [] as number[], replay: [] as number[] };
    const schemaOf = (who: string, round: number) => `bench_${who}_${round}_${process.pid}`;
    // Commands side by side, a slice at a time each; then each replays the library's rows, so
    // both read the very same text.
    const round = async (n: number, keep: boolean) => {
      const ways = [
        await libraryWay(url, schemaOf('library', n)),
        await floorWay(url, schemaOf('floor', n)),
      ];
      let times: number[];
      try {
        times = await sideBySide(
          work,
          ways.map((w) => w.way),
        );
      } finally {
        for (const w of ways) await w.close();
      }
      const replayed = [0, 0];
      const replays = [
        await time(async () => {
          replayed[0] = await libraryReplay(url, schemaOf('library', n));
        }),
        await time(async () => {
          replayed[1] = await floorReplay(url, schemaOf('library', n));
        }),
      ];
      if (replayed.some((r) => r !== 2 * COMMANDS))
        throw new Error(`replayed ${replayed.join(' and ')} events, not ${2 * COMMANDS}`);
      if (!keep) return;
      library.commands.push(times[0] ?? 0);
      floor.commands.push(times[1] ?? 0);
      library.replay.push(replays[0] ?? 0);
      floor.replay.push(replays[1] ?? 0);
      console.log(
        `round ${n}: commands ${times[0]?.toFixed(0)} / ${times[1]?.toFixed(0)} ms, replay ${replays[0]?.toFixed(0)} / ${replays[1]?.toFixed(0)} ms`,
      );
    };
    await round(0, false);
    for (let n = 1; n <= ROUNDS; n++) await round(n, true);
    console.log(
      formatTable([
        rateFigure(
          'PostgreSQL commands',
          'commands per second',
          COMMANDS,
          library.commands,
          floor.commands,
          0.8,
        ),
        rateFigure(
          'PostgreSQL replay',
          'events per second',
          2 * COMMANDS,
          library.replay,
          floor.replay,
          0.5,
        ),
      ]),
    );
    // Drop what the rounds wrote on a server of the caller's.
    if (cluster === undefined) {
      const client = new Client({ connectionString: url });
      await client.connect();
      for (let round = 0; round <= ROUNDS; round++)
        for (const who of ['library', 'floor'])
          await client.query(`DROP SCHEMA IF EXISTS ${schemaOf(who, round)} CASCADE`);
      await client.end();
    }
  } finally {
    cluster?.remove();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
