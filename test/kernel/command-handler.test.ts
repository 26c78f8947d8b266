import * as E from 'fp-ts/Either';
import { BilateralMeeting, type BilateralMeetingCommand } from '../../src/domain/bilateral-meeting';
import { handleCommand, type HandleCommandOptions } from '../../src/kernel/command-handler';
import { createStateCache } from '../../src/kernel/state-cache';
import { eventIdFor } from '../../src/kernel/event-id';
import type { EventStore } from '../../src/kernel/event-store';
import { StoreUnavailableError } from '../../src/kernel/store-errors';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context, snapshot } from '../support/context';
import { meetingStreamId, noteFact, recordMeeting } from '../support/meeting';

const streamId = meetingStreamId;
const record = recordMeeting;
const fact = noteFact;

/** A store that runs `before` ahead of the first `n` appends: another writer getting in first. */
const interleaved = (store: EventStore, n: number, before: () => Promise<void>): EventStore => {
  let remaining = n;
  return {
    ...store,
    appendToStream: async (id, events, options) => {
      if (remaining-- > 0) await before();
      return store.appendToStream(id, events, options);
    },
  };
};

// Every behaviour holds alike with and without a cache of folded states.
describe.each([
  ['without a state cache', (): HandleCommandOptions => ({})],
  ['with a state cache', (): HandleCommandOptions => ({ cache: createStateCache() })],
])('handleCommand %s', (_, makeOptions) => {
  let options: HandleCommandOptions;
  beforeEach(() => {
    options = makeOptions();
  });
  const handle = (
    store: EventStore,
    command: BilateralMeetingCommand,
    ctx: ReturnType<typeof context>,
    extra: HandleCommandOptions = {},
  ) => handleCommand(store, BilateralMeeting, command, ctx, { ...options, ...extra });

  it('derives event ids from the stream and the command id', async () => {
    const store = createInMemoryEventStore();
    const ctx = context();
    await handle(store, record, ctx);
    const [stored] = await snapshot(store, streamId);
    expect(stored).toMatchObject({ eventId: eventIdFor(streamId, ctx.commandId, 0) });
    expect(eventIdFor(streamId, ctx.commandId, 0)).not.toBe(eventIdFor(streamId, ctx.commandId, 1));
    expect(eventIdFor(streamId, ctx.commandId, 0)).not.toBe(
      eventIdFor(`${streamId}-other`, ctx.commandId, 0),
    );
  });

  it('derives the same ids in every version: uuid v5 of "<stream>/<command id>/<index>"', () => {
    // Pinned: a retry must find the events its first delivery wrote, whatever version wrote them.
    const id = 'MoU-pk-bh-extradition';
    expect(eventIdFor(id, '2B0F5B8E-2A0E-4A43-9A55-0E9F7D5F2C11', 1)).toBe(
      'ec1bcefc-e219-5336-b445-d55b3cb6af48',
    );
    expect(eventIdFor(id, '2b0f5b8e-2a0e-4a43-9a55-0e9f7d5f2c11', 1)).toBe(
      'ec1bcefc-e219-5336-b445-d55b3cb6af48',
    );
  });

  it('answers a repeated command from the stream and writes nothing', async () => {
    const store = createInMemoryEventStore();
    const ctx = context();
    await handle(store, record, context());
    const first = await handle(store, fact('f1'), ctx);
    const again = await handle(store, fact('f1'), ctx);
    expect(E.isRight(first) && first.right.alreadyHandled).toBe(false);
    expect(E.isRight(again) && again.right.alreadyHandled).toBe(true);
    expect(E.isRight(again) && again.right.events).toEqual(E.isRight(first) && first.right.events);
    expect(await snapshot(store, streamId)).toHaveLength(2);
  });

  it('appends once when the reply to the first attempt was lost', async () => {
    const inner = createInMemoryEventStore();
    let lose = true;
    const lossy: EventStore = {
      ...inner,
      appendToStream: async (id, events, options) => {
        const result = await inner.appendToStream(id, events, options);
        if (lose) {
          lose = false;
          throw new StoreUnavailableError('connection reset after the write');
        }
        return result;
      },
    };
    const ctx = context();
    await expect(handle(lossy, record, ctx)).rejects.toThrow('connection reset');
    const retried = await handle(lossy, record, ctx);
    expect(E.isRight(retried) && retried.right.alreadyHandled).toBe(true);
    expect(await snapshot(inner, streamId)).toHaveLength(1);
  });

  it('re-runs the cycle when another writer got in first, and decides on the new state', async () => {
    const store = createInMemoryEventStore();
    await handle(store, record, context());
    const racing = interleaved(store, 1, async () => {
      await handle(store, fact('rival'), context());
    });
    const result = await handle(racing, fact('mine'), context());
    expect(E.isRight(result) && result.right.revision).toBe(2n);
    const state = E.isRight(result) ? result.right.state : undefined;
    expect(state?.status === 'held' && state.facts.map((f) => f.factId)).toEqual(['rival', 'mine']);
  });

  it('gives up after the bounded number of attempts with a conflict value', async () => {
    const store = createInMemoryEventStore();
    await handle(store, record, context());
    let n = 0;
    const busy = interleaved(store, 100, async () => {
      await handle(store, fact(`rival-${n++}`), context());
    });
    const result = await handle(busy, fact('mine'), context(), { maxAttempts: 3 });
    expect(result).toEqual(
      E.left(expect.objectContaining({ kind: 'ConcurrencyConflict', attempts: 3, streamId })),
    );
    expect(n).toBe(3);
    const ids = (await snapshot(store, streamId)).map((e) => (e as { type: string }).type);
    expect(ids).toHaveLength(4);
  });

  it('refuses a malformed context before reading anything', async () => {
    const store = createInMemoryEventStore();
    const result = await handle(store, record, context({ commandId: 'not-a-uuid', reason: ' ' }));
    expect(E.isLeft(result) && result.left.kind).toBe('InvalidCommand');
    const message = E.isLeft(result) ? result.left.message : '';
    expect(message).toContain('context.commandId');
    expect(message).toContain('context.reason');
    expect(await snapshot(store, streamId)).toEqual([]);
  });

  it('refuses a record made on behalf of something that is not a state', async () => {
    const store = createInMemoryEventStore();
    const result = await handle(store, record, context({ onBehalfOf: 'Interior' }));
    expect(E.isLeft(result) && result.left.kind).toBe('InvalidCommand');
    expect(E.isLeft(result) && result.left.message).toContain('context.onBehalfOf: expected Party');
    expect(await snapshot(store, streamId)).toEqual([]);
  });

  it('refuses to write to a tombstoned stream', async () => {
    const store = createInMemoryEventStore();
    await handle(store, record, context());
    await store.deleteStream(streamId, { mode: 'tombstone' });
    const result = await handle(store, fact('late'), context());
    expect(E.isLeft(result) && result.left.kind).toBe('StreamDeleted');
  });
});

