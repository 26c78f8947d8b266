import type { SqliteDatabase } from './sqlite-driver';
import { StoreUnavailableError } from '../kernel/store-errors';
import type { KeptLeaf, KeptSubtree, TreeStorage } from '../kernel/tree-storage';
import { TREE_TABLES } from './sqlite-schema';

/**
 * The embedded store's tree storage: the `tree_leaves` and `tree_subtrees` tables of schema
 * version 3. A file of an older version opened read-only has none (undefined), and the keeper
 * holds its tree in memory instead.
 */
export const sqliteTreeStorage = (
  db: SqliteDatabase,
  path: string,
  options: {
    readonly readOnly: boolean;
    /** Runs one database step as the store's own verbs do: a closed store refused, faults named. */
    readonly guarded: <T>(doing: string, step: () => T) => T;
  },
): TreeStorage | undefined => {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
    .pluck()
    .all() as string[];
  if (TREE_TABLES.some((name) => !tables.includes(name))) return undefined;
  const { guarded } = options;
  const statements = {
    lastLeaf: db.prepare('SELECT max(leaf) FROM tree_leaves').pluck(),
    leaf: db.prepare('SELECT hash FROM tree_leaves WHERE leaf = ?').pluck(),
    position: db
      .prepare('SELECT position FROM tree_leaves WHERE leaf = ?')
      .pluck()
      .safeIntegers(true),
    subtree: db.prepare('SELECT hash FROM tree_subtrees WHERE level = ? AND node = ?').pluck(),
    addLeaf: db.prepare('INSERT INTO tree_leaves (leaf, position, hash) VALUES (?, ?, ?)'),
    addSubtree: db.prepare('INSERT INTO tree_subtrees (level, node, hash) VALUES (?, ?, ?)'),
  };

  const size = (): number => {
    const last = guarded('reading the tree', () => statements.lastLeaf.get());
    return typeof last === 'number' ? last + 1 : 0;
  };

  // A hash of another length is not one the keeper wrote (the tables refuse them): say so.
  const asHash = (value: unknown, what: string): Uint8Array | undefined => {
    if (value === undefined) return undefined;
    if (value instanceof Uint8Array && value.length === 32) return value;
    throw new StoreUnavailableError(
      `${path}: the tree's ${what} is not a 32-byte hash; the file is damaged`,
    );
  };

  const hash = (level: number, index: number): Uint8Array | undefined => {
    if (!Number.isSafeInteger(level) || !Number.isSafeInteger(index) || level < 0 || index < 0)
      return undefined;
    return guarded('reading the tree', () =>
      level === 0
        ? asHash(statements.leaf.get(index), `leaf ${index}`)
        : asHash(statements.subtree.get(level, index), `subtree (${level}, ${index})`),
    );
  };

  const positionOf = (index: number): bigint | undefined => {
    if (!Number.isSafeInteger(index) || index < 0) return undefined;
    const position: unknown = guarded('reading the tree', () => statements.position.get(index));
    return typeof position === 'bigint' ? position : undefined;
  };

  const extendInTransaction = db.transaction(
    (from: number, leaves: readonly KeptLeaf[], subtrees: readonly KeptSubtree[]): boolean => {
      if (size() !== from) return false;
      for (const [i, leaf] of leaves.entries())
        statements.addLeaf.run(from + i, leaf.position, leaf.hash);
      for (const s of subtrees) statements.addSubtree.run(s.level, s.index, s.hash);
      return true;
    },
  );

  // The tree is derived from the events, and kept again from them if a commit of it is lost, so
  // its commits need not wait for the disk. In write-ahead logging that loses no event: the next
  // event commit syncs the log, tree frames and all, and a lost frame takes every later one.
  const syncsEveryCommit = !options.readOnly && db.pragma('synchronous', { simple: true }) === 2;
  const extend = (from: number, leaves: readonly KeptLeaf[], subtrees: readonly KeptSubtree[]) =>
    guarded('keeping the tree', () => {
      if (!syncsEveryCommit) return extendInTransaction.immediate(from, leaves, subtrees);
      db.pragma('synchronous = NORMAL');
      try {
        return extendInTransaction.immediate(from, leaves, subtrees);
      } finally {
        db.pragma('synchronous = FULL');
      }
    });

  return { size, hash, positionOf, ...(options.readOnly ? {} : { extend }) };
};
