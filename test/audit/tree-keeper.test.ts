import { EventStoreDBClient } from '@eventstore/db-client';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import {
  createInMemoryTreeStorage,
  createTreeHasher,
  hashToBase64,
  keepTree,
  keptLeafOf,
  createEventStoreDBEventStore,
  openSqliteEventStore,
  openSqliteTreeFile,
  sealEvent,
  verifyAll,
  verifyInclusion,
  verifyConsistency,
  type StoredEvent,
} from '../../src';
import { everyStore } from '../support/every-store';
import { startTestServer, type TestServer } from '../support/eventstoredb-server/server';
import { collect, counting } from '../support/collect';

/**
 * The tree kept beside the events: the same tree `verifyAll` recomputes, brought up to date by
 * reading only what was appended since, kept in the embedded store's file across openings, and
 * never written into a store opened read-only.
 */

const clock = (): Date => new Date('2026-11-30T09:00:00.000Z');
const stores = everyStore({ now: clock });

/** Events the library did not seal: the keeper stands them for the hash of what is stored. */
const rawEvents = (n: number, stream = `Raw-${uuidv4()}`) =>
  Array.from({ length: n }, (_, i) => ({
    eventId: uuidv4(),
    type: 'Noted',
    data: JSON.stringify({ n: i }),
    metadata: JSON.stringify({ note: `raw ${i}`, stream }),
  }));

const treeOfLeaves = (events: readonly StoredEvent[]) => {
  const hasher = createTreeHasher();
  for (const event of events) hasher.push(keptLeafOf(event));
  return hasher;
};

describe.each(stores)('the tree kept on %s', (_name, open) => {
  it('is the tree verifyAll recomputes, and its proofs verify', async () => {
    const store = await open();
    await recordPakistanBahrain2025(store);
    const kept = await keepTree(store);
    const report = await verifyAll(store);
    expect(report.intact).toBe(true);
    expect(report.treeHead?.size).toBe(kept.size);
    expect(hashToBase64(kept.root())).toBe(report.treeHead?.rootHash);
    expect(report.keptTree).toEqual({ size: kept.size, holds: true });

    const all = await collect(store.readAll());
    for (const index of [0, Math.floor(kept.size / 2), kept.size - 1]) {
      const event = all[index] as StoredEvent;
      expect(kept.leafIndexOf(event.position)).toBe(index);
      const path = kept.inclusionProof(index);
      expect(verifyInclusion(index, kept.size, keptLeafOf(event), path, kept.root()).valid).toBe(
        true,
      );
    }
    expect(kept.leafIndexOf((all.at(-1)?.position ?? 0n) + 1n)).toBeUndefined();
  });

  it('reads only the events appended since it was last kept', async () => {
    const { store, read } = counting(await open());
    await store.appendToStream('Noted-a', rawEvents(5), { expectedRevision: 'no_stream' });
    const first = await keepTree(store);
    const before = read();
    await store.appendToStream('Noted-b', rawEvents(3), { expectedRevision: 'no_stream' });
    const second = await keepTree(store);
    // The last kept event, read again to find where to go on from, and the three new ones.
    expect(read() - before).toBeLessThanOrEqual(4);
    expect(second.size).toBe(first.size + 3);
    const all = await collect(store.readAll());
    expect(Buffer.from(second.root()).equals(Buffer.from(treeOfLeaves(all).root()))).toBe(true);
    expect(
      verifyConsistency(
        first.size,
        second.size,
        first.root(),
        second.root(),
        second.consistencyProof(first.size),
      ).valid,
    ).toBe(true);
    // Kept again with nothing new: the same tree.
    expect((await keepTree(store)).size).toBe(second.size);
  });

  it('answers concurrent calls with one tree', async () => {
    const store = await open();
    await store.appendToStream('Noted-c', rawEvents(20), { expectedRevision: 'no_stream' });
    const trees = await Promise.all([keepTree(store), keepTree(store), keepTree(store)]);
    const roots = new Set(trees.map((tree) => hashToBase64(tree.root())));
    expect(roots.size).toBe(1);
    expect(new Set(trees.map((tree) => tree.size)).size).toBe(1);
  });
});

