import * as E from 'fp-ts/Either';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import { exportHistory, exportHistoryToFile } from '../../src/audit/history-file';
import { importHistory, importHistoryFile } from '../../src/audit/history-import';
import { verifyAll } from '../../src/audit/verify';
import type { EventStore } from '../../src/kernel/event-store';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { collectAll } from '../support/read-only-store';

const exported = async (store: EventStore): Promise<string[]> => {
  const lines: string[] = [];
  for await (const line of exportHistory(store)) lines.push(line);
  return lines;
};

const source = async (): Promise<EventStore> => {
  const store = createInMemoryEventStore({ now: () => new Date('2025-09-11T09:00:00Z') });
  await recordPakistanBahrain2025(store);
  return store;
};

const fromLines = (lines: readonly string[]) =>
  async function* () {
    yield* lines;
  };

describe('export and import of a history', () => {
  it('round-trips every event with its integrity link, and the digest', async () => {
    const original = await source();
    const lines = await exported(original);
    expect(JSON.parse(lines[0] ?? '')).toEqual({ format: 'diplomatic-ledger/history', version: 1 });
    const target = createInMemoryEventStore();
    const result = await importHistory(target, fromLines(lines));
    const before = await verifyAll(original);
    expect(result).toEqual(
      E.right({ events: before.eventsChecked, streams: 6, digest: before.digest, alreadyThere: 0 }),
    );
    const after = await verifyAll(target);
    expect(after).toMatchObject({ intact: true, digest: before.digest });
    const strip = (events: Awaited<ReturnType<typeof collectAll>>) =>
      events.map(({ streamId, revision, eventId, type, data, metadata }) => ({
        streamId,
        revision,
        eventId,
        type,
        data: JSON.parse(data) as unknown,
        metadata: JSON.parse(metadata) as unknown,
      }));
    expect(strip(await collectAll(target))).toEqual(strip(await collectAll(original)));
  });

  it('writes nothing when run again into the store it completed', async () => {
    const lines = await exported(await source());
    const target = createInMemoryEventStore();
    const first = await importHistory(target, fromLines(lines));
    const count = (await collectAll(target)).length;
    const again = await importHistory(target, fromLines(lines));
    expect(E.isRight(first) && E.isRight(again) && again.right).toMatchObject({
      events: count,
      alreadyThere: count,
    });
    expect(await collectAll(target)).toHaveLength(count);
  });

  it('completes an import that was cut short, keeping what it had written', async () => {
    const original = await source();
    const lines = await exported(original);
    const target = createInMemoryEventStore();
    // A store that writes stream by stream (as EventStoreDB), whose first run dies after its
    // third append, as a killed process would.
    const { appendToStreams: _oneWrite, ...streamByStream } = target;
    let appends = 0;
    const dying: EventStore = {
      ...streamByStream,
      appendToStream: async (...args) => {
        if (++appends > 3) throw new Error('killed');
        return target.appendToStream(...args);
      },
    };
    await expect(importHistory(dying, fromLines(lines))).rejects.toThrow('killed');
    const partial = (await collectAll(target)).length;
    expect(partial).toBeGreaterThan(0);
    const resumed = await importHistory(streamByStream, fromLines(lines));
    expect(E.isRight(resumed) && resumed.right.alreadyThere).toBe(partial);
    const [a, b] = [await verifyAll(original), await verifyAll(target)];
    expect(b).toMatchObject({ intact: true, digest: a.digest, eventsChecked: a.eventsChecked });
  });

  it('reads the file once into a store that writes several streams at once', async () => {
    const lines = await exported(await source());
    let opened = 0;
    const target = createInMemoryEventStore();
    const result = await importHistory(target, () => {
      opened++;
      return fromLines(lines)();
    });
    expect(E.isRight(result)).toBe(true);
    // One pass: nothing can change between the check of a line and its writing.
    expect(opened).toBe(1);
  });

  it('catches a file changed between its check and its writing, stream by stream', async () => {
    const lines = await exported(await source());
    // Another history, whole and consistent, put in the file's place after the check.
    const other = createInMemoryEventStore({ now: () => new Date('2025-09-12T09:00:00Z') });
    await recordPakistanBahrain2025(other);
    const swapped = await exported(other);
    const { appendToStreams: _oneWrite, ...streamByStream } = createInMemoryEventStore();
    let opened = 0;
    const result = await importHistory(streamByStream, () =>
      fromLines(opened++ === 0 ? lines : swapped)(),
    );
    expect(opened).toBe(2);
    expect(E.isLeft(result) && result.left.message).toMatch(/the file changed/);
  });

  it('refuses a store that holds more of a stream than the file, writing nothing', async () => {
    const original = await source();
    const target = createInMemoryEventStore();
    expect(E.isRight(await importHistory(target, fromLines(await exported(original))))).toBe(true);
    const all = await collectAll(original);
    // The same history but the last event of a stream of several: whole and consistent, one
    // event shorter.
    const cut = [...all].reverse().find((e) => e.revision > 0n);
    const partial = createInMemoryEventStore();
    for (const { streamId, eventId, type, data, metadata, recordedAt } of all.filter(
      (e) => e !== cut,
    ))
      await partial.appendToStream(streamId, [{ eventId, type, data, metadata, recordedAt }], {
        expectedRevision: 'any',
      });
    const shorter = await importHistory(target, fromLines(await exported(partial)));
    expect(E.isLeft(shorter) && shorter.left).toMatchObject({
      line: 0,
      message: expect.stringMatching(/with more events than the file holds/),
    });
    expect(await collectAll(target)).toHaveLength(all.length);
  });

  it('refuses a store that holds one of the streams with other events, writing nothing', async () => {
    const lines = await exported(await source());
    // The same engagements recorded again: the same streams, other events.
    const target = createInMemoryEventStore({ now: () => new Date('2025-09-12T09:00:00Z') });
    await recordPakistanBahrain2025(target);
    const count = (await collectAll(target)).length;
    const again = await importHistory(target, fromLines(lines));
    expect(E.isLeft(again) && again.left.message).toMatch(/already exists in the target store/);
    expect(await collectAll(target)).toHaveLength(count);
  });

  const tamperings: [string, (lines: string[]) => string[], number, RegExp][] = [
    [
      'an edited payload',
      (l) =>
        l.map((line, i) =>
          i === 3 ? line.replace('"outcomeId":', '"note":"x","outcomeId":') : line,
        ),
      4,
      /integrity: dataAltered/,
    ],
    [
      'edited metadata',
      (l) => l.map((line, i) => (i === 5 ? line.replace('"reason":"', '"reason":"not ') : line)),
      6,
      /integrity: eventAltered/,
    ],
    ['a deleted event', (l) => l.filter((_, i) => i !== 2), 3, /revision 1 was due/],
    [
      'two events swapped',
      (l) => [l[0], l[2], l[1], ...l.slice(3)].filter((x): x is string => x !== undefined),
      2,
      /revision 0 was due/,
    ],
    [
      'a line that is not JSON',
      (l) => [...l.slice(0, 4), '{"position": ', ...l.slice(4)],
      5,
      /not JSON/,
    ],
    ['a file cut short', (l) => l.slice(0, -1), 13, /footer is missing/],
    [
      'the last event removed',
      (l) => [...l.slice(0, -2), l.at(-1) ?? ''],
      12,
      /footer counts 11 events, the file holds 10/,
    ],
    ['no header', (l) => l.slice(1), 1, /not a diplomatic-ledger\/history file/],
  ];

  it.each(tamperings)(
    'refuses %s, naming the line, and writes nothing',
    async (_, tamper, line, message) => {
      const lines = tamper(await exported(await source()));
      const target = createInMemoryEventStore();
      const result = await importHistory(target, fromLines(lines));
      expect(E.isLeft(result) && result.left).toMatchObject({ kind: 'ImportRefused', line });
      expect(E.isLeft(result) && result.left.message).toMatch(message);
      expect(E.isLeft(result) && result.left.message).toMatch(new RegExp(`^line ${line}: `));
      expect(await collectAll(target)).toEqual([]);
    },
  );

  it('writes and reads history files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'));
    try {
      const file = join(dir, 'history.jsonl');
      const original = await source();
      const progress: number[] = [];
      const written = await exportHistoryToFile(original, file, {
        onProgress: (n) => progress.push(n),
      });
      expect(written.events).toBe(11);
      expect(progress.at(-1)).toBe(11);
      const target = createInMemoryEventStore();
      const imported = await importHistoryFile(target, file);
      expect(imported).toEqual(
        E.right({ events: 11, streams: 6, digest: written.digest, alreadyThere: 0 }),
      );
      expect((await verifyAll(target)).digest).toBe(written.digest);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
