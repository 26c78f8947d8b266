import type {
  StoredEvent,
  Subscription,
  SubscriptionMessage,
  SubscribeToAllOptions,
} from '../kernel/event-store';
import { isStoreError } from '../kernel/store-errors';
import type { PgModule, PgPool } from './postgres-driver';
import { INT64_MIN } from './postgres-rows';

/**
 * Subscriptions of the PostgreSQL store. Each reads the global order a page at a time after the
 * last position it delivered; once caught up it waits, woken by a notification (every append
 * issues one inside its transaction, delivered when it commits) on one listening connection per
 * store, by an append through this store, or, should a notification be lost, by a poll every
 * `pollIntervalMs`. Positions commit in their order (see the store), so a reader that has seen
 * a position has seen every earlier one: reading on from the last delivered position skips
 * nothing and repeats nothing, also after a lost connection.
 */
export interface PostgresSubscriptions {
  readonly subscribeToAll: (opts?: SubscribeToAllOptions) => Subscription;
  /** Wakes every waiting subscription: this store has just committed events. */
  readonly wakeAll: () => void;
  /** Ends every subscription and the listening connection. */
  readonly endAll: () => Promise<void>;
}

export interface PostgresSubscriptionsOptions {
  readonly pg: PgModule;
  readonly pool: PgPool;
  readonly channel: string;
  readonly pollIntervalMs: number;
  readonly pageSize: number;
  readonly reconnect: { readonly attempts: number; readonly delayMs: number };
  /** The events after `after`, at most `limit` of them. */
  readonly page: (after: bigint, limit: number) => Promise<StoredEvent[]>;
  readonly lastPosition: () => Promise<bigint | undefined>;
}

const MAX_DELAY_MS = 2_000;

export const postgresSubscriptions = (
  options: PostgresSubscriptionsOptions,
): PostgresSubscriptions => {
  const { pg, pool, channel, pollIntervalMs, pageSize, reconnect } = options;
  const waiters = new Set<() => void>();
  const subscriptions = new Set<{ end(): void }>();
  /** Counts wake-ups, so a wait that began after one it did not see returns at once. */
  let wakes = 0;
  let ending = false;

  const wakeAll = (): void => {
    wakes++;
    for (const wake of [...waiters]) wake();
  };

  // ------------------------------------------------------------ the listening connection
  let listener: InstanceType<PgModule['Client']> | undefined;
  let connecting = false;
  let listenerFailures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let poller: NodeJS.Timeout | undefined;

  const dropListener = (): void => {
    const client = listener;
    listener = undefined;
    if (client !== undefined) void client.end().catch(() => undefined);
  };

  /** Connects and listens; on a lost connection, again with backoff while anyone subscribes. */
  const listen = (): void => {
    if (ending || connecting || listener !== undefined || subscriptions.size === 0) return;
    connecting = true;
    const client = new pg.Client(pool.options);
    client.on('notification', () => wakeAll());
    const lost = (): void => {
      if (listener !== client) return;
      dropListener();
      scheduleListen();
    };
    client.on('error', lost);
    client.on('end', lost);
    client
      .connect()
      .then(() => client.query(`LISTEN ${pg.escapeIdentifier(channel)}`))
      .then(
        () => {
          connecting = false;
          if (ending || subscriptions.size === 0) {
            void client.end().catch(() => undefined);
            return;
          }
          listener = client;
          listenerFailures = 0;
          // Notifications sent while no one listened are gone: look now.
          wakeAll();
        },
        () => {
          connecting = false;
          void client.end().catch(() => undefined);
          scheduleListen();
        },
      );
  };
  const scheduleListen = (): void => {
    if (ending || retryTimer !== undefined) return;
    const delay = Math.min(MAX_DELAY_MS, reconnect.delayMs * 2 ** Math.min(listenerFailures++, 10));
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      listen();
    }, delay);
  };

  const startPolling = (): void => {
    if (poller === undefined && !ending) poller = setInterval(wakeAll, pollIntervalMs);
  };
  const stopPollingIfIdle = (): void => {
    if (waiters.size > 0 || poller === undefined) return;
    clearInterval(poller);
    poller = undefined;
  };

  /** Waits for a wake-up (or `ms`), unless one came since `seen`. */
  const waitFor = (seen: number, ms?: number): Promise<void> =>
    seen !== wakes
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          let timer: NodeJS.Timeout | undefined;
          const wake = (): void => {
            waiters.delete(wake);
            if (timer !== undefined) clearTimeout(timer);
            resolve();
          };
          waiters.add(wake);
          if (ms !== undefined) timer = setTimeout(wake, ms);
          else startPolling();
        });

  const subscribeToAll = (opts: SubscribeToAllOptions = {}): Subscription => {
    let after = opts.afterPosition ?? INT64_MIN;
    let ended = false;
    const handle = {
      end: (): void => {
        ended = true;
        subscriptions.delete(handle);
        if (subscriptions.size === 0) dropListener();
        wakeAll();
      },
    };
    subscriptions.add(handle);
    listen();

    /** Runs a read, riding out lost connections and restarts with backoff. */
    const persistently = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
      for (let failures = 0; ; failures++) {
        try {
          return await read();
        } catch (error) {
          if (!isStoreError(error, 'StoreUnavailable') || failures >= reconnect.attempts || ending)
            throw error;
        }
        if (ended) return undefined;
        await waitFor(
          wakes,
          Math.min(MAX_DELAY_MS, reconnect.delayMs * 2 ** Math.min(failures, 10)),
        );
        if (ended) return undefined;
      }
    };

    // Asked now, so that caughtUp follows everything committed before this call.
    const lastAtStart = options.lastPosition();
    lastAtStart.catch(() => undefined);

    async function* messages(): AsyncGenerator<SubscriptionMessage> {
      try {
        const caughtUpAt =
          (await lastAtStart.catch(() => persistently(options.lastPosition))) ?? INT64_MIN;
        let announcedCaughtUp = false;
        let page: StoredEvent[] = [];
        let index = 0;
        let seen = wakes;
        while (!ended) {
          if (index >= page.length) {
            // Counted before the read: a commit between the two then ends the wait below.
            seen = wakes;
            const from = after;
            const read = await persistently(() => options.page(from, pageSize));
            if (read === undefined || ended) return;
            page = read;
            index = 0;
          }
          const event = page[index];
          if (!announcedCaughtUp && (event === undefined || event.position > caughtUpAt)) {
            announcedCaughtUp = true;
            yield { kind: 'caughtUp' };
            continue;
          }
          if (event !== undefined) {
            index++;
            after = event.position;
            yield { kind: 'event', event };
            continue;
          }
          await waitFor(seen);
          stopPollingIfIdle();
        }
      } finally {
        handle.end();
      }
    }
    const iterator = messages();
    return {
      close: async () => handle.end(),
      [Symbol.asyncIterator]: () => iterator,
    };
  };

  const endAll = async (): Promise<void> => {
    ending = true;
    for (const subscription of [...subscriptions]) subscription.end();
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    if (poller !== undefined) clearInterval(poller);
    poller = undefined;
    const client = listener;
    listener = undefined;
    if (client !== undefined) await client.end().catch(() => undefined);
  };

  return { subscribeToAll, wakeAll, endAll };
};
