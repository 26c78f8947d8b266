import assert from 'node:assert/strict';
import type { EventToAppend, ExpectedRevision } from '../kernel/event-store';
import type { ContractCase } from './contract-case';
import {
  anEvent,
  at,
  caseWriter,
  conflict,
  definedFields,
  expectConflict,
  expectStreamDeleted,
  failure,
  ids,
  revisions,
  shown,
  someEvents,
  streamName,
  type ContractSettings,
} from './contract-kit';

/** A malformed append: what it is, and the stream, batch and expectation that make it. */
type Malformed = readonly [
  string,
  (streamId: string) => [string, EventToAppend[], ExpectedRevision],
];

const malformed: readonly Malformed[] = [
  ['an empty stream name', () => ['', someEvents(2), 'any']],
  [
    'a stream name starting with $ (reserved)',
    () => [`$${streamName('reserved')}`, someEvents(2), 'any'],
  ],
  ['data that is not JSON', (s) => [s, [anEvent(0), { ...anEvent(1), data: '{"n": 1' }], 'any']],
  [
    'metadata that is not JSON',
    (s) => [s, [anEvent(0), { ...anEvent(1), metadata: 'by contract' }], 'any'],
  ],
  [
    'an event id that is not a UUID',
    (s) => [s, [anEvent(0), { ...anEvent(1), eventId: 'event-1' }], 'any'],
  ],
  ['an empty event type', (s) => [s, [anEvent(0), { ...anEvent(1), type: '' }], 'any']],
  [
    'the same event id twice in the batch',
    (s) => {
      const twice = anEvent(0);
      return [s, [twice, anEvent(1), { ...twice, data: '{"n":2}' }], 'any'];
    },
  ],
  ['a negative expected revision', (s) => [s, someEvents(2), -1n]],
];

