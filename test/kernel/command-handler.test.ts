import * as E from 'fp-ts/Either';
import { BilateralMeeting, type BilateralMeetingCommand } from '../../src/domain/bilateral-meeting';
import { handleCommand } from '../../src/kernel/command-handler';
import { eventIdFor } from '../../src/kernel/event-id';
import type { EventStore } from '../../src/kernel/event-store';
import { StoreUnavailableError } from '../../src/kernel/store-errors';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context, snapshot } from '../support/context';

const streamId = 'BilateralMeeting-m1';
const record: BilateralMeetingCommand = {
  type: 'RecordBilateralMeeting',
  meetingId: 'm1',
  parties: ['PK', 'BH'],
  hostParty: 'PK',
  venue: 'Islamabad',
  delegations: [],
  occurredOn: '2025-09-10',
};
const fact = (factId: string): BilateralMeetingCommand => ({
  type: 'NoteSourcedFact',
  meetingId: 'm1',
  factId,
  statement: `fact ${factId}`,
  occurredOn: '2025-09-10',
});

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

describe('handleCommand', () => {
  it('derives event ids from the command id', async () => {
    const store = createInMemoryEventStore();
    const ctx = context();
    await handleCommand(store, BilateralMeeting, record, ctx);
    const [stored] = await snapshot(store, streamId);
    expect(stored).toMatchObject({ eventId: eventIdFor(ctx.commandId, 0) });
    expect(eventIdFor(ctx.commandId, 0)).not.toBe(eventIdFor(ctx.commandId, 1));
  });

  it('answers a repeated command from the stream and writes nothing', async () => {
    const store = createInMemoryEventStore();
    const ctx = context();
    await handleCommand(store, BilateralMeeting, record, context());
    const first = await handleCommand(store, BilateralMeeting, fact('f1'), ctx);
    const again = await handleCommand(store, BilateralMeeting, fact('f1'), ctx);
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
    await expect(handleCommand(lossy, BilateralMeeting, record, ctx)).rejects.toThrow(
      'connection reset',
    );
    const retried = await handleCommand(lossy, BilateralMeeting, record, ctx);
    expect(E.isRight(retried) && retried.right.alreadyHandled).toBe(true);
    expect(await snapshot(inner, streamId)).toHaveLength(1);
  });

  it('re-runs the cycle when another writer got in first, and decides on the new state', async () => {
    const store = createInMemoryEventStore();
    await handleCommand(store, BilateralMeeting, record, context());
    const racing = interleaved(store, 1, async () => {
      await handleCommand(store, BilateralMeeting, fact('rival'), context());
    });
    const result = await handleCommand(racing, BilateralMeeting, fact('mine'), context());
    expect(E.isRight(result) && result.right.revision).toBe(2n);
    const state = E.isRight(result) ? result.right.state : undefined;
    expect(state?.status === 'held' && state.facts.map((f) => f.factId)).toEqual(['rival', 'mine']);
  });

  it('gives up after the bounded number of attempts with a conflict value', async () => {
    const store = createInMemoryEventStore();
    await handleCommand(store, BilateralMeeting, record, context());
    let n = 0;
    const busy = interleaved(store, 100, async () => {
      await handleCommand(store, BilateralMeeting, fact(`rival-${n++}`), context());
    });
    const result = await handleCommand(busy, BilateralMeeting, fact('mine'), context(), {
      maxAttempts: 3,
    });
    expect(result).toEqual(
      E.left(expect.objectContaining({ kind: 'ConcurrencyConflict', attempts: 3, streamId })),
    );
    expect(n).toBe(3);
    const ids = (await snapshot(store, streamId)).map((e) => (e as { type: string }).type);
    expect(ids).toHaveLength(4);
  });

  it('refuses a malformed context before reading anything', async () => {
    const store = createInMemoryEventStore();
    const result = await handleCommand(
      store,
      BilateralMeeting,
      record,
      context({ commandId: 'not-a-uuid', reason: ' ' }),
    );
    expect(E.isLeft(result) && result.left.kind).toBe('InvalidCommand');
    const message = E.isLeft(result) ? result.left.message : '';
    expect(message).toContain('context.commandId');
    expect(message).toContain('context.reason');
    expect(await snapshot(store, streamId)).toEqual([]);
  });

  it('refuses a record made on behalf of something that is not a state', async () => {
    const store = createInMemoryEventStore();
    const result = await handleCommand(
      store,
      BilateralMeeting,
      record,
      context({ onBehalfOf: 'Interior' }),
    );
    expect(E.isLeft(result) && result.left.kind).toBe('InvalidCommand');
    expect(E.isLeft(result) && result.left.message).toContain('context.onBehalfOf: expected Party');
    expect(await snapshot(store, streamId)).toEqual([]);
  });

  it('refuses to write to a tombstoned stream', async () => {
    const store = createInMemoryEventStore();
    await handleCommand(store, BilateralMeeting, record, context());
    await store.deleteStream(streamId, { mode: 'tombstone' });
    const result = await handleCommand(store, BilateralMeeting, fact('late'), context());
    expect(E.isLeft(result) && result.left.kind).toBe('StreamDeleted');
  });
});
