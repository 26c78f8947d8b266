import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import type { EventToAppend, ExpectedRevision } from '../../src/kernel/event-store';
import { StoreError } from '../../src/kernel/store-errors';
import { checkExpected } from '../../src/store/expected-revision';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite-event-store';
import { LEDGER_APPLICATION_ID, SQLITE_SCHEMA_VERSION } from '../../src/store/sqlite-options';
import { createV1File, readV1File, type V1Contents } from '../support/sqlite-schema-v1';
import { linesOf, startScript } from '../support/sqlite-processes';
import { scaled } from '../support/time-scale';
import { collect } from '../support/collect';

jest.setTimeout(scaled(60_000));

const directory = mkdtempSync(join(tmpdir(), 'ledger-sqlite-migration-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;
const newFile = (): string => join(directory, `store-${++files}.db`);

let n = 0;
const anEvent = (): EventToAppend => {
  n++;
  return {
    eventId: uuidv4(),
    type: 'Noted',
    data: JSON.stringify({ n, text: `note ${n}` }),
    metadata: JSON.stringify({ by: 'test', n }),
  };
};
const events = (count: number): EventToAppend[] => Array.from({ length: count }, anEvent);

/**
 * A version-1 file with every kind of stream, its appends interleaved and times distinct:
 *
 * - `Normal-1`: seven events, never deleted
 * - `SoftDeleted-2`: three events, then soft-deleted
 * - `Tombstoned-3`: tombstoned before any event
 * - `Tombstoned-4`: three events, then tombstoned
 * - `Recreated-5`: two events, soft-deleted, then two more (visible from revision 2)
 *
 * Positions skip from 12 to 1000 halfway.
 */
const writeV1Fixture = (file: string): void => {
  const v1 = createV1File(file);
  let ms = Date.parse('2025-09-10T08:30:00.000Z');
  const at = (): Date => new Date((ms += 1234));
  try {
    v1.append('Normal-1', events(1), at());
    v1.append('SoftDeleted-2', events(2), at());
    v1.append('Tombstoned-4', events(1), at());
    v1.append('Normal-1', events(2), at());
    v1.append('Recreated-5', events(2), at());
    v1.append('SoftDeleted-2', events(1), at());
    v1.append('Tombstoned-4', events(1), at());
    v1.softDelete('SoftDeleted-2');
    v1.tombstone('Tombstoned-3');
    v1.append('Normal-1', events(2), at());
    v1.skipPositionsTo(1000);
    v1.softDelete('Recreated-5');
    v1.append('Tombstoned-4', events(1), at());
    v1.tombstone('Tombstoned-4');
    v1.append('Recreated-5', events(1), at());
    v1.append('Normal-1', events(1), at());
    v1.append('Recreated-5', events(1), at());
    v1.append('Normal-1', events(1), at());
  } finally {
    v1.close();
  }
};

const fixtureStreams = [
  'Normal-1',
  'SoftDeleted-2',
  'Tombstoned-3',
  'Tombstoned-4',
  'Recreated-5',
  'NeverWritten-6',
] as const;

interface RawFile {
  readonly version: unknown;
  readonly applicationId: unknown;
  readonly schemaCookie: unknown;
  readonly schema: readonly { type: string; name: string; sql: string | null }[];
  readonly sequence: readonly unknown[] | undefined;
  readonly streamsRows: readonly unknown[];
}

/** What a file holds beyond its events, read directly. */
const inspect = (file: string): RawFile => {
  const raw = new Database(file, { readonly: true });
  try {
    const schema = raw
      .prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name')
      .all() as RawFile['schema'];
    return {
      version: raw.prepare('SELECT version FROM ledger_schema').pluck().get(),
      applicationId: raw.pragma('application_id', { simple: true }),
      schemaCookie: raw.pragma('schema_version', { simple: true }),
      schema,
      sequence: schema.some((s) => s.name === 'sqlite_sequence')
        ? raw.prepare('SELECT * FROM sqlite_sequence').all()
        : undefined,
      streamsRows: raw.prepare('SELECT * FROM streams ORDER BY stream_id').all(),
    };
  } finally {
    raw.close();
  }
};

/** The tables and indexes of a file as DDL, without SQLite's own bookkeeping. */
const ddlOf = (file: RawFile): RawFile['schema'] =>
  file.schema.filter((s) => s.name !== 'sqlite_sequence');

type Outcome = { next: bigint } | { kind: string; actual?: unknown; deletion?: unknown };

const outcomeOf = (error: unknown): Outcome => {
  if (!(error instanceof StoreError)) throw error;
  return {
    kind: error.kind,
    ...('actual' in error ? { actual: error.actual } : {}),
    ...('deletion' in error ? { deletion: error.deletion } : {}),
  };
};

/** What version 1 answered: the same rules, given the view its `streams` row made. */
const v1Answer = (v1: V1Contents, streamId: string, expected: ExpectedRevision): Outcome => {
  const view = v1.streams.get(streamId);
  try {
    checkExpected(streamId, view, expected);
    return { next: view?.lastRevision ?? -1n };
  } catch (error) {
    return outcomeOf(error);
  }
};

/** What the store answers now; an empty batch checks the expectation and writes nothing. */
const answer = async (
  store: SqliteEventStore,
  streamId: string,
  expected: ExpectedRevision,
): Promise<Outcome> => {
  try {
    return {
      next: (await store.appendToStream(streamId, [], { expectedRevision: expected }))
        .nextExpectedRevision,
    };
  } catch (error) {
    return outcomeOf(error);
  }
};

describe('opening a version-1 SQLite file', () => {
  it('is a genuine version-1 file before it is opened', () => {
    const file = newFile();
    writeV1Fixture(file);
    const before = inspect(file);
    expect(before.version).toBe(1);
    expect(before.applicationId).toBe(LEDGER_APPLICATION_ID);
    expect(before.schema.find((s) => s.name === 'events')?.sql).toContain('AUTOINCREMENT');
    expect(before.sequence).toEqual([{ name: 'events', seq: 1004 }]);
    const { events: rows, streams } = readV1File(file);
    expect(rows.map((e) => e.position)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => BigInt(i + 1)),
      1000n,
      1001n,
      1002n,
      1003n,
      1004n,
    ]);
    expect(streams.get('Tombstoned-3')).toEqual({
      lastRevision: -1n,
      visibleFrom: 0n,
      tombstoned: true,
    });
    expect(streams.get('SoftDeleted-2')).toEqual({
      lastRevision: 2n,
      visibleFrom: 3n,
      tombstoned: false,
    });
  });

  it('migrates it in place to the current version, keeping the marks of a ledger store', async () => {
    const file = newFile();
    writeV1Fixture(file);
    await openSqliteEventStore(file).close();
    const fresh = newFile();
    await openSqliteEventStore(fresh).close();

    const after = inspect(file);
    expect(SQLITE_SCHEMA_VERSION).toBe(3);
    expect(after.version).toBe(3);
    expect(after.applicationId).toBe(LEDGER_APPLICATION_ID);
    // The same tables and indexes, with the same text, as a file created by this version.
    expect(ddlOf(after)).toEqual(ddlOf(inspect(fresh)));
    // SQLite keeps sqlite_sequence once it existed; it is left empty and nothing writes it.
    expect(after.sequence).toEqual([]);
    // Only the streams a delete touched keep a row.
    expect(after.streamsRows).toEqual([
      { stream_id: 'Recreated-5', visible_from: 2, tombstoned: 0 },
      { stream_id: 'SoftDeleted-2', visible_from: 3, tombstoned: 0 },
      { stream_id: 'Tombstoned-3', visible_from: 0, tombstoned: 1 },
      { stream_id: 'Tombstoned-4', visible_from: 0, tombstoned: 1 },
    ]);
  });

  it('reads exactly the events version 1 wrote, with their positions, in every order', async () => {
    const file = newFile();
    writeV1Fixture(file);
    const v1 = readV1File(file);
    const store = openSqliteEventStore(file, { pageSize: 3 });
    try {
      expect(await collect(store.readAll())).toEqual(v1.events);
      expect(await collect(store.readAll({ direction: 'backwards' }))).toEqual(
        [...v1.events].reverse(),
      );
      expect(await collect(store.readAll({ fromPosition: 12n, maxCount: 2 }))).toEqual(
        v1.events.filter((e) => e.position >= 12n).slice(0, 2),
      );
      for (const streamId of ['Normal-1', 'Recreated-5']) {
        const view = v1.streams.get(streamId);
        const visible = v1.events.filter(
          (e) => e.streamId === streamId && e.revision >= (view?.visibleFrom ?? 0n),
        );
        expect(visible.length).toBeGreaterThan(0);
        expect(await collect(store.readStream(streamId))).toEqual(visible);
        expect(await collect(store.readStream(streamId, { direction: 'backwards' }))).toEqual(
          [...visible].reverse(),
        );
      }
    } finally {
      await store.close();
    }
  });

  it('answers every expected revision as version 1 did, for every kind of stream', async () => {
    const file = newFile();
    writeV1Fixture(file);
    const v1 = readV1File(file);
    const store = openSqliteEventStore(file);
    try {
      for (const streamId of fixtureStreams) {
        const last = v1.streams.get(streamId)?.lastRevision ?? -1n;
        const expectations: ExpectedRevision[] = ['any', 'no_stream', 'stream_exists', 0n];
        for (const r of [last - 1n, last, last + 1n]) if (r >= 0n) expectations.push(r);
        for (const expected of expectations)
          expect({ streamId, expected, outcome: await answer(store, streamId, expected) }).toEqual({
            streamId,
            expected,
            outcome: v1Answer(v1, streamId, expected),
          });
      }
    } finally {
      await store.close();
    }
  });

  it('keeps soft-deleted and tombstoned streams as they were, and appends after every migrated position', async () => {
    const file = newFile();
    writeV1Fixture(file);
    const v1 = readV1File(file);
    const lastPosition = v1.events[v1.events.length - 1]?.position ?? 0n;
    const store = openSqliteEventStore(file);
    try {
      await expect(collect(store.readStream('SoftDeleted-2'))).rejects.toMatchObject({
        kind: 'StreamNotFound',
      });
      for (const streamId of ['Tombstoned-3', 'Tombstoned-4']) {
        await expect(collect(store.readStream(streamId))).rejects.toMatchObject({
          kind: 'StreamDeleted',
        });
        await expect(
          store.appendToStream(streamId, events(1), { expectedRevision: 'any' }),
        ).rejects.toMatchObject({ kind: 'StreamDeleted', deletion: 'tombstoned' });
      }

      // A soft-deleted stream answers to its old last revision and continues after it.
      const revived = events(1);
      const result = await store.appendToStream('SoftDeleted-2', revived, {
        expectedRevision: 2n,
      });
      expect(result.nextExpectedRevision).toBe(3n);
      expect(result.position).toBeGreaterThan(lastPosition);
      expect((await collect(store.readStream('SoftDeleted-2'))).map((e) => e.eventId)).toEqual(
        revived.map((e) => e.eventId),
      );

      const next = await store.appendToStream('Normal-1', events(2), { expectedRevision: 6n });
      expect(next).toEqual({ nextExpectedRevision: 8n, position: result.position + 2n });

      // A retried append of migrated events is recognised through the migrated id index.
      const normal = v1.events.filter((e) => e.streamId === 'Normal-1');
      const retried = normal.slice(3, 5);
      const again = await store.appendToStream(
        'Normal-1',
        retried.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
        { expectedRevision: 'any' },
      );
      expect(again).toEqual({
        nextExpectedRevision: retried[1]?.revision,
        position: retried[1]?.position,
      });
      expect(await collect(store.readAll({ fromPosition: lastPosition + 1n }))).toHaveLength(3);
    } finally {
      await store.close();
    }
  });

  it('does nothing when the migrated file is opened again', async () => {
    const file = newFile();
    writeV1Fixture(file);
    const first = openSqliteEventStore(file);
    const stored = await collect(first.readAll());
    await first.close();
    const migrated = inspect(file);
    expect(migrated.version).toBe(3);

    const again = openSqliteEventStore(file);
    try {
      expect(await collect(again.readAll())).toEqual(stored);
    } finally {
      await again.close();
    }
    // The schema cookie moves with every change to the schema: none was made.
    expect(inspect(file)).toEqual(migrated);
  });

  it('is migrated once when several processes open it at the same time', async () => {
    // Enough events that the migration takes a while, so the openers overlap.
    const file = newFile();
    const v1 = createV1File(file);
    const recordedAt = new Date('2025-09-10T08:30:00.000Z');
    for (let s = 0; s < 20; s++) v1.append(`Meeting-${s}`, events(1000), recordedAt);
    v1.softDelete('Meeting-3');
    v1.close();
    const alone = newFile();
    copyFileSync(file, alone);
    const before = readV1File(file);

    // The same file opened by one process: the schema cookie a single migration leaves.
    await openSqliteEventStore(alone).close();
    const once = inspect(alone);

    const openers = [0, 1, 2].map(() => startScript('sqlite-opener.ts', [file]));
    const outputs = openers.map(linesOf);
    await Promise.all(outputs.map((o) => o.waitFor('ready')));
    for (const opener of openers) opener.stdin.end('go\n');
    const codes = await Promise.all(outputs.map((o) => o.exited));
    expect({ codes, stderr: outputs.map((o) => o.stderr()) }).toEqual({
      codes: [0, 0, 0],
      stderr: ['', '', ''],
    });
    expect(outputs.map((o) => o.lines)).toEqual([0, 1, 2].map(() => ['ready', 'opened 20000']));

    // A second migration would rename and recreate the tables again and move the cookie on.
    expect(inspect(file)).toEqual(once);
    const store = openSqliteEventStore(file);
    try {
      expect(await collect(store.readAll())).toEqual(before.events);
    } finally {
      await store.close();
    }
  });
});

describe('a file of the current version', () => {
  it('has no sqlite_sequence, and an append writes no streams row', async () => {
    const file = newFile();
    const store = openSqliteEventStore(file);
    try {
      await store.appendToStream('Meeting-1', events(3), { expectedRevision: 'no_stream' });
      await store.appendToStream('Meeting-1', events(1), { expectedRevision: 2n });
      await store.appendToStream('Meeting-2', events(1), { expectedRevision: 'any' });
      let contents = inspect(file);
      expect(contents.sequence).toBeUndefined();
      expect(contents.schema.find((s) => s.name === 'events')?.sql).not.toContain('AUTOINCREMENT');
      expect(contents.streamsRows).toEqual([]);

      // Only a delete writes one.
      await store.deleteStream('Meeting-1', { mode: 'soft' });
      await store.deleteStream('Meeting-3', { mode: 'tombstone' });
      contents = inspect(file);
      expect(contents.streamsRows).toEqual([
        { stream_id: 'Meeting-1', visible_from: 4, tombstoned: 0 },
        { stream_id: 'Meeting-3', visible_from: 0, tombstoned: 1 },
      ]);
    } finally {
      await store.close();
    }
  });
});
