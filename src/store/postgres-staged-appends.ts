import type {
  EventToAppend,
  ExpectedRevision,
  StreamAppend,
  StreamAppendsResult,
} from '../kernel/event-store';
import { validateAppend } from '../kernel/append-validation';
import type { PostgresAccess } from './postgres-connection';
import type { PgClient } from './postgres-driver';
import { appendRows } from './postgres-appends';
import { onClient, type PostgresStatements } from './postgres-rows';

/**
 * `appendToStreams` for PostgreSQL: one transaction writes the whole of it, and the appends may
 * be long, so they are staged as they are read (and checked) in a temporary table of the
 * transaction's connection, a page at a time, before the write lock is taken: a slow source
 * never holds up other writers, and memory stays bounded by a page. Then, under the lock, each
 * append is read back and decided against what the ones before it left, as `appendToStream`
 * would decide it. Other connections see all of it or none.
 */

/** Appends held in memory before they are staged, counted in events. */
const STAGE_EVERY = 1_000;
const PAGE = 1_000;

const STAGED = 'pg_temp.diplomatic_ledger_staged';

const expectedAsText = (expected: ExpectedRevision): string =>
  typeof expected === 'bigint' ? expected.toString() : expected;

const expectedFromText = (text: string): ExpectedRevision =>
  text === 'any' || text === 'no_stream' || text === 'stream_exists' ? text : BigInt(text);

/** The append being written, for the caller to name in a conflict. */
export type OnAppend = (append: {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
}) => void;

/** Why the source of appends failed: thrown again as it was, not as a store fault. */
class SourceFailed {
  constructor(readonly error: unknown) {}
}

export const postgresStagedAppends = (options: {
  readonly access: PostgresAccess;
  readonly statements: PostgresStatements;
  readonly lockKey: string;
  readonly channel: string;
  readonly now: () => Date;
}) => {
  const { access, statements, lockKey, channel } = options;

  const stage = async (client: PgClient, rows: readonly unknown[][]): Promise<void> => {
    const column = (i: number) => rows.map((r) => r[i]);
    await client.query(
      `INSERT INTO ${STAGED} (seq, append_no, stream_id, expected, event_id, type, data, metadata, recorded_at)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[],
                            $6::text[], $7::text[], $8::text[], $9::timestamptz[])`,
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map(column),
    );
  };

  return async (
    appends: AsyncIterable<StreamAppend> | Iterable<StreamAppend>,
    onAppend: OnAppend,
  ): Promise<StreamAppendsResult> => {
    const recordedAt = options.now();
    const outcome = await access.session('appending to several streams', async (client) => {
      await client.query(`BEGIN; CREATE TEMPORARY TABLE ${STAGED} (
        seq bigint PRIMARY KEY, append_no bigint NOT NULL, stream_id text NOT NULL,
        expected text NOT NULL, event_id text, type text, data text, metadata text,
        recorded_at timestamptz) ON COMMIT DROP`);
      let seq = 0;
      let taken = 0;
      let held: unknown[][] = [];
      try {
        for await (const append of appends) {
          validateAppend(append.streamId, append.events, append.expectedRevision);
          const expected = expectedAsText(append.expectedRevision);
          // An empty append is one row with no event: it is still checked when written.
          const events = append.events.length === 0 ? [undefined] : append.events;
          for (const e of events)
            held.push([
              ++seq,
              taken,
              append.streamId,
              expected,
              e?.eventId ?? null,
              e?.type ?? null,
              e?.data ?? null,
              e?.metadata ?? null,
              e?.recordedAt?.toISOString() ?? null,
            ]);
          taken++;
          if (held.length >= STAGE_EVERY) {
            await stage(client, held);
            held = [];
          }
        }
      } catch (error) {
        await client.query('ROLLBACK');
        return new SourceFailed(error);
      }
      if (held.length > 0) await stage(client, held);

      await client.query(`SELECT pg_advisory_xact_lock(${lockKey})`);
      const query = onClient(client);
      let eventsWritten = 0;
      let position = -1n;
      let current: { no: string; rows: unknown[][] } | undefined;
      const write = async (): Promise<void> => {
        if (current === undefined) return;
        const [first] = current.rows;
        const streamId = first?.[2] as string;
        const expected = expectedFromText(first?.[3] as string);
        const events: EventToAppend[] = current.rows
          .filter((r) => r[4] !== null)
          .map((r) => ({
            eventId: r[4] as string,
            type: r[5] as string,
            data: r[6] as string,
            metadata: r[7] as string,
            ...(r[8] === null ? {} : { recordedAt: r[8] as Date }),
          }));
        current = undefined;
        onAppend({ streamId, expectedRevision: expected });
        const { result, written } = await appendRows(
          query,
          statements,
          { channel, recordedAt },
          streamId,
          events,
          expected,
        );
        if (written > 0) {
          eventsWritten += written;
          position = result.position;
        }
      };
      let after = 0;
      for (;;) {
        const page = (
          await client.query<unknown[]>({
            text: `SELECT seq, append_no, stream_id, expected, event_id, type, data, metadata,
                          recorded_at
                     FROM ${STAGED} WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`,
            values: [after],
            rowMode: 'array',
          })
        ).rows;
        for (const row of page) {
          const no = row[1] as string;
          if (current !== undefined && current.no !== no) await write();
          current ??= { no, rows: [] };
          current.rows.push(row);
        }
        const last = page[page.length - 1];
        if (last === undefined || page.length < PAGE) break;
        after = Number(last[0]);
      }
      await write();
      await client.query('COMMIT');
      return { appends: taken, eventsWritten, position };
    });
    if (outcome instanceof SourceFailed) throw outcome.error;
    return outcome;
  };
};
