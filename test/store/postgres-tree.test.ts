import { v4 as uuidv4 } from 'uuid';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import {
  createTreeHasher,
  hashToBase64,
  keepTree,
  keptLeafOf,
  verifyAll,
  verifyInclusion,
  type EventStore,
  type StoredEvent,
} from '../../src';
import type { EventToAppend } from '../../src/kernel/event-store';
import type { KeptLeaf } from '../../src/kernel/tree-storage';
import {
  openPostgresEventStore,
  type PostgresEventStore,
} from '../../src/store/postgres-event-store';
import type { PostgresEventStoreOptions } from '../../src/store/postgres-options';
import { createTestDatabase, onServer, type TestDatabase } from '../support/postgres';
import { scaled } from '../support/time-scale';
import { collect, counting } from '../support/collect';

/**
 * The Merkle tree kept in PostgreSQL (tables `tree_leaves` and `tree_subtrees`): found by another
 * store object on the same schema (another process) without reading the events again, kept once
 * when several keep it at the same time, its rows checked by `verifyAll`, migrated into an older
 * schema, and only read by a store opened read-only.
 */
jest.setTimeout(scaled(60_000));

let database: TestDatabase;
const opened: PostgresEventStore[] = [];
beforeAll(async () => {
  database = await createTestDatabase('tree');
});
afterAll(async () => {
  for (const store of opened) await store.close();
  await database.drop();
});

const clock = (): Date => new Date('2026-11-30T09:00:00.000Z');

const open = async (
  schema: string,
  options: PostgresEventStoreOptions = {},
): Promise<PostgresEventStore> => {
  const store = await openPostgresEventStore(database.url, { now: clock, ...options, schema });
  opened.push(store);
  return store;
};

const rawEvents = (n: number): EventToAppend[] =>
  Array.from({ length: n }, (_, i) => ({
    eventId: uuidv4(),
    type: 'Noted',
    data: JSON.stringify({ n: i }),
    metadata: JSON.stringify({ note: `raw ${i}` }),
  }));

const rootOfEvents = async (store: EventStore): Promise<string> => {
  const hasher = createTreeHasher();
  for await (const event of store.readAll()) hasher.push(keptLeafOf(event));
  return hashToBase64(hasher.root());
};

const query = <R extends object = Record<string, unknown>>(text: string): Promise<R[]> =>
  onServer(database.url, async (client) => (await client.query<R>(text)).rows);

const countOf = async (text: string): Promise<number> =>
  Number((await query<{ n: string }>(text))[0]?.n);

/** n leaves close n - popcount(n) subtrees above them. */
const closedSubtrees = (n: number): number => n - n.toString(2).split('1').length + 1;

/** The rows of a schema's tree: their count, distinct leaves, and leaves not at their event. */
const rowsOf = async (schema: string) => ({
  leaves: await countOf(`SELECT count(*) AS n FROM ${schema}.tree_leaves`),
  distinct: await countOf(`SELECT count(DISTINCT leaf) AS n FROM ${schema}.tree_leaves`),
  subtrees: await countOf(`SELECT count(*) AS n FROM ${schema}.tree_subtrees`),
  // Leaf i must stand for the i-th event of the global order.
  misplaced: await countOf(`
    SELECT count(*) AS n FROM ${schema}.tree_leaves AS l
      LEFT JOIN (SELECT position, row_number() OVER (ORDER BY position) - 1 AS leaf
                   FROM ${schema}.events) AS e ON e.leaf = l.leaf
     WHERE e.position IS DISTINCT FROM l.position`),
});