describe('the tree kept in the embedded store file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tree-keeper-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sha256 = (file: string): string =>
    createHash('sha256').update(readFileSync(file)).digest('hex');

  it('outlives the connection: reopened, it reads only what is new', async () => {
    const file = join(dir, 'ledger.db');
    const first = openSqliteEventStore(file);
    await recordPakistanBahrain2025(first);
    const kept = await keepTree(first);
    const root = hashToBase64(kept.root());
    await first.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM tree_leaves').pluck().get()).toBe(kept.size);
    // n leaves close n - popcount(n) subtrees above them.
    const closed = kept.size - kept.size.toString(2).split('1').length + 1;
    expect(raw.prepare('SELECT count(*) FROM tree_subtrees').pluck().get()).toBe(closed);
    raw.close();

    const reopened = openSqliteEventStore(file);
    const { store, read } = counting(reopened);
    const again = await keepTree(store);
    expect(read()).toBe(1);
    expect(hashToBase64(again.root())).toBe(root);
    await reopened.close();
  });

  it('keeps leaves in chunks, and agrees with the events past a chunk', async () => {
    const file = join(dir, 'ledger.db');
    const store = openSqliteEventStore(file, { synchronous: 'normal' });
    for (let batch = 0; batch < 25; batch++)
      await store.appendToStream(`Noted-${batch}`, rawEvents(1_000), {
        expectedRevision: 'no_stream',
      });
    const kept = await keepTree(store);
    expect(kept.size).toBe(25_000);
    const all = await collect(store.readAll());
    expect(Buffer.from(kept.root()).equals(Buffer.from(treeOfLeaves(all).root()))).toBe(true);
    const middle = all[12_345] as StoredEvent;
    expect(kept.leafIndexOf(middle.position)).toBe(12_345);
    await store.close();
  });

  it('two connections keeping one file agree, and write each leaf once', async () => {
    const file = join(dir, 'ledger.db');
    const a = openSqliteEventStore(file);
    const b = openSqliteEventStore(file);
    await a.appendToStream('Noted-a', rawEvents(30), { expectedRevision: 'no_stream' });
    await keepTree(a);
    await b.appendToStream('Noted-b', rawEvents(30), { expectedRevision: 'no_stream' });
    const [fromA, fromB] = await Promise.all([keepTree(a), keepTree(b)]);
    expect(fromA.size).toBe(60);
    expect(hashToBase64(fromA.root())).toBe(hashToBase64(fromB.root()));
    const all = await collect(a.readAll());
    expect(hashToBase64(fromA.root())).toBe(hashToBase64(treeOfLeaves(all).root()));
    await a.close();
    await b.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM tree_leaves').pluck().get()).toBe(60);
    raw.close();
  });

  it('is kept in memory for a store opened read-only, and the file is left as it was', async () => {
    const file = join(dir, 'ledger.db');
    const writer = openSqliteEventStore(file);
    await writer.appendToStream('Noted-a', rawEvents(10), { expectedRevision: 'no_stream' });
    await keepTree(writer);
    await writer.appendToStream('Noted-b', rawEvents(7), { expectedRevision: 'no_stream' });
    await writer.close();
    const before = sha256(file);

    const reader = openSqliteEventStore(file, { readOnly: true });
    const kept = await keepTree(reader);
    expect(kept.size).toBe(17);
    const report = await verifyAll(reader);
    expect(hashToBase64(kept.root())).toBe(report.treeHead?.rootHash);
    await reader.close();
    expect(sha256(file)).toBe(before);
  });

  it('migrates a version-2 file to version 3, and keeps its tree from the events', async () => {
    const file = join(dir, 'ledger.db');
    const writer = openSqliteEventStore(file);
    await writer.appendToStream('Noted-a', rawEvents(9), { expectedRevision: 'no_stream' });
    await writer.close();
    const raw = new Database(file);
    raw.exec(
      'DROP TABLE tree_leaves; DROP TABLE tree_subtrees; UPDATE ledger_schema SET version = 2',
    );
    raw.close();

    // Read-only, it stays version 2 and its tree is kept in memory.
    const reader = openSqliteEventStore(file, { readOnly: true });
    expect(reader.tree).toBeUndefined();
    expect((await keepTree(reader)).size).toBe(9);
    await reader.close();

    const migrated = openSqliteEventStore(file);
    expect(migrated.tree?.size()).toBe(0);
    const kept = await keepTree(migrated);
    expect(kept.size).toBe(9);
    expect(migrated.tree?.size()).toBe(9);
    await migrated.close();
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT version FROM ledger_schema').pluck().get()).toBe(3);
    check.close();
  });

  it('reports a kept tree the events no longer match', async () => {
    const file = join(dir, 'ledger.db');
    const store = openSqliteEventStore(file);
    await store.appendToStream('Noted-a', rawEvents(6), { expectedRevision: 'no_stream' });
    await keepTree(store);
    await store.close();
    const raw = new Database(file);
    // Six leaves: the root is read from the subtrees of leaves 0-3 and 4-5.
    raw
      .prepare('UPDATE tree_subtrees SET hash = ? WHERE level = 1 AND node = 2')
      .run(Buffer.alloc(32, 7));
    raw.close();

    const reopened = openSqliteEventStore(file, { readOnly: true });
    const report = await verifyAll(reopened);
    await reopened.close();
    expect(report.intact).toBe(false);
    expect(report.keptTree).toMatchObject({ size: 6, holds: false });
    expect(report.keptTree?.message).toContain('changed after the tree was kept');
  });
});