/** Appends beyond the expected revision table: idempotency, atomicity, empty batches. */
export const appendCases = (settings: ContractSettings): ContractCase[] => {
  const { group, cases } = caseWriter(settings);

  // EventStoreDB: with an expected revision the ids are compared with the events right after it;
  // all there → success writing nothing; none there → wrong expected version; some there → also
  // wrong expected version. With any the ids are looked up in the stream.
  const idem = group('re-appending events already in the stream (idempotency)');
  idem.it(
    'at the exact revision they were appended after: succeeds, writes nothing, same result',
    async ({ append, read, streamWith }) => {
      const { streamId, result: first } = await streamWith(2, 'idem');
      const batch = someEvents(2, 2);
      const appended = await append(streamId, batch, first.nextExpectedRevision);
      const again = await append(streamId, batch, first.nextExpectedRevision);
      assert.deepStrictEqual(definedFields(again), definedFields(appended));
      assert.strictEqual(again.nextExpectedRevision, 3n);
      assert.deepStrictEqual(revisions(await read(streamId)), [0n, 1n, 2n, 3n]);
    },
  );
  idem.it(
    'with no_stream, the first batch again: succeeds, writes nothing, same result',
    async ({ append, read, streamWith }) => {
      const { streamId, events, result } = await streamWith(3, 'idem');
      await append(streamId, someEvents(1, 3), 2n);
      const again = await append(streamId, events, 'no_stream');
      assert.deepStrictEqual(definedFields(again), definedFields(result));
      assert.strictEqual(again.nextExpectedRevision, 2n);
      assert.deepStrictEqual(revisions(await read(streamId)), [0n, 1n, 2n, 3n]);
    },
  );
  idem.each<ExpectedRevision>(
    ['any', 'stream_exists'],
    (e) => `with ${shown(e)}, a batch already in the stream: succeeds, writes nothing, same result`,
    async ({ append, read, inGlobalOrder }, expected) => {
      const streamId = streamName('idem');
      await append(streamId, someEvents(1), 'no_stream');
      const batch = someEvents(2, 1);
      const appended = await append(streamId, batch, 'any');
      await append(streamId, someEvents(1, 3), 'any');
      const again = await append(streamId, batch, expected);
      assert.deepStrictEqual(definedFields(again), definedFields(appended));
      assert.strictEqual(again.nextExpectedRevision, 2n);
      const stored = await read(streamId);
      assert.deepStrictEqual(revisions(stored), [0n, 1n, 2n, 3n]);
      const global = await inGlobalOrder([streamId]);
      assert.strictEqual(global.length, 4);
    },
  );
  idem.it(
    'ids that are in the stream, but not right after the expected revision, are a conflict',
    async ({ append, read, streamWith }) => {
      const { streamId, events } = await streamWith(3, 'idem');
      await expectConflict(append(streamId, [at(events, 0)], 1n), streamId, 1n, 2n);
      assert.deepStrictEqual(revisions(await read(streamId)), [0n, 1n, 2n]);
    },
  );
  idem.each<ExpectedRevision>(
    [1n, 'any'],
    (e) => `with ${shown(e)}, a batch only partly in the stream is a conflict and writes nothing`,
    async ({ append, read, streamWith }, expected) => {
      const { streamId, events } = await streamWith(3, 'idem');
      const batch = [at(events, 2), anEvent(9)];
      await expectConflict(append(streamId, batch, expected), streamId, expected, 2n);
      assert.deepStrictEqual(ids(await read(streamId)), ids(events));
    },
  );
  idem.it('the same ids in another stream are new events there', async (kit) => {
    const { events } = await kit.streamWith(2, 'idem');
    const other = streamName('idem-other');
    const result = await kit.append(other, events, 'no_stream');
    assert.strictEqual(result.nextExpectedRevision, 1n);
    assert.deepStrictEqual(ids(await kit.read(other)), ids(events));
  });

  const atomic = group('an append is all or nothing');
  atomic.it(
    'a batch that conflicts writes none of its events',
    async ({ append, read, streamWith, endOfStore, eventsAfter }) => {
      const { streamId } = await streamWith(1, 'atomic');
      const mark = await endOfStore();
      const batch = someEvents(5, 1);
      await conflict(append(streamId, batch, 7n));
      assert.deepStrictEqual(revisions(await read(streamId)), [0n]);
      const written = new Set(ids(await eventsAfter(mark)));
      assert.deepStrictEqual(
        ids(batch).filter((id) => written.has(id)),
        [],
      );
    },
  );
  atomic.each(
    malformed,
    ([what]) => `${what} is refused as invalid and nothing is written`,
    async ({ append, endOfStore, eventsAfter, expectNotFound }, [, build]) => {
      const streamId = streamName('invalid');
      const mark = await endOfStore();
      const [target, batch, expected] = build(streamId);
      await failure('InvalidAppend', append(target, batch, expected));
      const written = new Set(ids(await eventsAfter(mark)));
      assert.deepStrictEqual(
        ids(batch).filter((id) => written.has(id)),
        [],
      );
      if (target === streamId) await expectNotFound(streamId);
    },
  );
  atomic.it(
    'a malformed event refuses its whole batch on an existing stream too',
    async ({ append, read, streamWith }) => {
      const { streamId } = await streamWith(2, 'invalid');
      await failure(
        'InvalidAppend',
        append(streamId, [anEvent(2), { ...anEvent(3), data: 'nope' }], 1n),
      );
      assert.deepStrictEqual(revisions(await read(streamId)), [0n, 1n]);
    },
  );

  const empty = group('appending an empty batch');
  // EventStoreDB (append_to_stream "appending_zero_events"): accepted with any and no_stream on a
  // missing stream, the next expected revision stays "none" (-1) and the stream stays missing.
  empty.each<ExpectedRevision>(
    ['any', 'no_stream'],
    (e) => `with ${shown(e)} to a missing stream is accepted, writes nothing and creates nothing`,
    async ({ append, expectNotFound }, expected) => {
      const streamId = streamName('empty');
      const result = await append(streamId, [], expected);
      assert.deepStrictEqual(definedFields(result), { nextExpectedRevision: -1n, position: -1n });
      assert.deepStrictEqual(
        definedFields(await append(streamId, [], expected)),
        definedFields(result),
      );
      await expectNotFound(streamId);
      // Still never written: stream_exists is a plain conflict, not "deleted".
      await expectConflict(
        append(streamId, [], 'stream_exists'),
        streamId,
        'stream_exists',
        'no_stream',
      );
      const first = await append(streamId, someEvents(1), 'no_stream');
      assert.strictEqual(first.nextExpectedRevision, 0n);
    },
  );
  empty.each<ExpectedRevision>(
    ['any', 'stream_exists', 2n],
    (e) => `with ${shown(e)} to a stream at N answers N and writes nothing`,
    async ({ append, read, streamWith, endOfStore, inGlobalOrder }, expected) => {
      const { streamId } = await streamWith(3, 'empty');
      const mark = await endOfStore();
      const result = await append(streamId, [], expected);
      assert.deepStrictEqual(definedFields(result), { nextExpectedRevision: 2n, position: -1n });
      assert.deepStrictEqual(revisions(await read(streamId)), [0n, 1n, 2n]);
      const from = mark === undefined ? undefined : mark + 1n;
      assert.deepStrictEqual(await inGlobalOrder([streamId], from), []);
    },
  );
  empty.it(
    'is still checked against the expected revision',
    async ({ store, append, streamWith }) => {
      const { streamId } = await streamWith(3, 'empty');
      await expectConflict(append(streamId, [], 'no_stream'), streamId, 'no_stream', 2n);
      await expectConflict(append(streamId, [], 1n), streamId, 1n, 2n);
      await expectConflict(append(streamId, [], 5n), streamId, 5n, 2n);
      const missing = streamName('empty');
      await expectConflict(append(missing, [], 0n), missing, 0n, 'no_stream');
      await store.deleteStream(streamId, { mode: 'tombstone' });
      await expectStreamDeleted(append(streamId, [], 'any'), streamId);
    },
  );

  return cases;
};