describe('the tree kept in PostgreSQL', () => {
  it('is found by another store object on the schema, which reads only what is new', async () => {
    const first = await open('kept_once');
    await recordPakistanBahrain2025(first);
    const kept = await keepTree(first);
    expect(await rowsOf('kept_once')).toEqual({
      leaves: kept.size,
      distinct: kept.size,
      subtrees: closedSubtrees(kept.size),
      misplaced: 0,
    });

    // Another process: verifyAll compares with the tree in the database, not an empty one.
    const second = await open('kept_once');
    const report = await verifyAll(second);
    expect(report.intact).toBe(true);
    expect(report.keptTree).toEqual({ size: kept.size, holds: true });

    const { store, read } = counting(await open('kept_once'));
    const again = await keepTree(store);
    // Only the last kept event, read to find where to go on from.
    expect(read()).toBe(1);
    expect(again.size).toBe(kept.size);
    expect(hashToBase64(again.root())).toBe(hashToBase64(kept.root()));
    expect(hashToBase64(again.root())).toBe(report.treeHead?.rootHash);
    const all = await collect(store.readAll());
    for (const index of [0, Math.floor(kept.size / 2), kept.size - 1]) {
      const event = all[index] as StoredEvent;
      expect(again.leafIndexOf(event.position)).toBe(index);
      const path = again.inclusionProof(index);
      expect(path).toEqual(kept.inclusionProof(index));
      expect(verifyInclusion(index, again.size, keptLeafOf(event), path, kept.root()).valid).toBe(
        true,
      );
    }

    // What the first keeps later, the others find too.
    await first.appendToStream('Noted-later', rawEvents(5), { expectedRevision: 'no_stream' });
    const later = await keepTree(first);
    const before = read();
    expect((await keepTree(store)).size).toBe(later.size);
    expect(read() - before).toBe(1);
  });

  it('kept by several store objects at once ends as one tree, each leaf written once', async () => {
    const writers = await Promise.all([open('raced_tree'), open('raced_tree'), open('raced_tree')]);
    const [a, b, c] = writers as [PostgresEventStore, PostgresEventStore, PostgresEventStore];
    // More than one chunk of the keeper (10,000 leaves), so that they race mid-way too.
    for (let batch = 0; batch < 12; batch++)
      await a.appendToStreams?.([
        { streamId: `Noted-${batch}`, events: rawEvents(1_000), expectedRevision: 'no_stream' },
      ]);
    const [fromA, fromB] = await Promise.all([
      keepTree(a),
      keepTree(b),
      c.appendToStream('Noted-meanwhile', rawEvents(50), { expectedRevision: 'no_stream' }),
    ]);
    expect(fromA.size).toBeGreaterThanOrEqual(12_000);
    expect(fromB.size).toBeGreaterThanOrEqual(12_000);
    const trees = await Promise.all(writers.map((store) => keepTree(store)));
    expect(trees.map((tree) => tree.size)).toEqual([12_050, 12_050, 12_050]);
    const root = await rootOfEvents(a);
    expect(trees.map((tree) => hashToBase64(tree.root()))).toEqual([root, root, root]);
    expect(await rowsOf('raced_tree')).toEqual({
      leaves: 12_050,
      distinct: 12_050,
      subtrees: closedSubtrees(12_050),
      misplaced: 0,
    });
    expect((await verifyAll(await open('raced_tree'))).keptTree).toEqual({
      size: 12_050,
      holds: true,
    });
  });

  it('lets one of two writers extend it from where it ends, and the other keep nothing', async () => {
    const [a, b] = [await open('two_writers'), await open('two_writers')];
    const leaves = (from: number, n: number): KeptLeaf[] =>
      Array.from({ length: n }, (_, i) => ({
        position: BigInt(from + i + 1),
        hash: new Uint8Array(32).fill(from + i),
      }));
    // Two leaves close one subtree.
    const subtree = { level: 1, index: 0, hash: new Uint8Array(32).fill(9) };
    const answers = await Promise.all([
      a.tree?.extend?.(0, leaves(0, 2), [subtree]),
      b.tree?.extend?.(0, leaves(0, 2), [subtree]),
    ]);
    expect(answers.filter((kept) => kept === true)).toHaveLength(1);
    expect(answers.filter((kept) => kept === false)).toHaveLength(1);
    expect(await rowsOf('two_writers')).toMatchObject({ leaves: 2, distinct: 2, subtrees: 1 });
    // The one that lost kept nothing in its copy either, and finds the winner's leaves on loading.
    const loser = answers[0] === true ? b : a;
    expect(loser.tree?.size()).toBe(0);
    await loser.tree?.load?.();
    expect(loser.tree?.size()).toBe(2);
    expect(Buffer.from(loser.tree?.hash(1, 0) ?? []).equals(Buffer.from(subtree.hash))).toBe(true);
    // Not where the table ends: refused, nothing written.
    expect(await loser.tree?.extend?.(1, leaves(1, 1), [])).toBe(false);
    expect(await loser.tree?.extend?.(2, leaves(2, 1), [])).toBe(true);
    expect(await rowsOf('two_writers')).toMatchObject({ leaves: 3, distinct: 3 });
  });

  it('is kept again from where it ends when its rows were cut short', async () => {
    const store = await open('cut_short');
    await store.appendToStream('Noted-a', rawEvents(8), { expectedRevision: 'no_stream' });
    expect((await keepTree(store)).size).toBe(8);
    await query('DELETE FROM cut_short.tree_leaves; DELETE FROM cut_short.tree_subtrees');
    await store.appendToStream('Noted-b', rawEvents(2), { expectedRevision: 'no_stream' });
    const kept = await keepTree(store);
    expect(kept.size).toBe(10);
    expect(hashToBase64(kept.root())).toBe(await rootOfEvents(store));
    expect(await rowsOf('cut_short')).toEqual({
      leaves: 10,
      distinct: 10,
      subtrees: closedSubtrees(10),
      misplaced: 0,
    });
  });

  it('reports a kept tree the events no longer match', async () => {
    const store = await open('tampered_tree');
    await store.appendToStream('Noted-a', rawEvents(6), { expectedRevision: 'no_stream' });
    await keepTree(store);
    // Six leaves: the root is read from the subtrees of leaves 0-3 and 4-5.
    await query(
      `UPDATE tampered_tree.tree_subtrees SET hash = '\\x${'07'.repeat(32)}' WHERE level = 1 AND node = 2`,
    );

    const reopened = await open('tampered_tree', { readOnly: true });
    const report = await verifyAll(reopened);
    expect(report.intact).toBe(false);
    expect(report.keptTree).toMatchObject({ size: 6, holds: false });
    expect(report.keptTree?.message).toContain('changed after the tree was kept');
  });

  it('is refused as damaged when a leaf is missing from the middle', async () => {
    const store = await open('gap_tree');
    await store.appendToStream('Noted-a', rawEvents(5), { expectedRevision: 'no_stream' });
    await keepTree(store);
    await query('DELETE FROM gap_tree.tree_leaves WHERE leaf = 2');
    const reopened = await open('gap_tree');
    await expect(verifyAll(reopened)).rejects.toThrow(
      /the tree in schema gap_tree is damaged: leaf 2 is missing/,
    );
  });
});

