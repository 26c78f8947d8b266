import type { AppendResult, EventToAppend, ExpectedRevision } from '../kernel/event-store';
import type { PgClient, PgModule } from './postgres-driver';
import { decideRows, streamReadOf } from './postgres-appends';
import { insertSql, statementName, streamViewSql, type InsertParts } from './postgres-rows';
import type { PostgresTables } from './postgres-schema';

/**
 * One append to one stream in as few round trips to the server as it can take, because each is
 * most of an append's time. The statements go as one text each (values written in as literals
 * the driver escapes, since the server takes parameters only for a single statement), so that
 * taking the write lock, reading the stream and writing each ride along with another statement:
 *
 * - When the writer expects the stream at its last revision, or expects no stream of a name
 *   never used, the rules always say "write" (see `decideAppend`): the schema's `append_at`
 *   takes the lock and inserts the batch only if the stream is indeed there, as one prepared
 *   statement that is its own transaction. One round trip.
 * - Otherwise, or if the stream was not there: one text takes the lock and reads the stream with
 *   the places of the batch's ids; the shared rules decide; a second text inserts and commits
 *   (or just commits, for an idempotent re-append). Two round trips.
 */
export interface AppendOneContext {
  readonly pg: PgModule;
  readonly tables: PostgresTables;
  readonly lockKey: string;
  readonly channel: string;
}

type Rows = unknown[][];

/** Runs a text of several statements; the rows of each, in order. */
const run = async (client: PgClient, text: string): Promise<Rows[]> => {
  const answered: unknown = await client.query({ text, rowMode: 'array' });
  const results = Array.isArray(answered) ? answered : [answered];
  return results.map((r) => (r as { rows: Rows }).rows);
};

const rowOf = (results: readonly Rows[], statement: number): unknown[] | undefined =>
  results[statement]?.[0];

export const appendOne = async (
  client: PgClient,
  context: AppendOneContext,
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  recordedAt: Date,
): Promise<AppendResult> => {
  const { pg, tables: t, lockKey, channel } = context;
  const literal = (text: string): string => pg.escapeLiteral(text);
  const array = (values: readonly string[]): string => `ARRAY[${values.map(literal).join(', ')}]`;
  const stream = literal(streamId);
  const fallback = recordedAt.toISOString();
  const parts = (after: bigint): InsertParts => ({
    streamId: stream,
    after: after.toString(),
    eventIds: array(events.map((e) => e.eventId)),
    types: array(events.map((e) => e.type)),
    data: array(events.map((e) => e.data)),
    metadata: array(events.map((e) => e.metadata)),
    recordedAt: array(events.map((e) => e.recordedAt?.toISOString() ?? fallback)),
    channel: literal(channel),
  });
  const written = (rows: Rows[], statement: number, after: bigint): AppendResult | undefined => {
    const [count, last] = rowOf(rows, statement) ?? [];
    return Number(count) > 0
      ? { nextExpectedRevision: after + BigInt(events.length), position: BigInt(last as string) }
      : undefined;
  };
  const lock = `BEGIN; SELECT pg_advisory_xact_lock(${lockKey})`;

  if (typeof expected === 'bigint' || expected === 'no_stream') {
    // The usual case in one call (see `append_at` in the schema); nothing written otherwise.
    const after = typeof expected === 'bigint' ? expected : -1n;
    const [row] = (
      await client.query<unknown[]>({
        name: statementName(t.appendAt),
        text: `SELECT written, last_position FROM ${t.appendAt}($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        values: [
          lockKey,
          channel,
          streamId,
          after.toString(),
          events.map((e) => e.eventId),
          events.map((e) => e.type),
          events.map((e) => e.data),
          events.map((e) => e.metadata),
          events.map((e) => e.recordedAt?.toISOString() ?? fallback),
        ],
        rowMode: 'array',
      })
    ).rows;
    const done = written([[row ?? []]], 0, after);
    if (done !== undefined) return done;
  }

  const read = streamReadOf(
    rowOf(
      await run(
        client,
        `${lock}; ${streamViewSql(t, stream, `${array(events.map((e) => e.eventId))}::text[]`)}`,
      ),
      2,
    ),
  );
  const decided = decideRows(read, streamId, events, expected);
  if ('answer' in decided) {
    await client.query('COMMIT');
    return decided.answer;
  }
  const done = written(
    await run(client, `${insertSql(t, parts(decided.after))}; COMMIT`),
    0,
    decided.after,
  );
  if (done === undefined) throw new Error(`the insert into ${streamId} wrote nothing`);
  return done;
};
