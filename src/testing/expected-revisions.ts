import assert from 'node:assert/strict';
import type { ExpectedRevision } from '../kernel/event-store';
import type { ContractCase } from './contract-case';
import {
  anEvent,
  assertFields,
  at,
  caseWriter,
  expectConflict,
  expectStreamDeleted,
  ids,
  revisions,
  shown,
  someEvents,
  streamName,
  type ContractKit,
  type ContractSettings,
} from './contract-kit';

const table = 'appending with an expected revision (EventStoreDB semantics)';

/** The expected revision table: each expectation against each state a stream can be in. */
export const expectedRevisionCases = (settings: ContractSettings): ContractCase[] => {
  const { group, cases } = caseWriter(settings);

  const missing = group(`${table}: to a stream that was never written`);
  missing.each<ExpectedRevision>(
    ['any', 'no_stream'],
    (e) => `${shown(e)} creates the stream, its first event at revision 0`,
    async ({ append, read }, expected) => {
      const streamId = streamName('missing');
      const event = anEvent();
      const result = await append(streamId, [event], expected);
      assert.strictEqual(result.nextExpectedRevision, 0n);
      const stored = await read(streamId);
      assert.strictEqual(stored.length, 1);
      assertFields(at(stored, 0), {
        streamId,
        revision: 0n,
        position: result.position,
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      });
    },
  );
  missing.each<ExpectedRevision>(
    ['stream_exists', 0n, 3n],
    (e) => `${shown(e)} is a conflict with actual no_stream, and writes nothing`,
    async ({ append, expectNotFound }, expected) => {
      const streamId = streamName('missing');
      await expectConflict(
        append(streamId, someEvents(2), expected),
        streamId,
        expected,
        'no_stream',
      );
      await expectNotFound(streamId);
    },
  );

  const atN = group(`${table}: to a stream whose last revision is N`);
  atN.each<ExpectedRevision>(
    ['any', 'stream_exists', 2n],
    (e) => `${shown(e)} appends after N`,
    async ({ append, read, streamWith }, expected) => {
      const { streamId, events } = await streamWith(3);
      const more = someEvents(2, 3);
      const result = await append(streamId, more, expected);
      assert.strictEqual(result.nextExpectedRevision, 4n);
      const stored = await read(streamId);
      assert.deepStrictEqual(revisions(stored), [0n, 1n, 2n, 3n, 4n]);
      assert.deepStrictEqual(ids(stored), ids([...events, ...more]));
    },
  );
  atN.each<ExpectedRevision>(
    ['no_stream', 0n, 1n, 3n, 10n],
    (e) => `${shown(e)} is a conflict naming N as the actual revision, and writes nothing`,
    async ({ append, read, streamWith }, expected) => {
      const { streamId } = await streamWith(3);
      await expectConflict(append(streamId, someEvents(2, 3), expected), streamId, expected, 2n);
      assert.deepStrictEqual(revisions(await read(streamId)), [0n, 1n, 2n]);
    },
  );

  const soft = group(`${table}: to a soft-deleted stream whose last revision was N`);
  const softDeleted = async ({ store, streamWith }: ContractKit): Promise<string> => {
    const { streamId } = await streamWith(3, 'soft');
    await store.deleteStream(streamId, { mode: 'soft' });
    return streamId;
  };
  // EventStoreDB (SoftDeleteTests in its .NET client): appending with any, no_stream or the old
  // last revision recreates the stream; new events continue at N+1 and reads show only them.
  soft.each<ExpectedRevision>(
    ['any', 'no_stream', 2n],
    (e) =>
      `${shown(e)} recreates it: the first new event is at N+1 and reads return only the new events`,
    async (kit, expected) => {
      const { append, read } = kit;
      const streamId = await softDeleted(kit);
      const more = someEvents(2, 10);
      const result = await append(streamId, more, expected);
      assert.strictEqual(result.nextExpectedRevision, 4n);
      const forwards = await read(streamId);
      assert.deepStrictEqual(revisions(forwards), [3n, 4n]);
      assert.deepStrictEqual(ids(forwards), ids(more));
      assert.deepStrictEqual(revisions(await read(streamId, { fromRevision: 0n })), [3n, 4n]);
      assert.deepStrictEqual(revisions(await read(streamId, { direction: 'backwards' })), [4n, 3n]);
      assert.deepStrictEqual(
        revisions(await read(streamId, { direction: 'backwards', toRevision: 0n })),
        [4n, 3n],
      );
    },
  );
  soft.it('a recreated stream is live again: no_stream is now a conflict', async (kit) => {
    const streamId = await softDeleted(kit);
    await kit.append(streamId, someEvents(1), 'no_stream');
    await expectConflict(
      kit.append(streamId, someEvents(1), 'no_stream'),
      streamId,
      'no_stream',
      3n,
    );
  });
  // EventStoreDB: StreamExists against a soft-deleted stream answers "stream deleted".
  soft.it('stream_exists is refused as deleted, and writes nothing', async (kit) => {
    const streamId = await softDeleted(kit);
    await expectStreamDeleted(kit.append(streamId, someEvents(1), 'stream_exists'), streamId);
    await kit.expectNotFound(streamId);
  });
  soft.each<ExpectedRevision>(
    [0n, 1n, 3n],
    (e) => `exact ${shown(e)} (not N) is a conflict naming N, and writes nothing`,
    async (kit, expected) => {
      const streamId = await softDeleted(kit);
      await expectConflict(kit.append(streamId, someEvents(1), expected), streamId, expected, 2n);
      await kit.expectNotFound(streamId);
    },
  );

  const tombstoned = group(`${table}: to a tombstoned stream`);
  tombstoned.each<ExpectedRevision>(
    ['any', 'no_stream', 'stream_exists', 2n, 0n],
    (e) => `${shown(e)} is refused as deleted`,
    async ({ store, append, read, streamWith }, expected) => {
      const { streamId } = await streamWith(3, 'tomb');
      await store.deleteStream(streamId, { mode: 'tombstone' });
      await expectStreamDeleted(append(streamId, someEvents(1), expected), streamId);
      await expectStreamDeleted(read(streamId), streamId);
    },
  );
  tombstoned.each<ExpectedRevision>(
    ['any', 'no_stream'],
    (e) =>
      `${shown(e)} is refused as deleted when the name was tombstoned before it was ever written`,
    async ({ store, append }, expected) => {
      const streamId = streamName('tomb');
      await store.deleteStream(streamId, { mode: 'tombstone', expectedRevision: 'no_stream' });
      await expectStreamDeleted(append(streamId, someEvents(1), expected), streamId);
    },
  );

  return cases;
};
