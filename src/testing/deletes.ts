import assert from 'node:assert/strict';
import type { DeleteMode, ExpectedRevision } from '../kernel/event-store';
import type { ContractCase } from './contract-case';
import {
  anEvent,
  at,
  caseWriter,
  eventsOf,
  expectConflict,
  expectStreamDeleted,
  ids,
  revisions,
  shown,
  someEvents,
  streamName,
  untilOurs,
  type ContractSettings,
} from './contract-kit';

/** Soft deletes and tombstones: what they hide, what they keep, and what they refuse. */
export const deleteCases = (settings: ContractSettings): ContractCase[] => {
  const { group, cases } = caseWriter(settings);

  const soft = group('soft delete');
  soft.it(
    'makes reads say not found; the events stay in readAll and in subscription catch-up',
    async ({ store, read, streamWith, expectNotFound, inGlobalOrder, takeUntil }) => {
      const { streamId } = await streamWith(3, 'soft');
      const before = await read(streamId);
      await store.deleteStream(streamId, { mode: 'soft' });
      await expectNotFound(streamId);
      const fromFirst = at(before, 0).position;
      const global = await inGlobalOrder([streamId], fromFirst);
      assert.deepStrictEqual(
        global.map((e) => [e.eventId, e.revision, e.position]),
        before.map((e) => [e.eventId, e.revision, e.position]),
      );
      const sub = store.subscribeToAll({ afterPosition: fromFirst - 1n });
      try {
        const taken = await takeUntil(
          sub[Symbol.asyncIterator](),
          untilOurs([streamId], 3),
          'the soft-deleted events',
        );
        assert.deepStrictEqual(ids(eventsOf(taken, [streamId])), ids(before));
      } finally {
        await sub.close();
      }
    },
  );
  soft.each<ExpectedRevision>(
    [2n, 'stream_exists', 'any'],
    (e) => `with expected revision ${shown(e)} on a stream at N succeeds`,
    async ({ store, streamWith, expectNotFound }, expected) => {
      const { streamId } = await streamWith(3, 'soft');
      await store.deleteStream(streamId, { mode: 'soft', expectedRevision: expected });
      await expectNotFound(streamId);
    },
  );
  soft.each<ExpectedRevision>(
    [1n, 5n, 'no_stream'],
    (e) =>
      `with expected revision ${shown(e)} on a stream at N is a conflict, and the stream stays`,
    async ({ store, read, streamWith }, expected) => {
      const { streamId } = await streamWith(3, 'soft');
      await expectConflict(
        store.deleteStream(streamId, { mode: 'soft', expectedRevision: expected }),
        streamId,
        expected,
        2n,
      );
      assert.deepStrictEqual(revisions(await read(streamId)), [0n, 1n, 2n]);
    },
  );
  // EventStoreDB since 21.10 (EventStore#3154): soft-deleting a stream that was never written is
  // a wrong-expected-version error, even with any.
  soft.each<ExpectedRevision>(
    ['any', 'no_stream', 'stream_exists', 0n],
    (e) => `of a stream never written, with ${shown(e)}, is a conflict with actual no_stream`,
    async ({ store, append }, expected) => {
      const streamId = streamName('soft-missing');
      await expectConflict(
        store.deleteStream(streamId, { mode: 'soft', expectedRevision: expected }),
        streamId,
        expected,
        'no_stream',
      );
      const first = await append(streamId, someEvents(1), 'no_stream');
      assert.strictEqual(first.nextExpectedRevision, 0n);
    },
  );
  soft.it(
    'of a soft-deleted stream changes nothing (any, no_stream, N); stream_exists says deleted',
    async ({ store, append, streamWith, expectNotFound }) => {
      const { streamId } = await streamWith(3, 'soft');
      await store.deleteStream(streamId, { mode: 'soft' });
      await store.deleteStream(streamId, { mode: 'soft' });
      await store.deleteStream(streamId, { mode: 'soft', expectedRevision: 'no_stream' });
      await store.deleteStream(streamId, { mode: 'soft', expectedRevision: 2n });
      await expectConflict(
        store.deleteStream(streamId, { mode: 'soft', expectedRevision: 1n }),
        streamId,
        1n,
        2n,
      );
      await expectStreamDeleted(
        store.deleteStream(streamId, { mode: 'soft', expectedRevision: 'stream_exists' }),
        streamId,
      );
      await expectNotFound(streamId);
      const recreated = await append(streamId, someEvents(1), 'no_stream');
      assert.strictEqual(recreated.nextExpectedRevision, 3n);
    },
  );
  soft.it(
    'after recreation hides the new events too, and the next recreation carries on after them',
    async ({ store, append, read, streamWith, expectNotFound }) => {
      const { streamId } = await streamWith(2, 'soft');
      await store.deleteStream(streamId, { mode: 'soft', expectedRevision: 1n });
      await append(streamId, someEvents(2, 2), 'no_stream');
      await store.deleteStream(streamId, { mode: 'soft', expectedRevision: 3n });
      await expectNotFound(streamId);
      const last = anEvent(4);
      assert.strictEqual((await append(streamId, [last], 'no_stream')).nextExpectedRevision, 4n);
      const stored = await read(streamId);
      assert.deepStrictEqual(
        stored.map((e) => [e.revision, e.eventId]),
        [[4n, last.eventId]],
      );
    },
  );
  soft.it('can be followed by a tombstone', async ({ store, read, streamWith }) => {
    const { streamId } = await streamWith(2, 'soft');
    await store.deleteStream(streamId, { mode: 'soft' });
    await store.deleteStream(streamId, { mode: 'tombstone', expectedRevision: 1n });
    await expectStreamDeleted(read(streamId), streamId);
  });

  const tomb = group('tombstone');
  tomb.it(
    'makes reads say deleted in both directions; the events stay in readAll',
    async ({ store, read, streamWith, inGlobalOrder }) => {
      const { streamId } = await streamWith(3, 'tomb');
      const before = await read(streamId);
      await store.deleteStream(streamId, { mode: 'tombstone', expectedRevision: 2n });
      await expectStreamDeleted(read(streamId), streamId);
      await expectStreamDeleted(read(streamId, { direction: 'backwards' }), streamId);
      const global = await inGlobalOrder([streamId], at(before, 0).position);
      assert.deepStrictEqual(ids(global), ids(before));
    },
  );
  tomb.each<readonly [DeleteMode, ExpectedRevision]>(
    [
      ['soft', 'any'],
      ['tombstone', 'any'],
      ['tombstone', 'no_stream'],
      ['soft', 2n],
    ],
    ([mode, e]) => `refuses a later ${mode} delete (expected ${shown(e)}) as deleted`,
    async ({ store, streamWith }, [mode, expected]) => {
      const { streamId } = await streamWith(3, 'tomb');
      await store.deleteStream(streamId, { mode: 'tombstone' });
      await expectStreamDeleted(
        store.deleteStream(streamId, { mode, expectedRevision: expected }),
        streamId,
      );
    },
  );
  tomb.each<ExpectedRevision>(
    [0n, 7n, 'no_stream'],
    (e) =>
      `with expected revision ${shown(e)} on a stream at N is a conflict, and the stream stays`,
    async ({ store, append, read, streamWith }, expected) => {
      const { streamId } = await streamWith(3, 'tomb');
      await expectConflict(
        store.deleteStream(streamId, { mode: 'tombstone', expectedRevision: expected }),
        streamId,
        expected,
        2n,
      );
      assert.deepStrictEqual(revisions(await read(streamId)), [0n, 1n, 2n]);
      await append(streamId, someEvents(1), 2n);
    },
  );
  // EventStoreDB ("hard_deleting_a_stream_that_does_not_exist_with_expected_version_does_not_throw"):
  // tombstoning a stream never written succeeds with any or no_stream.
  tomb.each<ExpectedRevision>(
    ['any', 'no_stream'],
    (e) => `of a stream never written, with ${shown(e)}, succeeds and bars the name`,
    async ({ store, append, read }, expected) => {
      const streamId = streamName('tomb-missing');
      await store.deleteStream(streamId, { mode: 'tombstone', expectedRevision: expected });
      await expectStreamDeleted(read(streamId), streamId);
      await expectStreamDeleted(append(streamId, someEvents(1), 'no_stream'), streamId);
    },
  );
  tomb.each<ExpectedRevision>(
    [0n, 'stream_exists'],
    (e) => `of a stream never written, with ${shown(e)}, is a conflict with actual no_stream`,
    async ({ store, append }, expected) => {
      const streamId = streamName('tomb-missing');
      await expectConflict(
        store.deleteStream(streamId, { mode: 'tombstone', expectedRevision: expected }),
        streamId,
        expected,
        'no_stream',
      );
      const first = await append(streamId, someEvents(1), 'no_stream');
      assert.strictEqual(first.nextExpectedRevision, 0n);
    },
  );

  return cases;
};
