/**
 * Export and import of a history: the time to export a store to a history file, beside the time
 * to import that file into a new embedded store file (staged and renamed into place, as the
 * command line does) and into an embedded store already open (one write, synced once). The target
 * is an import at no less than half the speed of export. Medians of BENCH_HISTORY_ROUNDS
 * (default 3) rounds over BENCH_HISTORY_STREAMS (default 20,000) streams of ten events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/Either';
import { exportHistoryToFile } from '../../src/audit/history-file';
import { importHistoryFile } from '../../src/audit/history-import';
import { intoNewStoreFile } from '../../src/cli/staging';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { EVENTS_PER_STREAM, writeAuditHistory } from './support/audit-history';

const STREAMS = Number(process.env.BENCH_HISTORY_STREAMS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_HISTORY_ROUNDS ?? 3);

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const importing = async (store: Parameters<typeof importHistoryFile>[0], file: string) => {
  const result = await importHistoryFile(store, file);
  if (E.isLeft(result)) throw new Error(result.left.message);
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-history-'));
  try {
    const source = join(dir, 'source.db');
    await writeAuditHistory(source, STREAMS);
    const file = join(dir, 'history.jsonl');
    const figures = { exported: [] as number[], staged: [] as number[], open: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const store = openSqliteEventStore(source, { readOnly: true });
      figures.exported.push(await timed(() => exportHistoryToFile(store, file)));
      await store.close();
      const staged = join(dir, `staged-${round}.db`);
      figures.staged.push(await timed(() => intoNewStoreFile(staged, (s) => importing(s, file))));
      const target = openSqliteEventStore(join(dir, `open-${round}.db`));
      figures.open.push(await timed(() => importing(target, file)));
      await target.close();
    }
    const events = STREAMS * EVENTS_PER_STREAM;
    const [exported, staged, open] = [
      median(figures.exported),
      median(figures.staged),
      median(figures.open),
    ];
    const rate = (ms: number) =>
      `${Math.round(events / (ms / 1000)).toLocaleString('en')} events/s`;
    console.log(`History of ${events.toLocaleString('en')} events, medians of ${ROUNDS}`);
    console.log(
      `  export                         ${(exported / 1000).toFixed(1)} s, ${rate(exported)}`,
    );
    console.log(
      `  import into a new file (staged) ${(staged / 1000).toFixed(1)} s, ${rate(staged)}: ${(exported / staged).toFixed(2)} of export's speed`,
    );
    console.log(
      `  import into an open store      ${(open / 1000).toFixed(1)} s, ${rate(open)}: ${(exported / open).toFixed(2)} of export's speed`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
