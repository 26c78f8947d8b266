import Database from 'better-sqlite3';
import * as E from 'fp-ts/Either';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MoU,
  auditTrail,
  createInMemoryEventStore,
  exportHistory,
  handleCommand,
  importHistory,
  libraryEvents,
  openSqliteEventStore,
  recordPakistanBahrain2025,
  stateAsOf,
  verifyAll,
  type EventStore,
  type StoredEvent,
} from '../../src';
import { context } from '../support/context';

/**
 * The instant an event is recorded is stamped by the library before sealing and covered by the
 * event's hash (link version 2), so a store whose `recorded_at` is set back no longer agrees
 * with its own events, and a copy keeps the original instants.
 */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sealed-recorded-at-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stored = async (store: EventStore): Promise<StoredEvent[]> => {
  const all: StoredEvent[] = [];
  for await (const event of store.readAll()) all.push(event);
  return all;
};

/** A clock that moves one hour every time it is read, so each command has an instant of its own. */
const hourly = (from = '2025-09-10T09:00:00.000Z'): (() => Date) => {
  let at = Date.parse(from);
  return () => new Date((at += 3_600_000));
};

const DAY = 86_400_000;

describe('a sealed recordedAt', () => {
  it('is written into every event’s metadata and kept by the store as sealed', async () => {
    const store = createInMemoryEventStore({ now: hourly() });
    await recordPakistanBahrain2025(store);
    const events = await stored(store);
    expect(events.length).toBeGreaterThan(10);
    for (const event of events) {
      const metadata = JSON.parse(event.metadata) as {
        recordedAt: string;
        integrity: { version?: number };
      };
      expect(metadata.integrity.version).toBe(2);
      expect(metadata.recordedAt).toBe(event.recordedAt.toISOString());
    }
    expect((await verifyAll(store)).intact).toBe(true);
  });

  it('catches recorded_at set back 400 days in the embedded file, naming the event', async () => {
    const file = join(dir, 'late-entry.db');
    const store = openSqliteEventStore(file, { now: hourly() });
    await recordPakistanBahrain2025(store);
    await store.close();
    const raw = new Database(file);
    const victim = raw
      .prepare('SELECT position FROM events ORDER BY position LIMIT 1 OFFSET 5')
      .get() as {
      position: number;
    };
    raw
      .prepare('UPDATE events SET recorded_at = recorded_at - ? WHERE position = ?')
      .run(400 * DAY, victim.position);
    raw.close();
    const reopened = openSqliteEventStore(file);
    try {
      const report = await verifyAll(reopened);
      expect(report.intact).toBe(false);
      expect(report.findings).toHaveLength(1);
      expect(report.firstProblem).toMatchObject({
        problem: 'recordedAtAltered',
        position: BigInt(victim.position),
      });
      // Readers go by the sealed instant, not the edited column.
      const entries = [];
      for await (const entry of auditTrail(reopened, libraryEvents)) entries.push(entry);
      const edited = entries.find(
        (e) => E.isRight(e) && e.right.position === BigInt(victim.position),
      );
      expect(edited !== undefined && E.isRight(edited) && edited.right.integrity).toBe(
        'recordedAtAltered',
      );
      const all = await stored(reopened);
      const sealed = all.find((e) => e.position === BigInt(victim.position));
      const metadata = JSON.parse(sealed?.metadata ?? '{}') as { recordedAt?: string };
      expect(
        edited !== undefined && E.isRight(edited) && edited.right.recordedAt.toISOString(),
      ).toBe(metadata.recordedAt);
    } finally {
      await reopened.close();
    }
  });

  it('cannot be dropped by downgrading the link to version 1', async () => {
    const file = join(dir, 'downgrade.db');
    const store = openSqliteEventStore(file, { now: hourly() });
    await recordPakistanBahrain2025(store);
    await store.close();
    const raw = new Database(file);
    const row = raw
      .prepare('SELECT position, metadata FROM events ORDER BY position LIMIT 1 OFFSET 3')
      .get() as {
      position: number;
      metadata: string;
    };
    const metadata = JSON.parse(row.metadata) as { integrity: Record<string, unknown> };
    delete metadata.integrity.version;
    raw
      .prepare('UPDATE events SET metadata = ? WHERE position = ?')
      .run(JSON.stringify(metadata), row.position);
    raw.close();
    const reopened = openSqliteEventStore(file);
    try {
      const report = await verifyAll(reopened);
      expect(report.firstProblem).toMatchObject({
        problem: 'eventAltered',
        position: BigInt(row.position),
      });
    } finally {
      await reopened.close();
    }
  });

  it('travels with an export: the copy keeps the instants and answers "what did we know" alike', async () => {
    const original = createInMemoryEventStore({ now: hourly('2025-12-01T09:00:00.000Z') });
    await recordPakistanBahrain2025(original);
    const agreed = await handleCommand(
      original,
      MoU,
      {
        type: 'AgreeText',
        mouId: 'pk-bh-extradition',
        textVersion: 1,
        textDigest: 'e'.repeat(64),
        occurredOn: '2025-11',
      },
      context(),
    );
    if (E.isLeft(agreed)) throw new Error(agreed.left.message);
    const lines: string[] = [];
    for await (const line of exportHistory(original)) lines.push(line);
    // The copy's own clock is years later: it must not be what the copy remembers.
    const copy = openSqliteEventStore(join(dir, 'copy.db'), {
      now: () => new Date('2031-01-01T00:00:00.000Z'),
    });
    try {
      const imported = await importHistory(copy, async function* () {
        yield* lines;
      });
      expect(E.isRight(imported)).toBe(true);
      const before = await stored(original);
      const after = await stored(copy);
      expect(after.map((e) => e.recordedAt.toISOString())).toEqual(
        before.map((e) => e.recordedAt.toISOString()),
      );
      expect((await verifyAll(copy)).intact).toBe(true);
      expect((await verifyAll(copy)).digest).toBe((await verifyAll(original)).digest);
      const last = before[before.length - 1]?.recordedAt ?? new Date(0);
      const justBefore = new Date(last.getTime() - 1);
      const knew = async (store: EventStore) => {
        const result = await stateAsOf(store, MoU, 'pk-bh-extradition', { recordedAt: justBefore });
        return E.isRight(result) ? result.right.state.status : 'unreadable';
      };
      expect(await knew(original)).toBe('proposed');
      expect(await knew(copy)).toBe('proposed');
    } finally {
      await copy.close();
    }
  });
});
