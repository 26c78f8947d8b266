import { createInMemoryTreeStorage } from '../kernel/in-memory-tree-storage';
import { StoreError, StoreUnavailableError } from '../kernel/store-errors';
import type { KeptLeaf, KeptSubtree, TreeStorage } from '../kernel/tree-storage';
import type { PostgresAccess } from './postgres-connection';
import { pgCodeOf, pgConstraintOf, UNIQUE_VIOLATION } from './postgres-errors';
import { onClient } from './postgres-rows';
import type { PostgresTables } from './postgres-schema';

/**
 * The PostgreSQL store's tree storage: the `tree_leaves` and `tree_subtrees` tables of schema
 * version 2. The keeper reads the tree synchronously, so the storage answers from a copy in
 * memory (about 72 bytes an event: two 32-byte hashes and a position) that `load` brings up to
 * date, reading only the rows beyond what it holds: those this process kept, and those other
 * processes kept since. `extend` writes in one transaction and keeps in the copy only what
 * committed.
 *
 * Writers of one tree are not serialised by the schema's write lock (appends would wait for the
 * keeper): a writer checks in its transaction that the table ends where it expects, and two that
 * both saw it end there insert the same first leaf, whose primary key lets one commit and makes
 * the other wait for it and fail. The one that fails keeps nothing and answers false.
 */

/** Leaves read in one statement when loading (the subtrees they close come in a second). */
const LOAD_PAGE = 10_000;

const hexOf = (hash: Uint8Array): string => Buffer.from(hash).toString('hex');

