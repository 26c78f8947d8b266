import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import * as t from 'io-ts';
import { v4 as uuidv4 } from 'uuid';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import {
  MoU,
  aggregates,
  auditTrail,
  bilateralOverview,
  checkpointEvents,
  checkpointStreamOf,
  createInMemoryEventStore,
  currentStatesProjection,
  decodeRecordedEvent,
  encodeEvent,
  eventCatalog,
  eventRegistry,
  eventType,
  handleCommand,
  isStoreError,
  libraryEvents,
  readCurrentStates,
  runProjection,
  startProjection,
  verifyAll,
  type DomainEvent,
  type EventOf,
  type EventStore,
  type Projection,
  type ProjectionProgress,
  type RecordedEvent,
  type StoredEvent,
  type Subscription,
} from '../../src';
import { context } from '../support/context';
import { scaled } from '../support/time-scale';

/** A tiny event catalog of its own, so the runner is tested apart from the ledger's aggregates. */
const Counted = eventType('Counted', t.strict({ amount: t.number }, 'CountedData'));
const tallyEvents = eventCatalog(Counted);
type TallyEvent = EventOf<[typeof Counted]>;
const tallyRegistry = eventRegistry<TallyEvent>([{ name: 'Tally', events: tallyEvents }]);

/** Appends one `Counted` event to `Tally-<id>`, sealed into the stream's chain. */
const count = async (store: EventStore, id: string, amount: number): Promise<bigint> => {
  const streamId = `Tally-${id}`;
  let last: StoredEvent | undefined;
  try {
    for await (const e of store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))
      last = e;
  } catch (error) {
    if (!isStoreError(error, 'StreamNotFound')) throw error;
  }
  const previousHash =
    last === undefined
      ? null
      : (JSON.parse(last.metadata) as { integrity: { hash: string } }).integrity.hash;
  const encoded = encodeEvent(
    tallyEvents,
    { type: 'Counted', occurredOn: '2025-09-10', data: { amount } },
    {
      streamId,
      eventId: uuidv4(),
      previousHash,
      recordedAt: new Date('2025-09-10T12:00:00.000Z'),
      metadata: {
        actor: 'tester',
        onBehalfOf: 'PK',
        reason: 'counting',
        source: { kind: 'other', reference: 'test' },
        correlationId: uuidv4(),
        causationId: uuidv4(),
      },
    },
  );
  if (encoded._tag === 'Left') throw new Error(encoded.left.message);
  const { integrity: _integrity, ...event } = encoded.right;
  const result = await store.appendToStream(streamId, [event], {
    expectedRevision: last?.revision ?? 'no_stream',
  });
  return result.position;
};

/** The model of the spy projection: a sum, and how many times each position went into it. */
const Tally = t.type({ total: t.number, applied: t.record(t.string, t.number) }, 'Tally');
type Tally = t.TypeOf<typeof Tally>;

interface Spy {
  /** How many times `apply` completed for each position, across every runner that shares it. */
  readonly calls: Map<bigint, number>;
  readonly projection: Projection<Tally, TallyEvent>;
}

/**
 * A projection that counts its applications. `beforeApply` runs first and may throw (a crash
 * inside `apply`, which then applies nothing).
 */
const spy = (
  options: {
    readonly calls?: Map<bigint, number>;
    readonly beforeApply?: (recorded: RecordedEvent<TallyEvent>) => void;
    readonly version?: number;
  } = {},
): Spy => {
  const calls = options.calls ?? new Map<bigint, number>();
  return {
    calls,
    projection: {
      name: 'Tally',
      ...(options.version === undefined ? {} : { version: options.version }),
      events: tallyRegistry,
      otherStreams: 'skip',
      initial: () => ({ total: 0, applied: {} }),
      apply: (model, recorded) => {
        options.beforeApply?.(recorded);
        const key = recorded.position.toString();
        calls.set(recorded.position, (calls.get(recorded.position) ?? 0) + 1);
        return {
          total: model.total + recorded.event.data.amount,
          applied: { ...model.applied, [key]: (model.applied[key] ?? 0) + 1 },
        };
      },
      snapshot: Tally,
    },
  };
};

