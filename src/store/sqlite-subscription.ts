import type { SqliteDatabase, SqliteStatement } from './sqlite-driver';
import type {
  StoredEvent,
  Subscription,
  SubscriptionMessage,
  SubscribeToAllOptions,
} from '../kernel/event-store';
import { INT64_MIN, int64, toStored, type EventRow } from './sqlite-event-rows';

/** The embedded store's subscriptions to all streams, and the polling that wakes them. */
export interface SqliteSubscriptions {
  readonly subscribeToAll: (opts?: SubscribeToAllOptions) => Subscription;
  /** Wakes every waiting subscription: this connection has just committed events. */
  readonly wakeAll: () => void;
  /** Ends every subscription and stops polling, before the file closes. */
  readonly endAll: () => void;
}

/**
 * Subscriptions read the file a page at a time. Once caught up they wait: an append through the
 * store wakes them at once, a commit by another connection (another process) once polling sees
 * the file's `data_version` change.
 */
export const sqliteSubscriptions = (
  db: SqliteDatabase,
  path: string,
  options: {
    readonly pollIntervalMs: number;
    readonly pageSize: number;
    readonly statements: {
      readonly lastPosition: SqliteStatement;
      readonly allForwards: SqliteStatement;
    };
    readonly isClosed: () => boolean;
    /** Runs one database step as the store's own verbs do: a closed store refused, faults named. */
    readonly guarded: <T>(doing: string, step: () => T) => T;
  },
): SqliteSubscriptions => {
  const { pollIntervalMs, pageSize, statements, isClosed, guarded } = options;

  interface Waiter {
    /** The file's `data_version` read just before the fetch that found nothing new. */
    readonly seenVersion: number;
    wake(): void;
  }
  const waiters = new Set<Waiter>();
  const subscriptions = new Set<{ end(): void }>();
  let poller: NodeJS.Timeout | undefined;

  /** Changes whenever another connection (another process) commits to the file. */
  const dataVersion = (): number => Number(db.pragma('data_version', { simple: true }));

  const wakeAll = (): void => {
    for (const waiter of [...waiters]) waiter.wake();
  };

  /** Wakes the waiters that have not seen the latest commits of other connections. */
  const poll = (): void => {
    if (isClosed()) return;
    let version: number;
    try {
      version = dataVersion();
    } catch {
      // The next read reports the fault; waking lets it happen.
      wakeAll();
      return;
    }
    for (const waiter of [...waiters]) if (waiter.seenVersion !== version) waiter.wake();
  };

  const startPolling = (): void => {
    if (poller !== undefined || isClosed()) return;
    poller = setInterval(poll, pollIntervalMs);
  };

  const stopPollingIfIdle = (): void => {
    if (waiters.size > 0 || poller === undefined) return;
    clearInterval(poller);
    poller = undefined;
  };

  const subscribeToAll = (opts: SubscribeToAllOptions = {}): Subscription => {
    let after = opts.afterPosition ?? INT64_MIN;
    const lastAtStart = guarded('subscribing', () => statements.lastPosition.get()) as
      bigint | null;
    const caughtUpAt = lastAtStart ?? INT64_MIN;
    let announcedCaughtUp = false;
    let ended = false;
    let waiter: Waiter | undefined;

    const stopWaiting = (): void => {
      const w = waiter;
      waiter = undefined;
      if (w !== undefined) {
        waiters.delete(w);
        w.wake();
      }
      stopPollingIfIdle();
    };
    const handle = {
      end: (): void => {
        ended = true;
        subscriptions.delete(handle);
        stopWaiting();
      },
    };
    subscriptions.add(handle);

    async function* messages(): AsyncGenerator<SubscriptionMessage> {
      try {
        let page: StoredEvent[] = [];
        let index = 0;
        let seenVersion = 0;
        while (!ended) {
          if (index >= page.length) {
            const from = int64(after + 1n);
            // Read before the fetch: a commit between the two then wakes the wait below.
            seenVersion = guarded('reading for a subscription', dataVersion);
            page = guarded('reading for a subscription', () =>
              (statements.allForwards.all(from, pageSize) as EventRow[]).map((row) =>
                toStored(row, path),
              ),
            );
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
          startPolling();
          await new Promise<void>((resolve) => {
            const w: Waiter = {
              seenVersion,
              wake: () => {
                waiters.delete(w);
                if (waiter === w) waiter = undefined;
                resolve();
              },
            };
            waiter = w;
            waiters.add(w);
          });
          stopPollingIfIdle();
        }
      } finally {
        subscriptions.delete(handle);
        stopWaiting();
      }
    }
    const iterator = messages();
    return {
      close: async () => handle.end(),
      [Symbol.asyncIterator]: () => iterator,
    };
  };

  const endAll = (): void => {
    for (const subscription of [...subscriptions]) subscription.end();
    if (poller !== undefined) clearInterval(poller);
    poller = undefined;
  };

  return { subscribeToAll, wakeAll, endAll };
};
