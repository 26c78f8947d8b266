import * as E from 'fp-ts/Either';
import { BilateralMeeting, type BilateralMeetingCommand } from '../../src/domain/bilateral-meeting';
import { commandIdLog, commandIdsUpTo } from '../../src/kernel/command-ids';
import { handleCommand } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { createStateCache, type CachedFold, type StateCache } from '../../src/kernel/state-cache';
import { StoreUnavailableError } from '../../src/kernel/store-errors';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context, snapshot } from '../support/context';
import { meetingStreamId, noteFact, recordMeeting } from '../support/meeting';

const streamId = meetingStreamId;
const record = recordMeeting;
const fact = noteFact;

/** Counts the events read through the store's `readStream`. */
const counting = (store: EventStore): EventStore & { eventsRead: () => number } => {
  let read = 0;
  return {
    ...store,
    readStream: async function* (id, options) {
      for await (const event of store.readStream(id, options)) {
        read++;
        yield event;
      }
    },
    eventsRead: () => read,
  };
};

/**
 * Once `hold(n)` is called, holds the next `n` appends until all `n` have arrived, so that their
 * commands decide on the same fold. (Folds are cached per store object: one wrapper throughout.)
 */
const holding = (store: EventStore): EventStore & { hold: (n: number) => void } => {
  let waiting = 0;
  let all = Promise.resolve();
  let release: () => void = () => undefined;
  return {
    ...store,
    appendToStream: async (id, events, options) => {
      if (waiting > 0) {
        if (--waiting === 0) release();
        await all;
      }
      return store.appendToStream(id, events, options);
    },
    hold: (n) => {
      waiting = n;
      all = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
  };
};

const handled = async (
  store: EventStore,
  command: BilateralMeetingCommand,
  ctx: ReturnType<typeof context>,
  cache: StateCache,
) => {
  const result = await handleCommand(store, BilateralMeeting, command, ctx, { cache });
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

describe('the command ids a fold holds', () => {
  it('claims only the ids noted up to its own revision', () => {
    const log = commandIdLog();
    log.note('a', 0n);
    log.note('b', 1n);
    log.note('b', 2n);
    log.note('c', 3n);
    const atOne = commandIdsUpTo(log, 1n);
    expect(['a', 'b', 'c'].map((id) => atOne.has(id))).toEqual([true, true, false]);
    expect([...atOne]).toEqual(['a', 'b']);
    expect([...commandIdsUpTo(log, -1n)]).toEqual([]);
    // A later note for an id seen earlier does not hide it from the earlier folds.
    log.note('a', 5n);
    expect(commandIdsUpTo(log, 0n).has('a')).toBe(true);
  });
});

describe('command ids with a state cache', () => {
  it('records two concurrent commands once each, the one that lost the race retrying', async () => {
    const base = createInMemoryEventStore();
    const gate = holding(base);
    const store = counting(gate);
    const cache = createStateCache();
    await handled(store, record, context(), cache);
    await handled(store, fact('before'), context(), cache);
    const readBefore = store.eventsRead();
    gate.hold(2);
    const [one, two] = [context(), context()];
    const [first, second] = await Promise.all([
      handled(store, fact('one'), one, cache),
      handled(store, fact('two'), two, cache),
    ]);
    expect([first.revision, second.revision].sort()).toEqual([2n, 3n]);
    // Each read the event its fold ended on; the loser read once more, after the winner's event:
    // its own id, which never landed, is not claimed by the fold it retries from.
    expect(store.eventsRead() - readBefore).toBe(3);

    for (const [command, ctx] of [
      [fact('one'), one],
      [fact('two'), two],
    ] as const) {
      const retried = await handled(store, command, ctx, cache);
      expect(retried.alreadyHandled).toBe(true);
      expect(retried.events).toHaveLength(1);
    }
    expect(await snapshot(base, streamId)).toHaveLength(4);
  });

  it('recognises a retry after many later commands, from any point of the stream', async () => {
    const store = createInMemoryEventStore();
    const cache = createStateCache();
    await handled(store, record, context(), cache);
    const contexts = Array.from({ length: 300 }, () => context());
    for (const [n, ctx] of contexts.entries()) await handled(store, fact(`f${n}`), ctx, cache);
    for (const n of [0, 150, 299]) {
      const ctx = contexts[n] ?? context();
      // The same command id in upper case is the same command.
      const retried = await handled(
        store,
        fact(`f${n}`),
        { ...ctx, commandId: ctx.commandId.toUpperCase() },
        cache,
      );
      expect(retried.alreadyHandled).toBe(true);
      expect(retried.events).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ factId: `f${n}` }) }),
      ]);
    }
    expect(await snapshot(store, streamId)).toHaveLength(301);
  });

  it('recognises a command whose append landed though its reply was lost', async () => {
    const base = createInMemoryEventStore();
    const cache = createStateCache();
    await handled(base, record, context(), cache);
    let lose = true;
    const flaky: EventStore = {
      ...base,
      appendToStream: async (id, events, options) => {
        const appended = await base.appendToStream(id, events, options);
        if (lose) {
          lose = false;
          throw new StoreUnavailableError('the reply was lost');
        }
        return appended;
      },
    };
    const ctx = context();
    await expect(
      handleCommand(flaky, BilateralMeeting, fact('lost'), ctx, { cache }),
    ).rejects.toThrow('the reply was lost');
    const retried = await handled(flaky, fact('lost'), ctx, cache);
    expect(retried.alreadyHandled).toBe(true);
    const next = await handled(flaky, fact('next'), context(), cache);
    expect(next.revision).toBe(2n);
    expect(await snapshot(base, streamId)).toHaveLength(3);
  });

  it('reads the stream afresh once its fold is forgotten, and recognises what it held', async () => {
    const store = createInMemoryEventStore();
    const cache = createStateCache();
    await handled(store, record, context(), cache);
    const ctx = context();
    await handled(store, fact('kept'), ctx, cache);
    cache.forget(store, streamId);
    await handled(store, fact('after'), context(), cache);
    const retried = await handled(store, fact('kept'), ctx, cache);
    expect(retried.alreadyHandled).toBe(true);
    expect(await snapshot(store, streamId)).toHaveLength(3);
  });

  it('takes an id hidden by a soft delete as new, as a read of the stream does', async () => {
    const store = createInMemoryEventStore();
    const cache = createStateCache();
    await handled(store, record, context(), cache);
    const ctx = context();
    await handled(store, fact('gone'), ctx, cache);
    await store.deleteStream(streamId, { mode: 'soft' });
    await handled(store, record, context(), cache);
    const again = await handled(store, fact('gone'), ctx, cache);
    expect(again.alreadyHandled).toBe(false);
    expect(again.revision).toBe(3n);
  });

  it('works with a cache that keeps the ids as a set of its own', async () => {
    const inner = createStateCache();
    // A cache of another making, which copies what it is given.
    const copying: StateCache = {
      ...inner,
      set: (store, owner, id, fold: CachedFold<unknown>) =>
        inner.set(store, owner, id, { ...fold, commandIds: new Set(fold.commandIds) }),
    };
    const store = createInMemoryEventStore();
    await handled(store, record, context(), copying);
    const ctx = context();
    await handled(store, fact('f1'), ctx, copying);
    await handled(store, fact('f2'), context(), copying);
    expect((await handled(store, fact('f1'), ctx, copying)).alreadyHandled).toBe(true);
    expect((await handled(store, fact('f3'), context(), copying)).revision).toBe(3n);
  });
});
