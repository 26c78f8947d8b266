import type {
  SubscribeToAllOptions,
  Subscription,
  SubscriptionMessage,
} from '../kernel/event-store';
import { StoreUnavailableError } from '../kernel/store-errors';
import type {
  EsdbPosition,
  EsdbResolvedEvent,
  EsdbSubscription,
  EventStoreDBClientLike,
} from './eventstoredb-client';
import { isSystem, storedEventOf } from './eventstoredb-conversions';
import { storeErrorOf } from './eventstoredb-errors';
import { neighboursOf, positionOf } from './eventstoredb-positions';

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
  /**
   * The same position as the server gave it, to subscribe from; undefined until the caller's
   * `afterPosition` (which need not be an event's) has been found in the log.
   */
  let resumeFrom: EsdbPosition | 'start' | undefined =
    opts.afterPosition === undefined ? 'start' : undefined;
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
      type Marker = { afterTaken: number; position?: EsdbPosition; caughtUp?: true };
      const markers: Marker[] = [];
      let taken = 0;
      let wake: () => void = () => undefined;
      let markerArrived = new Promise<'marker'>((resolve) => {
        wake = () => resolve('marker');
      });
      const mark = (marker: Marker) => {
        markers.push(marker);
        wake();
      };
      let pending: Promise<IteratorResult<EsdbResolvedEvent>> | undefined;
      let pendingSettled = false;
      /** Events the client has converted that the reader has not taken yet. */
      const waiting = (): number => taken + subscription.readableLength + (pendingSettled ? 1 : 0);
      if (resumeFrom === undefined && opts.afterPosition !== undefined) {
        // After the last record at or before the caller's position: the first event after it.
        try {
          resumeFrom = (await neighboursOf(client, opts.afterPosition)).atOrBefore ?? 'start';
        } catch (error) {
          if (closed) return;
          const mapped = storeErrorOf(error, '$all', 'any');
          if (!(mapped instanceof StoreUnavailableError) || ++failures > resubscribeAttempts)
            throw mapped;
          await pause(failures);
          continue;
        }
      }
      const subscription = client.subscribeToAll({
        fromPosition: resumeFrom ?? 'start',
        filter: {
          filterOn: 'eventType',
          regex: '^[^$]',
          // A checkpoint every search window (32 events read, matched or not), and as it goes live.
          checkpointInterval: 1,
          checkpointReached: (_, position) => {
            mark({ afterTaken: waiting(), position });
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
            (resumeAfter === undefined || marker.position.commit > resumeAfter)
          ) {
            resumeAfter = marker.position.commit;
            resumeFrom = marker.position;
          }
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
          const position = positionOf(resolved);
          if (event === undefined || position === undefined) continue;
          // Never again what was delivered or passed: the port promises each event once.
          if (resumeAfter !== undefined && event.position <= resumeAfter) continue;
          resumeAfter = event.position;
          resumeFrom = position;
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
