import Database from 'better-sqlite3';
import * as E from 'fp-ts/Either';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import {
  MoU,
  auditTrail,
  deleteStreamOnRecord,
  handleCommand,
  libraryEvents,
  openSqliteEventStore,
  verifyAll,
  type EventStore,
  type MoUCommand,
  type StreamDeletionRequest,
} from '../../src';
import { everyStore } from '../support/every-store';
import { context } from '../support/context';

/**
 * A stream is deleted on record: a sealed record of who, why and on what authority comes first,
 * and an audit reports a stream hidden any other way.
 */
const stores = everyStore();

const propose = (mouId: string): MoUCommand => ({
  type: 'ProposeMoU',
  mouId,
  title: 'MoU on Extradition',
  subject: 'extradition',
  parties: ['PK', 'BH'],
  proposedBy: 'jointly',
  legalCharacter: 'undetermined',
  occurredOn: '2025-09-10',
});

const recorded = async (store: EventStore): Promise<string> => {
  const mouId = `deleted-${uuidv4()}`;
  const result = await handleCommand(store, MoU, propose(mouId), context());
  if (E.isLeft(result)) throw new Error(result.left.message);
  return `MoU-${mouId}`;
};

const request = (
  streamId: string,
  mode: StreamDeletionRequest['mode'] = 'soft',
): StreamDeletionRequest => ({
  type: 'DeleteStreamOnRecord',
  streamId,
  mode,
  authority: 'Records Office decision 2026/14',
  occurredOn: '2026-11',
});

const hiddenStreams = async (store: EventStore): Promise<string[]> =>
  (await verifyAll(store)).findings
    .filter((f) => f.problem === 'streamHidden')
    .map((f) => f.streamId);

describe.each(stores)('deleting on %s', (_name, open) => {
  let store: EventStore;
  beforeAll(async () => {
    store = await open();
  });

  it.each(['soft', 'tombstone'] as const)(
    'records a %s deletion before it is made, and the audit finds it on record',
    async (mode) => {
      const streamId = await recorded(store);
      const done = await deleteStreamOnRecord(store, request(streamId, mode), context());
      expect(E.isRight(done) && done.right).toMatchObject({ streamId, mode, deletedUpTo: 0n });
      await expect(async () => {
        for await (const _ of store.readStream(streamId));
      }).rejects.toMatchObject({ kind: mode === 'soft' ? 'StreamNotFound' : 'StreamDeleted' });
      expect(await hiddenStreams(store)).not.toContain(streamId);
      const entries = [];
      for await (const entry of auditTrail(store, libraryEvents, {
        streamId: `StreamDeletion-${streamId}`,
      }))
        entries.push(entry);
      expect(entries).toHaveLength(1);
      expect(entries[0] !== undefined && E.isRight(entries[0]) && entries[0].right).toMatchObject({
        eventType: 'StreamDeletionRecorded',
        integrity: 'intact',
        reason: 'recording the outcome of talks',
      });
    },
  );

  it.each(['soft', 'tombstone'] as const)(
    'reports a stream given a %s delete through the store alone',
    async (mode) => {
      const streamId = await recorded(store);
      await store.deleteStream(streamId, { mode });
      expect(await hiddenStreams(store)).toContain(streamId);
    },
  );

  it('reports a tombstone laid over a soft deletion on record', async () => {
    const streamId = await recorded(store);
    const done = await deleteStreamOnRecord(store, request(streamId, 'soft'), context());
    expect(E.isRight(done)).toBe(true);
    await store.deleteStream(streamId, { mode: 'tombstone' });
    expect(await hiddenStreams(store)).toContain(streamId);
  });

  it('refuses what cannot be deleted, writing nothing', async () => {
    const missing = `MoU-deleted-${uuidv4()}`;
    const notFound = await deleteStreamOnRecord(store, request(missing), context());
    expect(E.isLeft(notFound) && notFound.left).toMatchObject({
      kind: 'DeletionRefused',
      reason: 'notFound',
    });
    const streamId = await recorded(store);
    const future = await deleteStreamOnRecord(
      store,
      { ...request(streamId), occurredOn: '2999' },
      context(),
    );
    expect(E.isLeft(future) && future.left).toMatchObject({ reason: 'datedAfterRecording' });
    const noAuthority = await deleteStreamOnRecord(
      store,
      { ...request(streamId), authority: ' \u200B ' },
      context(),
    );
    expect(E.isLeft(noAuthority) && noAuthority.left.kind).toBe('InvalidCommand');
    const tombstoned = await deleteStreamOnRecord(store, request(streamId, 'tombstone'), context());
    expect(E.isRight(tombstoned)).toBe(true);
    const again = await deleteStreamOnRecord(store, request(streamId, 'tombstone'), context());
    expect(E.isLeft(again) && again.left).toMatchObject({ reason: 'alreadyTombstoned' });
    const records = [];
    for await (const e of store.readStream(`StreamDeletion-${streamId}`)) records.push(e);
    expect(records).toHaveLength(1);
  });
});

describe('a stream hidden through the streams table of the embedded file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hidden-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['soft-deleted', 'INSERT INTO streams (stream_id, visible_from) VALUES (?, 1)'],
    ['tombstoned', 'INSERT INTO streams (stream_id, tombstoned) VALUES (?, 1)'],
  ])('is reported when %s behind the record’s back', async (_how, sql) => {
    const file = join(dir, `${uuidv4()}.db`);
    const store = openSqliteEventStore(file);
    const streamId = await recorded(store);
    const kept = await recorded(store);
    expect(await hiddenStreams(store)).toEqual([]);
    await store.close();
    const raw = new Database(file);
    raw.prepare(sql).run(streamId);
    raw.close();
    const reopened = openSqliteEventStore(file);
    try {
      expect(await hiddenStreams(reopened)).toEqual([streamId]);
      expect(await hiddenStreams(reopened)).not.toContain(kept);
    } finally {
      await reopened.close();
    }
  });
});
