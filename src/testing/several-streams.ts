import assert from 'node:assert/strict';
import type { EventStore, StreamAppend, StreamAppendsResult } from '../kernel/event-store';
import type { ContractCase } from './contract-case';
import {
  anEvent,
  at,
  caseWriter,
  eventsOf,
  expectConflict,
  expectStreamDeleted,
  failure,
  ids,
  someEvents,
  streamName,
  untilOurs,
  type ContractSettings,
} from './contract-kit';

/** Yields the appends one at a time, a turn of the event loop apart, as a long import would. */
async function* slowly(appends: readonly StreamAppend[]): AsyncGenerator<StreamAppend> {
  for (const append of appends) {
    await new Promise((resolve) => setImmediate(resolve));
    yield append;
  }
}

const writeOf = (
  store: EventStore,
): ((
  appends: Parameters<NonNullable<EventStore['appendToStreams']>>[0],
) => Promise<StreamAppendsResult>) => {
  const write = store.appendToStreams;
  if (write === undefined)
    assert.fail('the store has no appendToStreams, but the contract was asked to check it');
  return write;
};

/**
 * `appendToStreams`, for a store that has it: one write to several streams, each append checked
 * as `appendToStream` checks it, all of the write recorded or none of it.
 */
export const severalStreamsCases = (settings: ContractSettings): ContractCase[] => {
  const { group, cases } = caseWriter(settings);
  const several = group('appending to several streams at once');

  several.it(
    'records every append in order, each stream at its revisions',
    async ({ store, read, inGlobalOrder }) => {
      const [a, b] = [streamName('several-a'), streamName('several-b')];
      const [a1, b1, a2] = [someEvents(2), someEvents(3), someEvents(1, 2)];
      const result = await writeOf(store)(
        slowly([
          { streamId: a, events: a1, expectedRevision: 'no_stream' },
          { streamId: b, events: b1, expectedRevision: 'no_stream' },
          { streamId: a, events: a2, expectedRevision: 1n },
        ]),
      );
      const global = await inGlobalOrder([a, b]);
      assert.deepStrictEqual(ids(global), ids([...a1, ...b1, ...a2]));
      assert.deepStrictEqual(
        global.map((e) => `${e.streamId === a ? 'a' : 'b'}@${e.revision}`),
        ['a@0', 'a@1', 'b@0', 'b@1', 'b@2', 'a@2'],
      );
      assert.deepStrictEqual(result, {
        appends: 3,
        eventsWritten: 6,
        position: at(global, 5).position,
      });
      assert.deepStrictEqual(ids(await read(a)), ids([...a1, ...a2]));
      const next = await store.appendToStream(b, [anEvent()], { expectedRevision: 2n });
      assert.equal(next.nextExpectedRevision, 3n);
      assert.ok(next.position > result.position, 'a later append comes later in the global order');
    },
  );

  several.it(
    'records nothing when a late append conflicts, and rejects with that conflict',
    async ({ store, read, streamWith, expectNotFound }) => {
      const { streamId: existing, events } = await streamWith(2, 'several-existing');
      const fresh = streamName('several-fresh');
      await expectConflict(
        writeOf(store)(
          slowly([
            { streamId: fresh, events: someEvents(3), expectedRevision: 'no_stream' },
            { streamId: existing, events: [anEvent()], expectedRevision: 1n },
            // The append before this one took the stream to revision 2.
            { streamId: existing, events: [anEvent()], expectedRevision: 1n },
          ]),
        ),
        existing,
        1n,
        2n,
      );
      await expectNotFound(fresh);
      assert.deepStrictEqual(ids(await read(existing)), ids(events));
      const next = await store.appendToStream(existing, [anEvent()], { expectedRevision: 1n });
      assert.equal(next.nextExpectedRevision, 2n);
    },
  );

  several.it('records nothing when an append is invalid', async ({ store, expectNotFound }) => {
    const [good, bad] = [streamName('several-good'), streamName('several-bad')];
    await failure(
      'InvalidAppend',
      writeOf(store)([
        { streamId: good, events: someEvents(2), expectedRevision: 'no_stream' },
        { streamId: bad, events: [{ ...anEvent(), data: '{not json' }], expectedRevision: 'any' },
      ]),
    );
    await expectNotFound(good);
    await expectNotFound(bad);
  });

  several.it(
    'records nothing when the appends stop with an error, and rejects with it',
    async ({ store, expectNotFound }) => {
      const streamId = streamName('several-cut');
      async function* cutShort(): AsyncGenerator<StreamAppend> {
        yield { streamId, events: someEvents(3), expectedRevision: 'no_stream' };
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('the source could not be read');
      }
      await assert.rejects(writeOf(store)(cutShort()), /the source could not be read/);
      await expectNotFound(streamId);
    },
  );

  several.it(
    'checks an empty append, and records nothing for an idempotent one',
    async ({ store, read, streamWith, expectNotFound }) => {
      const { streamId, events } = await streamWith(2, 'several-again');
      const again = await writeOf(store)([
        { streamId, events, expectedRevision: 'no_stream' },
        { streamId, events: [], expectedRevision: 1n },
      ]);
      assert.deepStrictEqual(again, { appends: 2, eventsWritten: 0, position: -1n });
      const fresh = streamName('several-fresh');
      await expectConflict(
        writeOf(store)([
          { streamId: fresh, events: [anEvent()], expectedRevision: 'no_stream' },
          { streamId, events: [], expectedRevision: 0n },
        ]),
        streamId,
        0n,
        1n,
      );
      await expectNotFound(fresh);
      assert.deepStrictEqual(ids(await read(streamId)), ids(events));
    },
  );

  several.it(
    'refuses a tombstoned stream, recording nothing',
    async ({ store, expectNotFound }) => {
      const [fresh, gone] = [streamName('several-fresh'), streamName('several-gone')];
      await store.deleteStream(gone, { mode: 'tombstone' });
      await expectStreamDeleted(
        writeOf(store)([
          { streamId: fresh, events: [anEvent()], expectedRevision: 'no_stream' },
          { streamId: gone, events: [anEvent()], expectedRevision: 'any' },
        ]),
        gone,
      );
      await expectNotFound(fresh);
    },
  );

  several.it(
    'delivers the write to a live subscription, in order',
    async ({ store, subscribeFromEnd, takeUntil }) => {
      const [x, y] = [streamName('several-x'), streamName('several-y')];
      const written = someEvents(4);
      const sub = await subscribeFromEnd();
      try {
        await writeOf(store)([
          { streamId: x, events: written.slice(0, 2), expectedRevision: 'no_stream' },
          { streamId: y, events: written.slice(2), expectedRevision: 'no_stream' },
        ]);
        const taken = await takeUntil(
          sub[Symbol.asyncIterator](),
          untilOurs([x, y], 4),
          'the events of the write',
        );
        assert.deepStrictEqual(ids(eventsOf(taken, [x, y])), ids(written));
      } finally {
        await sub.close();
      }
    },
  );

  return cases;
};
