import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import type { EventToAppend, StoredEvent, SubscriptionMessage } from '../../src/kernel/event-store';
import * as E from 'fp-ts/Either';
import { BilateralMeeting } from '../../src/domain/bilateral-meeting';
import { handleCommand } from '../../src/kernel/command-handler';
import { createStateCache } from '../../src/kernel/state-cache';
import { isStoreError } from '../../src/kernel/store-errors';
import { context } from '../support/context';
import { noteFact, recordMeeting } from '../support/meeting';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { LEDGER_APPLICATION_ID, SQLITE_SCHEMA_VERSION } from '../../src/store/sqlite-options';
import { linesOf, startScript } from '../support/sqlite-processes';
import { scaled } from '../support/time-scale';
import { collect } from '../support/collect';

jest.setTimeout(scaled(30_000));

const directory = mkdtempSync(join(tmpdir(), 'ledger-sqlite-store-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;
const newFile = (): string => join(directory, `store-${++files}.db`);

const anEvent = (n: number): EventToAppend => ({
  eventId: uuidv4(),
  type: 'Noted',
  data: JSON.stringify({ n }),
  metadata: JSON.stringify({ by: 'test' }),
});

/** What opening `file` is refused with; fails if it opens. */
const refusal = (file: string): Error => {
  try {
    openSqliteEventStore(file);
  } catch (error) {
    if (!isStoreError(error, 'StoreUnavailable'))
      throw new Error(`expected StoreUnavailable, got ${String(error)}`, { cause: error });
    return error;
  }
  throw new Error(`${file} opened`);
};

/** Takes messages until `count` events of `streamId` arrived, or fails after `ms`. */
const eventsFrom = async (
  messages: AsyncIterator<SubscriptionMessage>,
  streamId: string,
  count: number,
  ms = 5000,
): Promise<StoredEvent[]> => {
  const got: StoredEvent[] = [];
  const deadline = Date.now() + ms;
  while (got.length < count) {
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      messages.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`only ${got.length} of ${count} events arrived`)),
          Math.max(1, deadline - Date.now()),
        );
      }),
    ]).finally(() => clearTimeout(timer));
    if (next.done === true) throw new Error('the subscription ended');
    if (next.value.kind === 'event' && next.value.event.streamId === streamId)
      got.push(next.value.event);
  }
  return got;
};

