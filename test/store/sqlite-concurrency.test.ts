import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../../src/kernel/event-store';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { linesOf, startScript } from '../support/sqlite-processes';
import { scaled } from '../support/time-scale';

jest.setTimeout(scaled(60_000));

const directory = mkdtempSync(join(tmpdir(), 'ledger-sqlite-race-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Attempt {
  readonly revision: number;
  readonly outcome: 'won' | 'conflict';
  readonly eventId?: string;
  readonly actual?: string;
}

describe('two processes appending to one stream of one SQLite file', () => {
  it('each revision is won by exactly one; the other meets a conflict; nothing is lost or doubled', async () => {
    const file = join(directory, 'race.db');
    const streamId = 'Race-1';
    const revisions = 300;
    const writers = [0, 1].map(() =>
      startScript('sqlite-writer.ts', ['race', file, streamId, String(revisions)]),
    );
    const outputs = writers.map(linesOf);
    await Promise.all(outputs.map((o) => o.waitFor('ready')));
    // Both are ready before either starts, so they really race.
    for (const writer of writers) writer.stdin.end('go\n');
    const codes = await Promise.all(outputs.map((o) => o.exited));
    expect({ codes, stderr: outputs.map((o) => o.stderr()) }).toEqual({
      codes: [0, 0],
      stderr: ['', ''],
    });

    const attempts = outputs.map((o) =>
      o.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Attempt),
    );
    // Every revision was won by exactly one writer, and every conflict was met at a revision
    // the other writer won.
    const winners = new Map<number, { writer: number; eventId: string }>();
    attempts.forEach((mine, writer) => {
      for (const a of mine.filter((x) => x.outcome === 'won')) {
        expect(winners.has(a.revision)).toBe(false);
        winners.set(a.revision, { writer, eventId: a.eventId ?? '' });
      }
    });
    expect([...winners.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: revisions }, (_, r) => r),
    );
    attempts.forEach((mine, writer) => {
      for (const a of mine.filter((x) => x.outcome === 'conflict')) {
        expect(winners.get(a.revision)?.writer).toBe(1 - writer);
        expect(BigInt(a.actual ?? '-1') >= BigInt(a.revision)).toBe(true);
      }
    });
    const wins = attempts.map((a) => a.filter((x) => x.outcome === 'won').length);
    const conflicts = attempts.map((a) => a.filter((x) => x.outcome === 'conflict').length);
    console.log(
      `race to ${revisions} revisions: wins ${wins.join(' / ')}, conflicts ${conflicts.join(' / ')}`,
    );
    // Both writers got revisions and both met conflicts: the appends really interleaved.
    expect(wins.every((w) => w > 0)).toBe(true);
    expect(conflicts.every((c) => c > 0)).toBe(true);
    const byRevision = [...winners.entries()].sort(([a], [b]) => a - b).map(([, w]) => w.eventId);

    const store = openSqliteEventStore(file);
    try {
      const stored: StoredEvent[] = [];
      for await (const e of store.readStream(streamId)) stored.push(e);
      expect(stored.map((e) => e.revision)).toEqual(
        Array.from({ length: revisions }, (_, r) => BigInt(r)),
      );
      expect(stored.map((e) => e.eventId)).toEqual(byRevision);
      expect(new Set(stored.map((e) => e.eventId)).size).toBe(revisions);
      const all: StoredEvent[] = [];
      for await (const e of store.readAll()) all.push(e);
      expect(all.map((e) => e.eventId)).toEqual(byRevision);
    } finally {
      await store.close();
    }
  });
});