/** Every stored event of a stream (none if it does not exist). */
const streamEvents = async (store: EventStore, streamId: string): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  try {
    for await (const e of store.readStream(streamId)) out.push(e);
  } catch (error) {
    if (!isStoreError(error, 'StreamNotFound')) throw error;
  }
  return out;
};

const lastCheckpointPosition = async (store: EventStore): Promise<bigint | undefined> => {
  const events = await streamEvents(store, checkpointStreamOf('Tally'));
  const last = events[events.length - 1];
  if (last === undefined) return undefined;
  const decoded = decodeRecordedEvent(checkpointEvents, last);
  if (E.isLeft(decoded)) throw new Error(decoded.left.message);
  const { event } = decoded.right;
  return event.type === 'ProjectionCheckpointed' ? BigInt(event.data.position) : undefined;
};

const freshModel = async (store: EventStore): Promise<Tally> => {
  const result = await runProjection(store, spy().projection);
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right.model;
};

/** A clock that moves 250 ms every time it is read. */
const tickingClock = (): (() => number) => {
  let ms = 0;
  return () => (ms += 250);
};

describe('the projection runner', () => {
  it('catches up, then follows the store live, reporting progress', async () => {
    const store = createInMemoryEventStore({ positions: { first: 5n, step: 10n } });
    for (const amount of [1, 2, 3, 4, 5]) await count(store, 'a', amount);
    const reports: ProjectionProgress[] = [];
    const { projection } = spy();
    const runner = startProjection(store, projection, {
      onProgress: (p) => reports.push(p),
      progressEvery: 2,
      clock: tickingClock(),
    });
    await runner.caughtUp();
    expect(runner.model().total).toBe(15);
    const atCatchUp = reports.find((r) => r.caughtUp);
    expect(atCatchUp).toMatchObject({ projection: 'Tally', eventsApplied: 5, position: 45n });
    expect(atCatchUp?.ratePerSecond).toBeGreaterThan(0);
    expect(reports.filter((r) => !r.caughtUp).map((r) => r.eventsApplied)).toEqual([2, 4]);

    const position = await count(store, 'b', 100);
    await runner.reached(position);
    expect(runner.model().total).toBe(115);
    expect(reports[reports.length - 1]).toMatchObject({
      eventsApplied: 6,
      position,
      caughtUp: true,
    });
    expect(await runner.stop()).toEqual({ kind: 'stopped' });
  });

  it('keeps a checkpoint in the store and resumes after it, applying nothing twice', async () => {
    const store = createInMemoryEventStore();
    for (let i = 1; i <= 7; i++) await count(store, `s${i % 3}`, i);
    const calls = new Map<bigint, number>();
    const first = startProjection(store, spy({ calls }).projection, { checkpoint: { every: 3 } });
    await first.caughtUp();
    expect(await first.stop()).toEqual({ kind: 'stopped' });
    const checkpoints = await streamEvents(store, 'ProjectionCheckpoint-Tally');
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);

    for (let i = 8; i <= 10; i++) await count(store, 's0', i);
    const second = startProjection(store, spy({ calls }).projection);
    await second.caughtUp();
    expect(second.model()).toEqual(await freshModel(store));
    expect(second.model().total).toBe(55);
    expect(second.progress().eventsApplied).toBe(10);
    expect(calls.size).toBe(10);
    for (const [position, n] of calls) expect([position, n]).toEqual([position, 1]);
    await second.stop();
  });

  it('skips events delivered again, so at-least-once delivery applies each event once', async () => {
    const store = createInMemoryEventStore();
    for (let i = 1; i <= 5; i++) await count(store, 'a', i);
    const calls = new Map<bigint, number>();
    const first = startProjection(store, spy({ calls }).projection);
    await first.caughtUp();
    await first.stop();
    // A store that ignores the position asked for and delivers every event twice.
    const replaying: EventStore = {
      ...store,
      subscribeToAll: (): Subscription => {
        const inner = store.subscribeToAll();
        async function* twice() {
          for await (const message of inner) {
            yield message;
            if (message.kind === 'event') yield message;
          }
        }
        const iterator = twice();
        return { close: () => inner.close(), [Symbol.asyncIterator]: () => iterator };
      },
    };
    await count(store, 'a', 6);
    const second = startProjection(replaying, spy({ calls }).projection);
    await second.caughtUp();
    expect(second.model().total).toBe(21);
    expect([...calls.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    await second.stop();
  });

  it('rebuilds from zero on request into the model a fresh run gives, and records why', async () => {
    const store = createInMemoryEventStore();
    for (let i = 1; i <= 6; i++) await count(store, `s${i % 2}`, i * 10);
    const first = startProjection(store, spy().projection, { checkpoint: { every: 2 } });
    await first.caughtUp();
    await first.stop();

    const calls = new Map<bigint, number>();
    const rebuilt = startProjection(store, spy({ calls }).projection, {
      rebuild: { reason: 'the read model was found wrong' },
    });
    await rebuilt.caughtUp();
    expect(calls.size).toBe(6);
    expect(rebuilt.model()).toEqual(await freshModel(store));
    await rebuilt.stop();
    const types = (await streamEvents(store, 'ProjectionCheckpoint-Tally')).map((e) => e.type);
    expect(types.filter((type) => type === 'ProjectionRebuildStarted')).toHaveLength(1);
    expect(types[types.length - 1]).toBe('ProjectionCheckpointed');

    // A new version of the projection does not trust the old snapshot either.
    const newer = new Map<bigint, number>();
    const upgraded = startProjection(store, spy({ calls: newer, version: 2 }).projection);
    await upgraded.caughtUp();
    expect(newer.size).toBe(6);
    expect(upgraded.model()).toEqual(await freshModel(store));
    await upgraded.stop();
    const last = await streamEvents(store, 'ProjectionCheckpoint-Tally');
    const reasons = last
      .map((e) => decodeRecordedEvent(checkpointEvents, e))
      .flatMap((d) =>
        E.isRight(d) && d.right.event.type === 'ProjectionRebuildStarted'
          ? [d.right.event.data.reason]
          : [],
      );
    expect(reasons).toEqual([
      'the read model was found wrong',
      'projection version changed from 1 to 2',
    ]);
  });

  it('lets only one of two runners of the same projection write its checkpoints', async () => {
    const store = createInMemoryEventStore();
    for (let i = 1; i <= 3; i++) await count(store, 'a', i);
    const runIds = { a: uuidv4(), b: uuidv4() };
    const a = startProjection(store, spy().projection, {
      checkpoint: { every: 1 },
      runId: runIds.a,
    });
    await a.caughtUp();
    const b = startProjection(store, spy().projection, {
      checkpoint: { every: 1 },
      runId: runIds.b,
    });
    await b.caughtUp();
    await count(store, 'a', 4);
    // The runner that writes second meets the other's checkpoint and stops; the other runs on.
    const first = await Promise.race([a.finished, b.finished]);
    expect(first).toMatchObject({ kind: 'failed', failure: { kind: 'CheckpointConflict' } });
    const outcomeA = await a.stop();
    const outcomeB = await b.stop();
    expect([outcomeA.kind, outcomeB.kind].sort()).toEqual(['failed', 'stopped']);
    const winner = outcomeA.kind === 'stopped' ? a : b;
    expect(winner.model().total).toBe(10);
    // a checkpointed the first three events alone; after that, only the winner wrote.
    const writers = (await streamEvents(store, 'ProjectionCheckpoint-Tally')).map(
      (e) => (JSON.parse(e.metadata) as { correlationId: string }).correlationId,
    );
    expect(writers.slice(0, 3)).toEqual([runIds.a, runIds.a, runIds.a]);
    expect(writers.slice(3)).toEqual([winner === a ? runIds.a : runIds.b]);
    expect((await verifyAll(store)).intact).toBe(true);
  });

  it('fails with the decode error of an event it cannot read, and writes no checkpoint past it', async () => {
    const store = createInMemoryEventStore();
    await count(store, 'a', 1);
    await store.appendToStream(
      'Tally-a',
      [{ eventId: uuidv4(), type: 'Counted', data: '{"amount":"two"}', metadata: '{}' }],
      { expectedRevision: 0n },
    );
    const runner = startProjection(store, spy().projection);
    await expect(runner.caughtUp()).rejects.toThrow(/cannot decode Counted at Tally-a@1/);
    expect(await runner.finished).toMatchObject({ failure: { kind: 'DecodeFailed' } });
    expect(await streamEvents(store, 'ProjectionCheckpoint-Tally')).toEqual([]);
  });

  it('refuses a projection name that cannot name a stream', () => {
    const store = createInMemoryEventStore();
    expect(() => startProjection(store, { ...spy().projection, name: 'a b' })).toThrow(RangeError);
  });

  it('writes ordinary, sealed events: verifyAll stays intact and the audit trail reads them', async () => {
    const store = createInMemoryEventStore();
    await recordPakistanBahrain2025(store);
    const runner = startProjection(store, currentStatesProjection, { checkpoint: { every: 4 } });
    await runner.caughtUp();
    // Readers of the ledger pass over checkpoints.
    expect(await streamEvents(store, 'ProjectionCheckpoint-CurrentStates')).not.toEqual([]);
    const states = await readCurrentStates(store);
    expect(E.isRight(states) && states.right.mous.size).toBe(3);
    const tally = startProjection(store, spy().projection, { checkpoint: { every: 1 } });
    await tally.caughtUp();
    await count(store, 'x', 5);
    await tally.stop();
    await runner.stop();

    const checkpoints = await streamEvents(store, 'ProjectionCheckpoint-CurrentStates');
    expect(checkpoints.length).toBeGreaterThanOrEqual(3);
    const report = await verifyAll(store);
    expect(report.intact).toBe(true);

    const entries = [];
    for await (const entry of auditTrail(
      store,
      eventRegistry<DomainEvent>([
        { name: 'Tally', events: tallyEvents },
        ...aggregates,
        { name: 'ProjectionCheckpoint', events: checkpointEvents },
      ]),
    )) {
      if (E.isLeft(entry)) throw new Error(entry.left.error.message);
      entries.push(entry.right);
    }
    expect(entries).toHaveLength(report.eventsChecked);
    const checkpointEntries = entries.filter((e) => e.eventType === 'ProjectionCheckpointed');
    expect(checkpointEntries.length).toBeGreaterThanOrEqual(4);
    for (const e of checkpointEntries) expect(e.integrity).toBe('intact');
    expect(checkpointEntries[0]).toMatchObject({
      actor: 'projection-runner',
      onBehalfOf: 'CurrentStates',
    });

    // The library's own registry reads the checkpoints.
    const read = [];
    for await (const entry of auditTrail(store, libraryEvents, {
      aggregate: 'ProjectionCheckpoint',
    }))
      read.push(entry);
    expect(read).toHaveLength(checkpointEntries.length);
    expect(read.every(E.isRight)).toBe(true);
  });

  it('runs the current states live, so the bilateral overview follows every change', async () => {
    const store = createInMemoryEventStore();
    const runner = startProjection(store, currentStatesProjection);
    await runner.caughtUp();
    expect(bilateralOverview(runner.model(), ['PK', 'BH']).mous).toEqual([]);
    await recordPakistanBahrain2025(store);
    const signed = await handleCommand(
      store,
      MoU,
      {
        type: 'AgreeText',
        mouId: 'pk-bh-extradition',
        textVersion: 1,
        textDigest: 'b'.repeat(64),
        occurredOn: '2026-01',
      },
      context(),
    );
    if (E.isLeft(signed)) throw new Error(signed.left.message);
    const end = await lastPosition(store);
    await runner.reached(end);
    const overview = bilateralOverview(runner.model(), ['PK', 'BH']);
    expect(overview.mous.map((m) => m.status).sort()).toEqual([
      'proposed',
      'proposed',
      'textAgreed',
    ]);
    const oneShot = await readCurrentStates(store);
    if (E.isLeft(oneShot)) throw new Error(oneShot.left.message);
    expect(overview).toEqual(bilateralOverview(oneShot.right, ['PK', 'BH']));
    await runner.stop();
  });
});

const lastPosition = async (store: EventStore): Promise<bigint> => {
  for await (const e of store.readAll({ direction: 'backwards', maxCount: 1 })) return e.position;
  throw new Error('the store is empty');
};

describe('a projection killed mid-run and restarted', () => {
  it('ends with the model of an uninterrupted run, each event in it once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: -50, max: 50 })), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        fc.constantFrom('throw' as const, 'abort' as const),
        fc.integer({ min: 0, max: 4 }),
        async (history, every, killSeed, mode, later) => {
          const store = createInMemoryEventStore({ positions: { first: 3n, step: 7n } });
          const positions: bigint[] = [];
          for (const [s, amount] of history) positions.push(await count(store, `s${s}`, amount));
          const killAt = positions[killSeed % positions.length] ?? -1n;
          const calls = new Map<bigint, number>();
          const controller = new AbortController();
          const crashing = spy({
            calls,
            beforeApply: (recorded) => {
              if (recorded.position !== killAt) return;
              if (mode === 'throw') throw new Error('killed');
              controller.abort();
            },
          });
          const first = startProjection(store, crashing.projection, {
            checkpoint: { every },
            signal: controller.signal,
          });
          const outcome = await first.finished;
          expect(outcome.kind).toBe(mode === 'throw' ? 'failed' : 'aborted');
          const resumeAfter = await lastCheckpointPosition(store);
          // No checkpoint ever covers the event the run died on.
          if (resumeAfter !== undefined) expect(resumeAfter).toBeLessThan(killAt);

          const second = startProjection(store, spy({ calls }).projection, {
            checkpoint: { every },
          });
          await second.caughtUp();
          for (let i = 0; i < later; i++) await second.reached(await count(store, 's9', i));
          const outcomeSecond = await second.stop();
          expect(outcomeSecond).toEqual({ kind: 'stopped' });

          const model = second.model();
          expect(model).toEqual(await freshModel(store));
          expect(Object.values(model.applied).every((n) => n === 1)).toBe(true);
          for (const [position, n] of calls) {
            // The restarted run never touched what the checkpoint covered; what the first run
            // applied after its last checkpoint was lost with it and applied once more.
            const lost = resumeAfter === undefined || position > resumeAfter;
            expect(n).toBe(lost && position < killAt + (mode === 'abort' ? 1n : 0n) ? 2 : 1);
          }
          expect((await verifyAll(store)).intact).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the projections guide', () => {
  it(
    'has an example that runs as written',
    () => {
      const root = join(__dirname, '..', '..');
      const guide = readFileSync(join(root, 'docs', 'projections.md'), 'utf8');
      const snippet = /```ts\n([\s\S]*?)```/.exec(guide)?.[1] ?? '';
      const lines = snippet.split('\n');
      const cache = join(root, 'node_modules', '.cache');
      mkdirSync(cache, { recursive: true });
      const dir = mkdtempSync(join(cache, 'projections-guide-'));
      try {
        const file = join(dir, 'guide.ts');
        // The imports come first, up to the first blank line; the rest runs in an async function.
        const end = lines.indexOf('');
        const head = lines.slice(0, end);
        expect(head[0]).toMatch(/^import /);
        expect(head[head.length - 1]).toMatch(/ from '[^']+';$/);
        const source = [
          ...head.map((l) =>
            l.replace("from 'diplomatic-ledger'", `from ${JSON.stringify(join(root, 'src'))}`),
          ),
          'void (async () => {',
          ...lines.slice(end),
          '})();',
        ].join('\n');
        writeFileSync(file, source);
        const output = execFileSync(
          process.execPath,
          [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), file],
          { cwd: root, encoding: 'utf8' },
        );
        expect(output.trim().split('\n')).toEqual([
          'events applied: 0 (live)',
          'events applied: 1 (live)',
          '{ MoU: 1 }',
          'stopped',
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    scaled(30_000),
  );
});
