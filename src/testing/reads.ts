import assert from 'node:assert/strict';
import type { ReadStreamOptions, StoredEvent } from '../kernel/event-store';
import type { ContractCase } from './contract-case';
import {
  assertFields,
  at,
  caseWriter,
  collect,
  expectStrictlyIncreasing,
  ids,
  revisions,
  someEvents,
  streamName,
  type ContractKit,
  type ContractSettings,
} from './contract-kit';

/** A read of a stream of ten events: what it is, its options, and the revisions it returns. */
type StreamRead = readonly [string, ReadStreamOptions, readonly number[]];

const streamReads: readonly StreamRead[] = [
  ['forwards by default, all of it', {}, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ['forwards from a revision (inclusive)', { fromRevision: 3n }, [3, 4, 5, 6, 7, 8, 9]],
  ['forwards from a revision with maxCount', { fromRevision: 3n, maxCount: 2 }, [3, 4]],
  ['forwards with maxCount', { maxCount: 4 }, [0, 1, 2, 3]],
  ['forwards with maxCount beyond the end', { maxCount: 50 }, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ['forwards up to a revision (inclusive)', { toRevision: 5n }, [0, 1, 2, 3, 4, 5]],
  ['forwards between two revisions', { fromRevision: 2n, toRevision: 5n }, [2, 3, 4, 5]],
  [
    'forwards between two revisions with maxCount',
    { fromRevision: 2n, toRevision: 5n, maxCount: 3 },
    [2, 3, 4],
  ],
  ['forwards up to beyond the end', { fromRevision: 7n, toRevision: 40n }, [7, 8, 9]],
  ['forwards from the last revision', { fromRevision: 9n }, [9]],
  ['forwards from beyond the end: nothing', { fromRevision: 10n }, []],
  ['forwards from far beyond the end: nothing', { fromRevision: 2n ** 40n }, []],
  ['forwards with the bound before the start: nothing', { fromRevision: 5n, toRevision: 4n }, []],
  ['backwards from the end by default', { direction: 'backwards' }, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]],
  ['backwards from the end with maxCount', { direction: 'backwards', maxCount: 3 }, [9, 8, 7]],
  [
    'backwards from a revision (inclusive)',
    { direction: 'backwards', fromRevision: 6n },
    [6, 5, 4, 3, 2, 1, 0],
  ],
  [
    'backwards from a revision with maxCount',
    { direction: 'backwards', fromRevision: 6n, maxCount: 2 },
    [6, 5],
  ],
  [
    'backwards down to a revision (inclusive)',
    { direction: 'backwards', toRevision: 4n },
    [9, 8, 7, 6, 5, 4],
  ],
  [
    'backwards between two revisions',
    { direction: 'backwards', fromRevision: 6n, toRevision: 4n },
    [6, 5, 4],
  ],
  ['backwards from revision 0', { direction: 'backwards', fromRevision: 0n }, [0]],
  // EventStoreDB starts a backwards read from beyond the end at the last event.
  [
    'backwards from beyond the end',
    { direction: 'backwards', fromRevision: 12n, maxCount: 2 },
    [9, 8],
  ],
  [
    'backwards from far beyond the end',
    { direction: 'backwards', fromRevision: 2n ** 40n, maxCount: 2 },
    [9, 8],
  ],
  [
    'backwards with the bound above the start: nothing',
    { direction: 'backwards', fromRevision: 3n, toRevision: 4n },
    [],
  ],
];

/** Four events appended in one batch, so nothing else can come between them. */
const fourInARow = async ({ read, streamWith }: ContractKit) => {
  const { streamId, events } = await streamWith(4, 'all');
  const stored = await read(streamId);
  return { streamId, events, stored, positions: stored.map((e) => e.position) };
};

/** Order within a stream and across streams, reading a stream, and reading all of them. */
export const readCases = (settings: ContractSettings): ContractCase[] => {
  const { group, cases } = caseWriter(settings);

  const ordering = group('ordering');
  ordering.it(
    'a stream holds revisions 0..n-1 in the order appended, every field as given',
    async ({ append, read }) => {
      const streamId = streamName('order');
      const first = someEvents(3);
      const second = someEvents(4, 3);
      const r1 = await append(streamId, first, 'no_stream');
      const r2 = await append(streamId, second, r1.nextExpectedRevision);
      assert.deepStrictEqual([r1.nextExpectedRevision, r2.nextExpectedRevision], [2n, 6n]);
      const stored = await read(streamId);
      assert.deepStrictEqual(revisions(stored), [0n, 1n, 2n, 3n, 4n, 5n, 6n]);
      const given = [...first, ...second];
      stored.forEach((event, i) => {
        const sent = at(given, i);
        assertFields(event, {
          streamId,
          eventId: sent.eventId,
          type: sent.type,
          data: sent.data,
          metadata: sent.metadata,
        });
        assert.ok(event.recordedAt instanceof Date, 'recordedAt is a Date');
        assert.strictEqual(Number.isNaN(event.recordedAt.getTime()), false);
      });
    },
  );
  ordering.it(
    'positions increase strictly and agree with append results, readStream and readAll',
    async ({ append, read, inGlobalOrder }) => {
      const streamId = streamName('order');
      const r1 = await append(streamId, someEvents(3), 'no_stream');
      const r2 = await append(streamId, someEvents(2, 3), 2n);
      const stored = await read(streamId);
      const positions = stored.map((e) => e.position);
      expectStrictlyIncreasing(positions);
      assert.strictEqual(at(stored, 2).position, r1.position);
      assert.strictEqual(at(stored, 4).position, r2.position);
      const global = await inGlobalOrder([streamId], at(positions, 0));
      assert.deepStrictEqual(
        global.map((e) => [e.eventId, e.position, e.revision]),
        stored.map((e) => [e.eventId, e.position, e.revision]),
      );
      const backwards = await read(streamId, { direction: 'backwards' });
      assert.deepStrictEqual(
        backwards.map((e) => e.position),
        [...positions].reverse(),
      );
    },
  );
  ordering.it(
    'readAll interleaves streams in the order their events were appended',
    async ({ append, read, inGlobalOrder }) => {
      const a = streamName('order-a');
      const b = streamName('order-b');
      const a1 = someEvents(2);
      const b1 = someEvents(1);
      const a2 = someEvents(1, 2);
      const b2 = someEvents(2, 1);
      await append(a, a1, 'no_stream');
      await append(b, b1, 'no_stream');
      await append(a, a2, 1n);
      await append(b, b2, 0n);
      const start = at(await read(a), 0).position;
      const global = await inGlobalOrder([a, b], start);
      assert.deepStrictEqual(
        global.map((e) => [e.streamId, e.eventId]),
        [
          ...a1.map((e) => [a, e.eventId]),
          ...b1.map((e) => [b, e.eventId]),
          ...a2.map((e) => [a, e.eventId]),
          ...b2.map((e) => [b, e.eventId]),
        ],
      );
      expectStrictlyIncreasing(global.map((e) => e.position));
    },
  );

  const stream = group('reading a stream of ten events (revisions 0..9)');
  stream.each(
    streamReads,
    ([what]) => what,
    async ({ read, streamWith }, [, opts, expected]) => {
      const { streamId, events } = await streamWith(10, 'read');
      const stored = await read(streamId, opts);
      assert.deepStrictEqual(
        revisions(stored),
        expected.map((r) => BigInt(r)),
      );
      assert.deepStrictEqual(
        ids(stored),
        expected.map((r) => at(events, r).eventId),
      );
    },
  );
  stream.it('a stream that was never written is not found, forwards or backwards', async (kit) => {
    await kit.expectNotFound(streamName('never'));
  });

  const all = group('reading all streams in global order');
  all.it('forwards from a position (inclusive) with maxCount', async (kit) => {
    const { stored, positions } = await fourInARow(kit);
    const got = await collect(kit.store.readAll({ fromPosition: at(positions, 1), maxCount: 2 }));
    assert.deepStrictEqual(ids(got), ids(stored.slice(1, 3)));
    assert.deepStrictEqual(
      got.map((e) => e.position),
      positions.slice(1, 3),
    );
  });
  all.it('backwards from a position (inclusive) with maxCount', async (kit) => {
    const { stored, positions } = await fourInARow(kit);
    const got = await collect(
      kit.store.readAll({ direction: 'backwards', fromPosition: at(positions, 2), maxCount: 2 }),
    );
    assert.deepStrictEqual(ids(got), ids([at(stored, 2), at(stored, 1)]));
  });
  // Where positions leave gaps (EventStoreDB's byte offsets), these start between two events.
  all.it(
    'from just past an event, starts at the next event in the direction of reading',
    async (kit) => {
      const { stored, positions } = await fourInARow(kit);
      const [forwards] = await collect(
        kit.store.readAll({ fromPosition: at(positions, 0) + 1n, maxCount: 1 }),
      );
      assert.strictEqual(forwards?.eventId, at(stored, 1).eventId);
      const [backwards] = await collect(
        kit.store.readAll({
          direction: 'backwards',
          fromPosition: at(positions, 3) - 1n,
          maxCount: 1,
        }),
      );
      assert.strictEqual(backwards?.eventId, at(stored, 2).eventId);
    },
  );
  all.it('backwards from the end by default', async (kit) => {
    const { streamId, stored, positions } = await fourInARow(kit);
    const seen: StoredEvent[] = [];
    let first: StoredEvent | undefined;
    for await (const event of kit.store.readAll({ direction: 'backwards' })) {
      first ??= event;
      if (event.streamId === streamId) seen.push(event);
      if (seen.length === stored.length) break;
    }
    assert.ok(first !== undefined && first.position >= at(positions, 3), 'starts at the end');
    assert.deepStrictEqual(ids(seen), ids([...stored].reverse()));
    expectStrictlyIncreasing(seen.map((e) => e.position).reverse());
  });
  all.it('forwards from the start by default, positions strictly increasing', async (kit) => {
    const { streamId, stored } = await fourInARow(kit);
    const seen: StoredEvent[] = [];
    const allPositions: bigint[] = [];
    for await (const event of kit.store.readAll()) {
      allPositions.push(event.position);
      if (event.streamId === streamId) seen.push(event);
      if (seen.length === stored.length) break;
    }
    assert.deepStrictEqual(ids(seen), ids(stored));
    expectStrictlyIncreasing(allPositions);
  });
  all.it(
    'maxCount bounds the whole read, and nothing of ours lies beyond our last position',
    async (kit) => {
      const { streamId, positions } = await fourInARow(kit);
      assert.strictEqual((await collect(kit.store.readAll({ maxCount: 3 }))).length, 3);
      const beyond = await collect(kit.store.readAll({ fromPosition: at(positions, 3) + 1n }));
      assert.deepStrictEqual(
        beyond.filter((e) => e.streamId === streamId),
        [],
      );
    },
  );

  return cases;
};