describe('an insider who re-seals an altered event after its tree was kept', () => {
  it('is caught by verify alone, unless the kept tree is rewritten too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tree-keeper-'));
    const file = join(dir, 'ledger.db');
    try {
      const store = openSqliteEventStore(file, { now: clock });
      await recordPakistanBahrain2025(store);
      await keepTree(store);
      await store.close();

      // The last event of the store is the last of its stream: re-sealing it breaks no link.
      const raw = new Database(file);
      const last = raw.prepare('SELECT * FROM events ORDER BY position DESC LIMIT 1').get() as {
        position: number;
        stream_id: string;
        event_id: string;
        type: string;
        data: string;
        metadata: string;
      };
      const { integrity, ...rest } = JSON.parse(last.metadata) as {
        integrity: { previousHash: string | null; version?: 2 };
      };
      const data = { ...(JSON.parse(last.data) as object), forged: true };
      const link = sealEvent({
        streamId: last.stream_id,
        eventId: last.event_id,
        type: last.type,
        data,
        metadata: rest,
        previousHash: integrity.previousHash,
        ...(integrity.version === undefined ? {} : { version: integrity.version }),
      });
      raw
        .prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?')
        .run(JSON.stringify(data), JSON.stringify({ ...rest, integrity: link }), last.position);
      raw.close();

      const reopened = openSqliteEventStore(file, { readOnly: true });
      const report = await verifyAll(reopened);
      await reopened.close();
      expect(report.findings).toEqual([]);
      expect(report.intact).toBe(false);
      expect(report.keptTree?.holds).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a tree file kept beside EventStoreDB', () => {
  let server: TestServer;
  let client: EventStoreDBClient;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    client = EventStoreDBClient.connectionString(server.connectionString);
    dir = mkdtempSync(join(tmpdir(), 'tree-file-'));
  });
  afterAll(async () => {
    await client.dispose();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('outlives the store object: reopened, it reads only what is new', async () => {
    const path = join(dir, 'esdb-tree.db');
    const file = openSqliteTreeFile(path);
    const store = createEventStoreDBEventStore(client, { now: clock, tree: file });
    await recordPakistanBahrain2025(store);
    const kept = await keepTree(store);
    const root = hashToBase64(kept.root());
    file.close();

    const again = openSqliteTreeFile(path);
    const { store: reopened, read } = counting(
      createEventStoreDBEventStore(client, { now: clock, tree: again }),
    );
    expect(again.size()).toBe(kept.size);
    const second = await keepTree(reopened);
    expect(read()).toBe(1);
    expect(hashToBase64(second.root())).toBe(root);
    expect((await verifyAll(reopened)).keptTree).toEqual({ size: kept.size, holds: true });
    again.close();
  });

  it('refuses a file that is not a tree file, and a missing one when reading', async () => {
    const ledger = join(dir, 'ledger.db');
    await openSqliteEventStore(ledger).close();
    expect(() => openSqliteTreeFile(ledger)).toThrow(/not a diplomatic-ledger store/);
    expect(() => openSqliteTreeFile(join(dir, 'missing.db'), { readOnly: true })).toThrow(
      expect.objectContaining({ storeMissing: true }),
    );
  });
});

describe('tree storage in memory', () => {
  it('keeps all of a batch or none of it', () => {
    const storage = createInMemoryTreeStorage();
    const leaf = (position: bigint) => ({ position, hash: new Uint8Array(32) });
    expect(storage.extend?.(0, [leaf(1n), leaf(2n)], [])).toBe(true);
    // Not where the storage ends: nothing kept.
    expect(storage.extend?.(1, [leaf(3n)], [])).toBe(false);
    // Positions that do not increase: refused before anything is kept.
    expect(() => storage.extend?.(2, [leaf(5n), leaf(4n)], [])).toThrow(/must increase/);
    expect(storage.size()).toBe(2);
    expect(storage.positionOf(1)).toBe(2n);
    expect(storage.positionOf(2)).toBeUndefined();
  });
});
