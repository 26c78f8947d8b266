import type {
  SubscribeToAllOptions,
  Subscription,
  SubscriptionMessage,
} from '../kernel/event-store';
import { StoreUnavailableError } from '../kernel/store-errors';
import type {
  EsdbResolvedEvent,
  EsdbSubscription,
  EventStoreDBClientLike,
} from './eventstoredb-client';
import { at, isSystem, storedEventOf } from './eventstoredb-conversions';
import { storeErrorOf } from './eventstoredb-errors';

export const subscribeToEventStoreDBAll = (
  client: EventStoreDBClientLike,
  resubscribe: { readonly attempts: number; readonly delayMs: number },
  opts: SubscribeToAllOptions = {},
): Subscription => {
  const { attempts: resubscribeAttempts, delayMs: resubscribeDelayMs } = resubscribe;
  let closed = false;
  let signalClose: () => void = () => undefined;
  const closing = new Promise<void>((resolve) => {
    signalClose = resolve;
  });
  let current: EsdbSubscription | undefined;
  /** The last position delivered or checkpointed: where to resume after a drop. */
  let resumeAfter = opts.afterPosition;
  let caughtUpAnnounced = false;

  /** Waits before the nth resubscription: doubling from the first delay, at most 2 s. */
  const pause = (attempt: number): Promise<unknown> =>
    Promise.race([
      new Promise((resolve) =>
        setTimeout(resolve, Math.min(resubscribeDelayMs * 2 ** (attempt - 1), 2000)),
      ),
      closing,
    ]);

  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    let failures = 0;
    while (!closed) {
      // Checkpoints and caught-up arrive out of band, while earlier events may still wait in the
      // client's buffer; each takes effect once the reader has taken those events.
      const markers: { afterTaken: number; position?: bigint; caughtUp?: true }[] = [];
      let taken = 0;
      let wake: () => void = () => undefined;
      let markerArrived = new Promise<'marker'>((resolve) => {
        wake = () => resolve('marker');
      });
      const mark = (marker: { afterTaken: number; position?: bigint; caughtUp?: true }) => {
        markers.push(marker);
        wake();
      };
      let pending: Promise<IteratorResult<EsdbResolvedEvent>> | undefined;
      let pendingSettled = false;
      /** Events the client has converted that the reader has not taken yet. */
      const waiting = (): number => taken + subscription.readableLength + (pendingSettled ? 1 : 0);
      const subscription = client.subscribeToAll({
        fromPosition: resumeAfter === undefined ? 'start' : at(resumeAfter),
        filter: {
          filterOn: 'eventType',
          regex: '^[^$]',
          checkpointInterval: 1,
          checkpointReached: (_, position) => {
            mark({ afterTaken: waiting(), position: position.commit });
          },
        },
      });
      current = subscription;
      subscription.on('caughtUp', () => {
        mark({ afterTaken: waiting(), caughtUp: true });
      });
      const settle = function* (): Generator<SubscriptionMessage> {
        while (markers[0] !== undefined && markers[0].afterTaken <= taken) {
          const marker = markers.shift();
          if (
            marker?.position !== undefined &&
            (resumeAfter === undefined || marker.position > resumeAfter)
          )
            resumeAfter = marker.position;
          if (marker?.caughtUp === true && !caughtUpAnnounced) {
            caughtUpAnnounced = true;
            yield { kind: 'caughtUp' };
          }
        }
      };
      if (closed) await subscription.unsubscribe();
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        for (;;) {
          yield* settle();
          if (pending === undefined) {
            pending = iterator.next();
            // Settled but not yet taken: counted by `waiting`. Its failure is met below.
            pending.then(
              () => (pendingSettled = true),
              () => undefined,
            );
          }
          const next = await Promise.race([pending, markerArrived, closing.then(() => undefined)]);
          if (next === 'marker') {
            markerArrived = new Promise<'marker'>((resolve) => {
              wake = () => resolve('marker');
            });
            continue;
          }
          pending = undefined;
          pendingSettled = false;
          if (next === undefined || next.done === true || closed) break;
          taken++;
          failures = 0;
          const resolved = next.value;
          const event = storedEventOf(resolved);
          if (event === undefined) continue;
          resumeAfter = event.position;
          if (resolved.event !== undefined && isSystem(resolved.event)) continue;
          yield { kind: 'event', event };
        }
        if (closed) return;
        // The server ended the subscription: resubscribe from where it stopped, after a pause.
        if (++failures > resubscribeAttempts)
          throw new StoreUnavailableError('EventStoreDB kept ending the subscription');
        await pause(failures);
      } catch (error) {
        if (closed) return;
        const mapped = storeErrorOf(error, '$all', 'any');
        if (!(mapped instanceof StoreUnavailableError) || ++failures > resubscribeAttempts)
          throw mapped;
        await pause(failures);
      } finally {
        await subscription.unsubscribe().catch(() => undefined);
      }
    }
  }

  const generator = messages();
  const done: IteratorResult<SubscriptionMessage> = { done: true, value: undefined };
  const iterator: AsyncIterator<SubscriptionMessage> = {
    next: async () => {
      if (closed) return done;
      const next = await Promise.race([generator.next(), closing.then(() => done)]);
      return closed ? done : next;
    },
    return: async () => {
      await close();
      return done;
    },
  };
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    signalClose();
    await current?.unsubscribe().catch(() => undefined);
  };
  return { close, [Symbol.asyncIterator]: () => iterator };
};