describe('the tree of a store opened read-only', () => {
  it('is loaded from the schema and kept on in memory, never written', async () => {
    const writer = await open('read_only_tree');
    await writer.appendToStream('Noted-a', rawEvents(10), { expectedRevision: 'no_stream' });
    await keepTree(writer);
    await writer.appendToStream('Noted-b', rawEvents(7), { expectedRevision: 'no_stream' });

    const { store: reader, read } = counting(await open('read_only_tree', { readOnly: true }));
    expect(reader.tree?.extend).toBeUndefined();
    const kept = await keepTree(reader);
    expect(kept.size).toBe(17);
    // The ten kept were loaded: the last of them and the seven after it were read.
    expect(read()).toBe(8);
    expect(await rowsOf('read_only_tree')).toMatchObject({ leaves: 10 });
    const report = await verifyAll(reader);
    expect(report.keptTree).toEqual({ size: 17, holds: true });
    expect(hashToBase64(kept.root())).toBe(report.treeHead?.rootHash);

    // What the writer keeps later, the reader loads.
    await keepTree(writer);
    expect(await rowsOf('read_only_tree')).toMatchObject({ leaves: 17 });
    await reader.tree?.load?.();
    expect(reader.tree?.size()).toBe(17);
  });
});

describe('a schema of version 1', () => {
  const downgrade = (schema: string) =>
    query(
      `DROP TABLE ${schema}.tree_leaves; DROP TABLE ${schema}.tree_subtrees;
       UPDATE ${schema}.ledger_schema SET version = 1`,
    );

  it('is read as it is when opened read-only, its tree kept in memory', async () => {
    const writer = await open('version_1_read');
    await writer.appendToStream('Noted-a', rawEvents(4), { expectedRevision: 'no_stream' });
    await downgrade('version_1_read');
    const reader = await open('version_1_read', { readOnly: true });
    expect(reader.tree).toBeUndefined();
    expect((await keepTree(reader)).size).toBe(4);
    expect(await query(`SELECT version FROM version_1_read.ledger_schema`)).toEqual([
      { version: 1 },
    ]);
  });

  it('is migrated to version 2 once when several open it at once, and its tree kept', async () => {
    const writer = await open('version_1');
    await writer.appendToStream('Noted-a', rawEvents(9), { expectedRevision: 'no_stream' });
    await downgrade('version_1');
    const stores = await Promise.all([open('version_1'), open('version_1'), open('version_1')]);
    expect(await query(`SELECT version FROM version_1.ledger_schema`)).toEqual([{ version: 2 }]);
    expect(await rowsOf('version_1')).toMatchObject({ leaves: 0, subtrees: 0 });
    const migrated = stores[0] as PostgresEventStore;
    expect(migrated.tree?.size()).toBe(0);
    const kept = await keepTree(migrated);
    expect(kept.size).toBe(9);
    expect(await rowsOf('version_1')).toEqual({
      leaves: 9,
      distinct: 9,
      subtrees: closedSubtrees(9),
      misplaced: 0,
    });
    expect(hashToBase64(kept.root())).toBe(await rootOfEvents(migrated));
  });
});
