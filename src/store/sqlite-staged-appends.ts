import type { SqliteDatabase } from './sqlite-driver';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  StreamAppend,
} from '../kernel/event-store';
import { validateAppend } from '../kernel/append-validation';

/**
 * `appendToStreams` for the embedded file. One SQLite transaction writes the whole of it, and a
 * transaction cannot stay open across the awaits of reading the appends (every other call on the
 * connection would land inside it), so the appends are first staged in a temporary table of this
 * connection, which only this connection sees and which takes no lock on the file, and then
 * written from there in one synchronous transaction: nothing else on the connection runs in
 * between, other connections see all of it or none, and memory stays bounded by one page.
 */

interface StagedRow {
  readonly seq: number;
  readonly append_no: number;
  readonly stream_id: string;
  readonly expected: string;
  readonly event_id: string | null;
  readonly type: string | null;
  readonly data: string | null;
  readonly metadata: string | null;
  readonly recorded_at: number | null;
}

export interface StagedAppendsOptions {
  /**
   * One append inside the caller's transaction: checked, then written or thrown; `written` is
   * how many events it wrote (none for an idempotent one).
   */
  readonly appendRows: (
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    recordedAt: number,
  ) => { readonly result: AppendResult; readonly written: number };
  /** Runs a database step, turning engine faults into store errors. */
  readonly guarded: <T>(doing: string, step: () => T) => T;
  readonly now: () => Date;
  /** Called once the write has committed events. */
  readonly committed: () => void;
}

/** Appends held in memory before they are staged, counted in events. */
const STAGE_EVERY = 2_000;
const PAGE = 1_000;

const expectedAsText = (expected: ExpectedRevision): string =>
  typeof expected === 'bigint' ? expected.toString() : expected;

const expectedFromText = (text: string): ExpectedRevision =>
  text === 'any' || text === 'no_stream' || text === 'stream_exists' ? text : BigInt(text);

export const sqliteStagedAppends = (
  db: SqliteDatabase,
  options: StagedAppendsOptions,
): NonNullable<EventStore['appendToStreams']> => {
  let writes = 0;
  return async (appends) => {
    // A table of its own per write: writes may overlap, and dropping a table is quicker than
    // deleting its rows.
    const table = `temp.staged_appends_${++writes}`;
    const recordedAt = options.now().getTime();
    options.guarded('staging appends', () =>
      db.exec(
        `CREATE TABLE ${table} (
           seq INTEGER PRIMARY KEY, append_no INTEGER NOT NULL,
           stream_id TEXT NOT NULL, expected TEXT NOT NULL,
           event_id TEXT, type TEXT, data TEXT, metadata TEXT, recorded_at INTEGER)`,
      ),
    );
    const insert = db.prepare(
      `INSERT INTO ${table}
         (seq, append_no, stream_id, expected, event_id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let seq = 0;
    const stage = db.transaction((held: readonly StreamAppend[], firstAppend: number) => {
      held.forEach((append, i) => {
        const expected = expectedAsText(append.expectedRevision);
        // An empty append is one row with no event: it is still checked when written.
        const rows = append.events.length === 0 ? [undefined] : append.events;
        for (const e of rows)
          insert.run(
            ++seq,
            firstAppend + i,
            append.streamId,
            expected,
            e?.eventId ?? null,
            e?.type ?? null,
            e?.data ?? null,
            e?.metadata ?? null,
            e?.recordedAt?.getTime() ?? null,
          );
      });
    });
    let taken = 0;
    let held: StreamAppend[] = [];
    let heldEvents = 0;
    const flush = (): void => {
      options.guarded('staging appends', () => stage(held, taken - held.length));
      held = [];
      heldEvents = 0;
    };
    // A closed connection took its temporary table with it: then there is nothing to discard.
    const discard = (): void => {
      if (db.open) db.exec(`DROP TABLE IF EXISTS ${table}`);
    };
    try {
      for await (const append of appends) {
        validateAppend(append.streamId, append.events, append.expectedRevision);
        held.push(append);
        taken++;
        heldEvents += Math.max(1, append.events.length);
        if (heldEvents >= STAGE_EVERY) flush();
      }
      flush();
      const page = db.prepare(
        `SELECT seq, append_no, stream_id, expected, event_id, type, data, metadata, recorded_at
           FROM ${table} WHERE seq > ? ORDER BY seq LIMIT ?`,
      );
      const written = options.guarded('writing the staged appends', () =>
        db
          .transaction(() => {
            let eventsWritten = 0;
            let position = -1n;
            let current: { no: number; rows: StagedRow[] } | undefined;
            const write = (): void => {
              if (current === undefined) return;
              const first = current.rows[0] as StagedRow;
              const events: EventToAppend[] = current.rows
                .filter((r) => r.event_id !== null)
                .map((r) => ({
                  eventId: r.event_id as string,
                  type: r.type as string,
                  data: r.data as string,
                  metadata: r.metadata as string,
                  ...(r.recorded_at === null ? {} : { recordedAt: new Date(r.recorded_at) }),
                }));
              const expected = expectedFromText(first.expected);
              const { result, written } = options.appendRows(
                first.stream_id,
                events,
                expected,
                recordedAt,
              );
              if (written > 0) {
                eventsWritten += written;
                position = result.position;
              }
              current = undefined;
            };
            let rows = page.all(0, PAGE) as StagedRow[];
            while (rows.length > 0) {
              for (const row of rows) {
                if (current !== undefined && current.no !== row.append_no) write();
                current ??= { no: row.append_no, rows: [] };
                current.rows.push(row);
              }
              rows = page.all((rows[rows.length - 1] as StagedRow).seq, PAGE) as StagedRow[];
            }
            write();
            return { appends: taken, eventsWritten, position };
          })
          .immediate(),
      );
      if (written.eventsWritten > 0) options.committed();
      return written;
    } finally {
      discard();
    }
  };
};