/** A view of a store that counts the events its stream reads hand out. */
const counting = (store: EventStore): EventStore & { eventsRead: () => number } => {
  let read = 0;
  return {
    ...store,
    readStream: async function* (id, opts) {
      for await (const event of store.readStream(id, opts)) {
        read++;
        yield event;
      }
    },
    eventsRead: () => read,
  };
};

const factIds = (state: unknown): string[] =>
  (state as { facts?: { factId: string }[] }).facts?.map((f) => f.factId) ?? [];

describe('handleCommand with a state cache', () => {
  it('reads only the last folded event and what came after it', async () => {
    const store = counting(createInMemoryEventStore());
    const cache = createStateCache();
    await handleCommand(store, BilateralMeeting, record, context(), { cache });
    for (const id of ['a', 'b', 'c', 'd'])
      await handleCommand(store, BilateralMeeting, fact(id), context(), { cache });
    // The first command read nothing; each later one, the single event its fold ended on.
    expect(store.eventsRead()).toBe(4);

    const uncached = counting(store);
    const result = await handleCommand(uncached, BilateralMeeting, fact('e'), context());
    expect(uncached.eventsRead()).toBe(5);
    expect(E.isRight(result) && factIds(result.right.state)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('folds in events another writer appended after the cached fold', async () => {
    const store = createInMemoryEventStore();
    const cache = createStateCache();
    await handleCommand(store, BilateralMeeting, record, context(), { cache });
    await handleCommand(store, BilateralMeeting, fact('theirs'), context());
    const again = await handleCommand(store, BilateralMeeting, fact('theirs'), context(), {
      cache,
    });
    expect(E.isLeft(again) && again.left).toMatchObject({ rule: 'FactAlreadyNoted' });
    const mine = await handleCommand(store, BilateralMeeting, fact('mine'), context(), { cache });
    expect(E.isRight(mine) && mine.right.revision).toBe(2n);
    expect(E.isRight(mine) && factIds(mine.right.state)).toEqual(['theirs', 'mine']);
  });

  it('drops a fold whose stream was deleted and recreated behind its back', async () => {
    const store = createInMemoryEventStore();
    const cache = createStateCache();
    await handleCommand(store, BilateralMeeting, record, context(), { cache });
    await handleCommand(store, BilateralMeeting, fact('gone'), context(), { cache });
    await store.deleteStream(streamId, { mode: 'soft' });
    const recreated = await handleCommand(store, BilateralMeeting, record, context());
    expect(E.isRight(recreated) && recreated.right.revision).toBe(2n);
    // The cached fold ends on revision 1, which the recreated stream no longer shows.
    const next = await handleCommand(store, BilateralMeeting, fact('gone'), context(), { cache });
    expect(E.isRight(next) && next.right.revision).toBe(3n);
    expect(E.isRight(next) && factIds(next.right.state)).toEqual(['gone']);
  });

  it('drops a fold whose stream was soft-deleted, and recreates the stream', async () => {
    const store = createInMemoryEventStore();
    const cache = createStateCache();
    await handleCommand(store, BilateralMeeting, record, context(), { cache });
    await handleCommand(store, BilateralMeeting, fact('gone'), context(), { cache });
    await store.deleteStream(streamId, { mode: 'soft' });
    const recreated = await handleCommand(store, BilateralMeeting, record, context(), { cache });
    expect(E.isRight(recreated) && recreated.right.revision).toBe(2n);
    expect(E.isRight(recreated) && factIds(recreated.right.state)).toEqual([]);
  });

  it('refuses a tombstoned stream it holds a fold of', async () => {
    const store = createInMemoryEventStore();
    const cache = createStateCache();
    await handleCommand(store, BilateralMeeting, record, context(), { cache });
    await store.deleteStream(streamId, { mode: 'tombstone' });
    const result = await handleCommand(store, BilateralMeeting, fact('late'), context(), {
      cache,
    });
    expect(E.isLeft(result) && result.left.kind).toBe('StreamDeleted');
  });

  it('answers a command retried after later ones with the events it recorded', async () => {
    const store = createInMemoryEventStore();
    const cache = createStateCache();
    const ctx = context();
    await handleCommand(store, BilateralMeeting, record, context(), { cache });
    const first = await handleCommand(store, BilateralMeeting, fact('f1'), ctx, { cache });
    await handleCommand(store, BilateralMeeting, fact('f2'), context(), { cache });
    const retried = await handleCommand(store, BilateralMeeting, fact('f1'), ctx, { cache });
    expect(E.isRight(retried) && retried.right.alreadyHandled).toBe(true);
    expect(E.isRight(retried) && retried.right.events).toEqual(
      E.isRight(first) && first.right.events,
    );
    expect(await snapshot(store, streamId)).toHaveLength(3);
  });

  it('keeps the folds of two stores apart, even for the same stream', async () => {
    const one = createInMemoryEventStore();
    const two = createInMemoryEventStore();
    const cache = createStateCache();
    await handleCommand(one, BilateralMeeting, record, context(), { cache });
    await handleCommand(one, BilateralMeeting, fact('only-in-one'), context(), { cache });
    const result = await handleCommand(two, BilateralMeeting, fact('x'), context(), { cache });
    expect(E.isLeft(result) && result.left).toMatchObject({ rule: 'MeetingNotRecorded' });
    expect(cache.size(one)).toBe(1);
    expect(cache.size(two)).toBe(0);
  });

  it('holds at most maxStreams folds per store', async () => {
    const store = createInMemoryEventStore();
    const cache = createStateCache({ maxStreams: 2 });
    for (const meetingId of ['m1', 'm2', 'm3'])
      await handleCommand(store, BilateralMeeting, { ...record, meetingId }, context(), { cache });
    expect(cache.size(store)).toBe(2);
  });
});