describe('the SQLite store', () => {
  it('keeps every event, with its position, revision and recorded time, after the file is closed and reopened', async () => {
    const file = newFile();
    const recordedAt = new Date('2025-09-10T08:30:00.123Z');
    const first = openSqliteEventStore(file, { now: () => recordedAt });
    await first.appendToStream('Meeting-1', [anEvent(0), anEvent(1)], {
      expectedRevision: 'no_stream',
    });
    await first.appendToStream('Meeting-2', [anEvent(2)], { expectedRevision: 'no_stream' });
    await first.deleteStream('Meeting-2', { mode: 'soft' });
    const before = await collect(first.readAll());
    await first.close();

    const again = openSqliteEventStore(file);
    try {
      expect(await collect(again.readAll())).toEqual(before);
      expect(before.map((e) => e.recordedAt.toISOString())).toEqual([
        recordedAt.toISOString(),
        recordedAt.toISOString(),
        recordedAt.toISOString(),
      ]);
      const result = await again.appendToStream('Meeting-1', [anEvent(3)], {
        expectedRevision: 1n,
      });
      expect(result.nextExpectedRevision).toBe(2n);
      await expect(collect(again.readStream('Meeting-2'))).rejects.toMatchObject({
        kind: 'StreamNotFound',
      });
    } finally {
      await again.close();
    }
  });

  it('writes a WAL-mode file marked as a ledger store, with its schema version', async () => {
    const file = newFile();
    await openSqliteEventStore(file).close();
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('application_id', { simple: true })).toBe(LEDGER_APPLICATION_ID);
      expect(SQLITE_SCHEMA_VERSION).toBe(3);
      expect(raw.prepare('SELECT version FROM ledger_schema').pluck().get()).toBe(3);
      const schema = raw
        .prepare('SELECT type, name, tbl_name FROM sqlite_schema ORDER BY name')
        .all();
      expect(schema).toEqual([
        { type: 'table', name: 'events', tbl_name: 'events' },
        { type: 'index', name: 'events_by_stream_and_id', tbl_name: 'events' },
        { type: 'table', name: 'ledger_schema', tbl_name: 'ledger_schema' },
        { type: 'index', name: 'sqlite_autoindex_events_1', tbl_name: 'events' },
        { type: 'table', name: 'streams', tbl_name: 'streams' },
        { type: 'table', name: 'tree_leaves', tbl_name: 'tree_leaves' },
        { type: 'table', name: 'tree_subtrees', tbl_name: 'tree_subtrees' },
      ]);
      const events = String(
        raw.prepare("SELECT sql FROM sqlite_schema WHERE name = 'events'").pluck().get(),
      );
      expect(events).toContain('position INTEGER PRIMARY KEY,');
      expect(events).not.toContain('AUTOINCREMENT');
      expect(events).toContain('UNIQUE (stream_id, revision)');
      // Only deletes are kept per stream; the last revision comes from the events.
      expect(
        raw.prepare("SELECT name FROM pragma_table_info('streams') ORDER BY cid").pluck().all(),
      ).toEqual(['stream_id', 'visible_from', 'tombstoned']);
    } finally {
      raw.close();
    }
  });

  it('refuses a file that is not a database, naming the file and the problem', () => {
    const file = newFile();
    writeFileSync(file, 'minutes of the meeting, not a database\n'.repeat(200));
    const error = refusal(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain('is not a SQLite database');
  });

  it('refuses a SQLite database that holds something else, naming its tables', () => {
    const file = newFile();
    const raw = new Database(file);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    raw.close();
    const error = refusal(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain('invoices');
    expect(error.message).toContain('not a diplomatic-ledger store');
  });

  it('refuses a store written by a newer schema version', async () => {
    const file = newFile();
    await openSqliteEventStore(file).close();
    const raw = new Database(file);
    raw.prepare('UPDATE ledger_schema SET version = ?').run(SQLITE_SCHEMA_VERSION + 1);
    raw.close();
    const error = refusal(file);
    expect(error.message).toContain(`schema version ${SQLITE_SCHEMA_VERSION + 1}`);
  });

  it('lets a state cache on one connection fold in what another connection appended', async () => {
    const file = newFile();
    const mine = openSqliteEventStore(file);
    const theirs = openSqliteEventStore(file);
    const cache = createStateCache();
    const fact = noteFact;
    try {
      await handleCommand(mine, BilateralMeeting, recordMeeting, context(), { cache });
      await handleCommand(theirs, BilateralMeeting, fact('theirs'), context());
      const again = await handleCommand(mine, BilateralMeeting, fact('theirs'), context(), {
        cache,
      });
      expect(E.isLeft(again) && again.left).toMatchObject({ rule: 'FactAlreadyNoted' });
      const next = await handleCommand(mine, BilateralMeeting, fact('mine'), context(), {
        cache,
      });
      expect(E.isRight(next) && next.right.revision).toBe(2n);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it('refuses to round a stored position beyond 2^53, naming the file', async () => {
    const file = newFile();
    const store = openSqliteEventStore(file);
    try {
      await store.appendToStream('Meeting-1', [anEvent(0)], { expectedRevision: 'no_stream' });
      const raw = new Database(file);
      raw.prepare('UPDATE events SET position = ?').run(2n ** 60n + 1n);
      raw.close();
      for (const read of [store.readAll(), store.readStream('Meeting-1')])
        await expect(collect(read)).rejects.toMatchObject({
          kind: 'StoreUnavailable',
          message: expect.stringContaining(`${file}: a stored position or revision`),
        });
    } finally {
      await store.close();
    }
  });

  it('refuses a file in a folder that does not exist', () => {
    const file = join(directory, 'no-such-folder', 'store.db');
    expect(refusal(file).message).toContain(file);
  });

  it('refuses every verb once closed, as unavailable', async () => {
    const store = openSqliteEventStore(newFile());
    await store.close();
    await store.close();
    await expect(
      store.appendToStream('Meeting-1', [anEvent(0)], { expectedRevision: 'any' }),
    ).rejects.toMatchObject({ kind: 'StoreUnavailable' });
    await expect(collect(store.readAll())).rejects.toMatchObject({ kind: 'StoreUnavailable' });
    await expect(collect(store.readStream('Meeting-1'))).rejects.toMatchObject({
      kind: 'StoreUnavailable',
    });
    await expect(store.deleteStream('Meeting-1', { mode: 'soft' })).rejects.toMatchObject({
      kind: 'StoreUnavailable',
    });
  });

  it('lets a reader page through a stream while the same store appends to it', async () => {
    const store = openSqliteEventStore(newFile(), { pageSize: 2 });
    try {
      await store.appendToStream('Meeting-1', [0, 1, 2, 3, 4].map(anEvent), {
        expectedRevision: 'no_stream',
      });
      const seen: bigint[] = [];
      let next = 4n;
      for await (const event of store.readStream('Meeting-1')) {
        seen.push(event.revision);
        await store.appendToStream('Meeting-1', [anEvent(9)], { expectedRevision: next });
        next++;
      }
      // Bounds are fixed when the read starts; readAll, unbounded, sees what came later.
      expect(seen).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(await collect(store.readAll())).toHaveLength(10);
    } finally {
      await store.close();
    }
  });

  it('ends its subscriptions when closed', async () => {
    const store = openSqliteEventStore(newFile());
    const messages = store.subscribeToAll()[Symbol.asyncIterator]();
    expect(await messages.next()).toEqual({ done: false, value: { kind: 'caughtUp' } });
    const pending = messages.next();
    await store.close();
    expect(await pending).toEqual({ done: true, value: undefined });
  });

  it('delivers to a subscription the events another connection to the same file appends', async () => {
    const file = newFile();
    const reader = openSqliteEventStore(file, { pollIntervalMs: 10 });
    const writer = openSqliteEventStore(file);
    const sub = reader.subscribeToAll();
    try {
      const messages = sub[Symbol.asyncIterator]();
      expect(await messages.next()).toEqual({ done: false, value: { kind: 'caughtUp' } });
      const sent = [anEvent(0), anEvent(1)];
      await writer.appendToStream('Meeting-1', sent, { expectedRevision: 'no_stream' });
      const got = await eventsFrom(messages, 'Meeting-1', 2);
      expect(got.map((e) => e.eventId)).toEqual(sent.map((e) => e.eventId));
    } finally {
      await sub.close();
      await reader.close();
      await writer.close();
    }
  });

  it('delivers to a subscription the events another process appends', async () => {
    const file = newFile();
    const reader = openSqliteEventStore(file, { pollIntervalMs: 20 });
    const sub = reader.subscribeToAll();
    try {
      const messages = sub[Symbol.asyncIterator]();
      expect(await messages.next()).toEqual({ done: false, value: { kind: 'caughtUp' } });
      const child = linesOf(startScript('sqlite-writer.ts', ['append', file, 'Meeting-7', '25']));
      const got = await eventsFrom(messages, 'Meeting-7', 25, 20_000);
      expect(got.map((e) => e.revision)).toEqual(Array.from({ length: 25 }, (_, i) => BigInt(i)));
      expect(await child.exited).toBe(0);
      expect(child.lines).toContain('done');
    } finally {
      await sub.close();
      await reader.close();
    }
  });
});
