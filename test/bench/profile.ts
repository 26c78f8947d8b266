/**
 * Profiles one part of the workload benchmark and prints where the time went: the functions
 * with the most time of their own, and those with the most time under them (a function counted
 * once per sample, however deep it recurses). The whole profile is written to
 * `workload.cpuprofile` in the working directory, for Chrome's DevTools or VS Code.
 *
 * `npm run profile -- <commands|replay> <memory|sqlite>`
 *
 * The part runs three times; the profile covers the last two, after the first has warmed up.
 * Only the synchronous stacks are attributed: time after an `await` appears under the function
 * that resumed, not under the one that awaited.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { MoU, evolveMoU, initialMoUState, type MoUState } from '../../src/domain/mou';
import { handleCommand, loadState } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { createStateCache } from '../../src/kernel/state-cache';
import { libraryEvents } from '../../src/projections/checkpoint';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { MOUS, buildWorkload, mouIdOf, recordingIn2040, type WorkItem } from './support/workload';

const [part, storeKind] = process.argv.slice(2);
if (
  (part !== 'commands' && part !== 'replay') ||
  (storeKind !== 'memory' && storeKind !== 'sqlite')
) {
  console.error('usage: npm run profile -- <commands|replay> <memory|sqlite>');
  process.exit(2);
}

const directory = mkdtempSync(join(tmpdir(), 'ledger-profile-'));
let files = 0;
const newStore = (): EventStore =>
  storeKind === 'memory'
    ? createInMemoryEventStore({ now: recordingIn2040 })
    : openSqliteEventStore(join(directory, `profile-${++files}.db`), { now: recordingIn2040 });

const runCommands = async (store: EventStore, work: readonly WorkItem[]): Promise<void> => {
  const cache = createStateCache();
  for (const { command, context } of work) {
    const result = await handleCommand(store, MoU, command, context, { cache });
    if (E.isLeft(result)) throw new Error(result.left.message);
  }
};

const replay = async (store: EventStore): Promise<void> => {
  for (let n = 0; n < MOUS; n++) {
    const loaded = await loadState(store, MoU, mouIdOf(n));
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  }
  const states = new Map<string, MoUState>();
  for await (const stored of store.readAll()) {
    const decoded = libraryEvents.decode(stored);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    const { event } = decoded.right;
    if (MoU.events.owns(event))
      states.set(stored.streamId, evolveMoU(states.get(stored.streamId) ?? initialMoUState, event));
  }
};

/** Self and inclusive time per function, as shares of the profiled time. */
const summarise = (profile: Profiler.Profile, top: number): string => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nameOf = (node: Profiler.ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.startsWith('file:') ? relative(process.cwd(), fileURLToPath(url)) : url;
    return `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
  };
  const selfTime = new Map<string, number>();
  const underTime = new Map<string, number>();
  let total = 0;
  const deltas = profile.timeDeltas ?? [];
  for (const [i, id] of (profile.samples ?? []).entries()) {
    const micros = deltas[i] ?? 0;
    const names = new Set<string>();
    let profiler = false;
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const node = byId.get(at);
      if (node === undefined) continue;
      names.add(nameOf(node));
      if (node.callFrame.url === 'node:inspector') profiler = true;
    }
    // Stopping the profiler is sampled too; it is not the workload.
    if (profiler) continue;
    total += micros;
    const leaf = byId.get(id);
    if (leaf !== undefined) selfTime.set(nameOf(leaf), (selfTime.get(nameOf(leaf)) ?? 0) + micros);
    for (const name of names) underTime.set(name, (underTime.get(name) ?? 0) + micros);
  }
  const table = (times: Map<string, number>): string =>
    [...times]
      .filter(([name]) => !name.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `${((100 * micros) / total).toFixed(1).padStart(6)} %  ${name}`)
      .join('\n');
  return `time of its own:\n${table(selfTime)}\n\ntime under it:\n${table(underTime)}`;
};

const main = async (): Promise<void> => {
  const work = buildWorkload();
  const session = new Session();
  session.connect();
  try {
    // A replay's stores are written first, so that only the replays are profiled.
    const replayed: EventStore[] = [];
    if (part === 'replay')
      for (let round = 0; round < 3; round++) {
        const store = newStore();
        await runCommands(store, work);
        replayed.push(store);
      }
    const rounds: number[] = [];
    for (let round = 0; round < 3; round++) {
      const store = replayed[round] ?? newStore();
      if (round === 1) {
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      const started = performance.now();
      if (part === 'commands') await runCommands(store, work);
      else await replay(store);
      rounds.push(performance.now() - started);
      if ('close' in store && typeof store.close === 'function') await store.close();
    }
    const { profile } = await session.post('Profiler.stop');
    const out = resolve('workload.cpuprofile');
    writeFileSync(out, JSON.stringify(profile));
    console.log(`${part} on ${storeKind}: ${rounds.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
    console.log(summarise(profile, 25));
    console.log(`\nprofile written to ${out}`);
  } finally {
    session.disconnect();
    rmSync(directory, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
