import { performance } from 'node:perf_hooks';

/** Work handed over a slice at a time; each way keeps its own store between slices. */
export type Way<Item> = (items: readonly Item[]) => unknown;

/** Items each way runs before the next takes its turn. */
export const SLICE = 250;

/**
 * The same work through several ways, side by side: each runs a slice of the work in turn (the
 * order of turns alternating from slice to slice), so a busy spell of a shared machine falls on
 * all of them alike instead of on whichever was running. Answers each way's total time.
 */
export const sideBySide = async <Item>(
  work: readonly Item[],
  ways: readonly Way<Item>[],
): Promise<number[]> => {
  const totals = ways.map(() => 0);
  for (let from = 0, turn = 0; from < work.length; from += SLICE, turn++) {
    const items = work.slice(from, from + SLICE);
    const order = turn % 2 === 0 ? ways.map((_, i) => i) : ways.map((_, i) => ways.length - 1 - i);
    for (const index of order) {
      const way = ways[index] as Way<Item>;
      const started = performance.now();
      await way(items);
      totals[index] = (totals[index] ?? 0) + performance.now() - started;
    }
  }
  return totals;
};