export const postgresTreeStorage = (options: {
  readonly access: PostgresAccess;
  readonly tables: PostgresTables;
  readonly schema: string;
  readonly readOnly: boolean;
}): TreeStorage => {
  const { access, tables: t, schema } = options;
  const statements = {
    leaves: `SELECT leaf, position, hash FROM ${t.treeLeaves} WHERE leaf >= $1 ORDER BY leaf LIMIT $2`,
    // Per level, the subtrees closed by the leaves of one page: one index range each.
    subtrees: `SELECT s.level, s.node, s.hash
      FROM unnest($1::smallint[], $2::bigint[], $3::bigint[]) AS r (level, lo, hi)
      JOIN ${t.treeSubtrees} AS s ON s.level = r.level AND s.node >= r.lo AND s.node < r.hi
      ORDER BY s.level, s.node`,
    lastLeaf: `SELECT max(leaf) FROM ${t.treeLeaves}`,
    addLeaves: `INSERT INTO ${t.treeLeaves} (leaf, position, hash)
      SELECT $1::bigint + r.n - 1, r.position, decode(r.hash, 'hex')
        FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY AS r (position, hash, n)`,
    addSubtrees: `INSERT INTO ${t.treeSubtrees} (level, node, hash)
      SELECT r.level, r.node, decode(r.hash, 'hex')
        FROM unnest($1::smallint[], $2::bigint[], $3::text[]) AS r (level, node, hash)`,
  };

  let copy = createInMemoryTreeStorage();

  // Loads and writes of one storage take turns, so the copy only ever grows where it ends.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = turn.then(work, work);
    turn = run.catch(() => undefined);
    return run;
  };

  const damaged = (what: string): StoreUnavailableError =>
    new StoreUnavailableError(`${access.server}: the tree in schema ${schema} is damaged: ${what}`);

  const asHash = (value: unknown, what: string): Uint8Array => {
    if (value instanceof Uint8Array && value.length === 32) return value;
    throw damaged(`${what} is not a 32-byte hash`);
  };

  /** Reads one page beyond the copy into it; false once there is nothing more. */
  const loadPage = async (): Promise<boolean> => {
    const from = copy.size();
    // The last leaf loaded comes first: if it is gone, the table was emptied or cut short since,
    // and what it holds now is loaded afresh.
    const start = Math.max(0, from - 1);
    const rows = await access.rows('loading the tree', statements.leaves, [
      start,
      LOAD_PAGE + from - start,
    ]);
    if (from > 0 && Number(rows[0]?.[0] ?? -1) !== from - 1) {
      copy = createInMemoryTreeStorage();
      return true;
    }
    const page = from > 0 ? rows.slice(1) : rows;
    if (page.length === 0) return false;
    const leaves: KeptLeaf[] = page.map((row, i) => {
      if (Number(row[0]) !== from + i) throw damaged(`leaf ${from + i} is missing`);
      return { position: BigInt(row[1] as string), hash: asHash(row[2], `leaf ${from + i}`) };
    });
    const to = from + leaves.length;
    const ranges: { levels: number[]; lo: number[]; hi: number[] } = { levels: [], lo: [], hi: [] };
    let expected = 0;
    for (let level = 1; 2 ** level <= to; level++) {
      const lo = Math.floor(from / 2 ** level);
      const hi = Math.floor(to / 2 ** level);
      if (hi === lo) continue;
      ranges.levels.push(level);
      ranges.lo.push(lo);
      ranges.hi.push(hi);
      expected += hi - lo;
    }
    const subtreeRows =
      expected === 0
        ? []
        : await access.rows('loading the tree', statements.subtrees, [
            ranges.levels,
            ranges.lo,
            ranges.hi,
          ]);
    if (subtreeRows.length !== expected)
      throw damaged(
        `${expected - subtreeRows.length} of the subtrees above leaves ${from} to ${to - 1} are missing`,
      );
    const subtrees: KeptSubtree[] = subtreeRows.map((row) => {
      const [level, index] = [Number(row[0]), Number(row[1])];
      return { level, index, hash: asHash(row[2], `subtree (${level}, ${index})`) };
    });
    try {
      copy.extend(from, leaves, subtrees);
    } catch (error) {
      throw damaged(error instanceof Error ? error.message : String(error));
    }
    return page.length === LOAD_PAGE;
  };

  const load = (): Promise<void> =>
    inTurn(async () => {
      while (await loadPage());
    });

  /** True when the error is a second writer's first leaf meeting the first's. */
  const lostTheRace = (error: unknown): boolean => {
    const cause = error instanceof StoreError ? error.cause : error;
    return pgCodeOf(cause) === UNIQUE_VIOLATION && pgConstraintOf(cause) === 'tree_leaves_pkey';
  };

  const extend = (
    from: number,
    leaves: readonly KeptLeaf[],
    subtrees: readonly KeptSubtree[],
  ): Promise<boolean> =>
    inTurn(async () => {
      // Behind what this process loaded: the table holds more than `from` leaves.
      if (from !== copy.size()) return false;
      copy.check(from, leaves, subtrees);
      if (leaves.length === 0 && subtrees.length === 0) return true;
      let kept: boolean;
      try {
        kept = await access.transaction('keeping the tree', { lock: false }, async (client) => {
          const query = onClient(client);
          const [row] = await query(statements.lastLeaf, []);
          const last = row?.[0];
          const held = last === null || last === undefined ? 0 : Number(last) + 1;
          if (held !== from) return false;
          await query(statements.addLeaves, [
            from,
            leaves.map((l) => l.position.toString()),
            leaves.map((l) => hexOf(l.hash)),
          ]);
          if (subtrees.length > 0)
            await query(statements.addSubtrees, [
              subtrees.map((s) => s.level),
              subtrees.map((s) => s.index),
              subtrees.map((s) => hexOf(s.hash)),
            ]);
          return true;
        });
      } catch (error) {
        if (lostTheRace(error)) return false;
        throw error;
      }
      if (kept) copy.extend(from, leaves, subtrees);
      return kept;
    });

  return {
    load,
    size: () => copy.size(),
    hash: (level, index) => copy.hash(level, index),
    positionOf: (index) => copy.positionOf(index),
    ...(options.readOnly ? {} : { extend }),
  };
};
