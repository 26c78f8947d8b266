import assert from 'node:assert/strict';
import type { SubscriptionMessage } from '../kernel/event-store';
import type { ContractCase } from './contract-case';
import {
  anEvent,
  at,
  caseWriter,
  definedFields,
  eventsOf,
  expectStrictlyIncreasing,
  ids,
  isCaughtUp,
  revisions,
  someEvents,
  streamName,
  untilCaughtUp,
  untilOurs,
  type ContractSettings,
} from './contract-kit';

/** Subscribing to all: catch-up, the caughtUp mark, live delivery, and closing. */
export const subscriptionCases = (settings: ContractSettings): ContractCase[] => {
  const { group, cases } = caseWriter(settings);
  const all = group('subscribing to all');

  all.it(
    'from the start: catches up on existing events, says caughtUp, then delivers live events in order',
    async ({ store, append, streamWith, takeUntil }) => {
      const { streamId, events } = await streamWith(2, 'sub');
      const sub = store.subscribeToAll();
      try {
        const messages = sub[Symbol.asyncIterator]();
        const catchUp = await takeUntil(messages, untilCaughtUp, 'caughtUp');
        assert.deepStrictEqual(ids(eventsOf(catchUp, [streamId])), ids(events));
        assert.strictEqual(catchUp.filter(isCaughtUp).length, 1);
        assert.strictEqual(at(catchUp, catchUp.length - 1).kind, 'caughtUp');

        const live = someEvents(3, 2);
        await append(streamId, live.slice(0, 2), 1n);
        await append(streamId, live.slice(2), 3n);
        const after = await takeUntil(messages, untilOurs([streamId], 3), 'the live events');
        const delivered = eventsOf(after, [streamId]);
        assert.deepStrictEqual(ids(delivered), ids(live));
        assert.deepStrictEqual(revisions(delivered), [2n, 3n, 4n]);
        assert.deepStrictEqual(after.filter(isCaughtUp), []);
        const positions = [...catchUp, ...after].flatMap((m) =>
          m.kind === 'event' ? [m.event.position] : [],
        );
        expectStrictlyIncreasing(positions);
      } finally {
        await sub.close();
      }
    },
  );

  all.it(
    'from a position: delivers only events after it (exclusive), then caughtUp, then live events',
    async ({ store, append, read, streamWith, takeUntil }) => {
      const { streamId, events } = await streamWith(3, 'sub');
      const stored = await read(streamId);
      const after = at(stored, 0).position;
      const sub = store.subscribeToAll({ afterPosition: after });
      try {
        const messages = sub[Symbol.asyncIterator]();
        const catchUp = await takeUntil(messages, untilCaughtUp, 'caughtUp');
        const delivered = catchUp.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
        assert.ok(
          delivered.every((e) => e.position > after),
          'every event is after the position',
        );
        assert.deepStrictEqual(ids(eventsOf(catchUp, [streamId])), ids(events.slice(1)));
        const live = anEvent(3);
        await append(streamId, [live], 2n);
        const more = await takeUntil(messages, untilOurs([streamId], 1), 'the live event');
        assert.deepStrictEqual(ids(eventsOf(more, [streamId])), [live.eventId]);
      } finally {
        await sub.close();
      }
    },
  );

  all.it(
    'on an empty store (or at the end of a shared one): caughtUp first, then live events',
    async ({ startsEmpty, append, endOfStore, subscribeAfter, takeUntil }) => {
      const end = await endOfStore();
      if (startsEmpty) assert.strictEqual(end, undefined);
      const sub = subscribeAfter(end);
      try {
        const messages = sub[Symbol.asyncIterator]();
        const catchUp = await takeUntil(messages, untilCaughtUp, 'caughtUp');
        if (startsEmpty) assert.deepStrictEqual(catchUp.map(definedFields), [{ kind: 'caughtUp' }]);
        const streamId = streamName('sub-empty');
        const live = someEvents(2);
        await append(streamId, live, 'no_stream');
        const after = await takeUntil(messages, untilOurs([streamId], 2), 'the live events');
        assert.deepStrictEqual(ids(eventsOf(after, [streamId])), ids(live));
      } finally {
        await sub.close();
      }
    },
  );

  all.it(
    'close() ends iteration: a pending next() resolves done, and later events are not delivered',
    async ({ append, subscribeFromEnd, takeUntil, withTimeout }) => {
      const sub = await subscribeFromEnd();
      const messages = sub[Symbol.asyncIterator]();
      await takeUntil(messages, untilCaughtUp, 'caughtUp');
      const pending = messages.next();
      await sub.close();
      let next = await withTimeout(pending, 'the pending next() to end after close()');
      const leftOver: SubscriptionMessage[] = [];
      while (next.done !== true) {
        leftOver.push(next.value);
        next = await withTimeout(messages.next(), 'the subscription to end after close()');
      }
      const streamId = streamName('sub-closed');
      await append(streamId, someEvents(1), 'no_stream');
      const afterwards = await withTimeout(messages.next(), 'next() after close()');
      assert.strictEqual(afterwards.done, true);
      assert.deepStrictEqual(eventsOf(leftOver, [streamId]), []);
    },
  );

  all.it(
    'close() before iterating: the first next() is done',
    async ({ subscribeFromEnd, withTimeout }) => {
      const sub = await subscribeFromEnd();
      await sub.close();
      const first = await withTimeout(sub[Symbol.asyncIterator]().next(), 'next() after close()');
      assert.strictEqual(first.done, true);
    },
  );

  all.it(
    'several subscribers at once each receive every event, in the same order; closing one leaves the others',
    async ({ append, endOfStore, subscribeAfter, takeUntil, withTimeout }) => {
      const end = await endOfStore();
      const subs = [subscribeAfter(end), subscribeAfter(end), subscribeAfter(end)];
      try {
        const iterators = subs.map((s) => s[Symbol.asyncIterator]());
        for (const it of iterators) await takeUntil(it, untilCaughtUp, 'caughtUp');
        const a = streamName('sub-many-a');
        const b = streamName('sub-many-b');
        const sent = [someEvents(2), someEvents(1), someEvents(1, 2)] as const;
        await append(a, sent[0], 'no_stream');
        await append(b, sent[1], 'no_stream');
        await append(a, sent[2], 1n);
        const expected = ids([...sent[0], ...sent[1], ...sent[2]]);
        for (const it of iterators) {
          const taken = await takeUntil(it, untilOurs([a, b], 4), 'the events');
          assert.deepStrictEqual(ids(eventsOf(taken, [a, b])), expected);
        }
        await at(subs, 0).close();
        const late = anEvent(9);
        await append(b, [late], 0n);
        for (const it of iterators.slice(1)) {
          const taken = await takeUntil(it, untilOurs([b], 1), 'the late event');
          assert.deepStrictEqual(ids(eventsOf(taken, [b])), [late.eventId]);
        }
        const closed = await withTimeout(at(iterators, 0).next(), 'the closed subscription to end');
        assert.strictEqual(closed.done, true);
      } finally {
        await Promise.all(subs.map((s) => s.close()));
      }
    },
  );

  return cases;
};
