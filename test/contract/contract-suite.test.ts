import { AssertionError } from 'node:assert';
import type * as nodeTest from 'node:test';
import type { EventStore, StoredEvent } from '../../src/kernel/event-store';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import {
  defineEventStoreContract,
  eventStoreContract,
  type ContractCase,
  type DefineEventStoreContractOptions,
} from '../../src/testing';

/*
 * The contract suite itself, as `diplomatic-ledger/testing` ships it: a suite that no store can
 * fail proves nothing, so a store broken on purpose must fail it, while the store it wraps passes.
 */

/** Every case was written to have 117 of them: a change to the count is a change to the contract. */
const CASES = 117;

async function* allButLast(events: AsyncIterable<StoredEvent>): AsyncIterable<StoredEvent> {
  const all: StoredEvent[] = [];
  for await (const event of events) all.push(event);
  yield* all.slice(0, -1);
}

/** The in-memory store, except that reading a stream drops its last event. */
const droppingLastEvent = (): EventStore => {
  const store = createInMemoryEventStore();
  return {
    appendToStream: (streamId, events, options) => store.appendToStream(streamId, events, options),
    readStream: (streamId, options) => allButLast(store.readStream(streamId, options)),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    deleteStream: (streamId, options) => store.deleteStream(streamId, options),
  };
};

/** Runs every case on a store of its own; the names of the cases that failed, with their errors. */
const failures = async (
  cases: readonly ContractCase[],
  createStore: () => EventStore,
): Promise<Map<string, unknown>> => {
  const failed = new Map<string, unknown>();
  for (const c of cases)
    await c
      .run(createStore())
      .catch((error: unknown) => failed.set(`${c.group} › ${c.name}`, error));
  return failed;
};

describe('the event store contract', () => {
  const cases = eventStoreContract({ startsEmpty: true, subscriptionTimeoutMs: 200 });

  it(`has ${CASES} cases, each named once within its group`, () => {
    expect(cases).toHaveLength(CASES);
    expect(new Set(cases.map((c) => `${c.group} › ${c.name}`)).size).toBe(CASES);
  });

  it('passes on the in-memory store', async () => {
    expect([...(await failures(cases, () => createInMemoryEventStore())).keys()]).toEqual([]);
  });

  it('fails on a store whose readStream drops the last event, with assertion errors', async () => {
    const failed = await failures(cases, droppingLastEvent);
    expect(failed.size).toBeGreaterThan(CASES / 3);
    const read = failed.get(
      'reading a stream of ten events (revisions 0..9) › forwards by default, all of it',
    );
    expect(read).toBeInstanceOf(AssertionError);
    expect(
      failed.has(
        'ordering › a stream holds revisions 0..n-1 in the order appended, every field as given',
      ),
    ).toBe(true);
  });
});

describe('defineEventStoreContract', () => {
  type Registered = { name: string; fn: () => Promise<void> };
  const registrar = () => {
    const tests: Registered[] = [];
    const blocks: string[] = [];
    let path: string[] = [];
    return {
      tests,
      blocks,
      test: (name: string, fn: () => Promise<void>) =>
        tests.push({ name: [...path, name].join(' › '), fn }),
      describe: (name: string, fn: () => void) => {
        blocks.push(name);
        const outer = path;
        path = [...path, name];
        fn();
        path = outer;
      },
    };
  };

  it('registers one test per case, under a block per store and per group when given describe', () => {
    const r = registrar();
    defineEventStoreContract(
      'a store',
      () => ({ store: createInMemoryEventStore(), dispose: async () => {} }),
      {
        test: r.test,
        describe: r.describe,
      },
    );
    expect(r.tests).toHaveLength(CASES);
    expect(r.blocks[0]).toBe('a store honours the event store contract');
    expect(new Set(r.blocks.slice(1))).toEqual(new Set(eventStoreContract().map((c) => c.group)));
    expect(r.tests[0]?.name).toBe(
      'a store honours the event store contract › appending with an expected revision (EventStoreDB semantics): to a stream that was never written › any creates the stream, its first event at revision 0',
    );
  });

  it('names each test after its store and group when there is no describe', () => {
    const r = registrar();
    defineEventStoreContract(
      'a store',
      () => ({ store: createInMemoryEventStore(), dispose: async () => {} }),
      {
        test: r.test,
      },
    );
    expect(r.blocks).toEqual([]);
    expect(r.tests.map((t) => t.name)).toEqual(
      eventStoreContract().map(
        (c) => `a store honours the event store contract › ${c.group} › ${c.name}`,
      ),
    );
  });

  it('makes a store for each case and disposes of it after, whether the case passes or fails', async () => {
    for (const [make, passes] of [
      [() => createInMemoryEventStore(), true],
      [droppingLastEvent, false],
    ] as const) {
      const r = registrar();
      let made = 0;
      let disposed = 0;
      defineEventStoreContract(
        'a store',
        async () => {
          made++;
          return { store: make(), dispose: async () => void disposed++ };
        },
        { test: r.test, startsEmpty: true },
      );
      expect(made).toBe(0);
      const read = r.tests.find((t) => t.name.endsWith('forwards by default, all of it'));
      if (read === undefined) throw new Error('no such case');
      const outcome = read.fn();
      if (passes) await outcome;
      else await expect(outcome).rejects.toBeInstanceOf(AssertionError);
      expect({ made, disposed }).toEqual({ made: 1, disposed: 1 });
    }
  });

  it('fails a passing case whose store cannot be disposed of', async () => {
    const r = registrar();
    defineEventStoreContract(
      'a store',
      () => ({
        store: createInMemoryEventStore(),
        dispose: () => Promise.reject(new Error('still open')),
      }),
      { test: r.test },
    );
    await expect(r.tests[0]?.fn()).rejects.toThrow('still open');
  });

  it("takes node:test's test and describe as they are", () => {
    // Checked by the compiler: no cast is needed for either.
    const fit = (
      t: typeof nodeTest.test,
      d: typeof nodeTest.describe,
    ): DefineEventStoreContractOptions => ({
      test: t,
      describe: d,
    });
    expect(typeof fit).toBe('function');
  });
});
