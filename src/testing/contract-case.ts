import type { EventStore } from '../kernel/event-store';

/** How the contract treats the store it runs on. */
export interface ContractOptions {
  /**
   * Every store made for a case is new and empty. Leave false for a shared server: the cases that
   * would need an empty store then start at the current end of the store instead.
   */
  readonly startsEmpty?: boolean;
  /** How long to wait for a subscription message before failing (default 2000 ms). */
  readonly subscriptionTimeoutMs?: number;
  /**
   * The store has the optional `appendToStreams`: check it too (default false). A store that
   * says so and lacks it fails those cases.
   */
  readonly appendToStreams?: boolean;
}

/**
 * One check of the event store contract. `run` resolves when the store behaves as the contract
 * says, and rejects (with an `AssertionError` from `node:assert`, or the store's own error)
 * when it does not.
 */
export interface ContractCase {
  /** The part of the port the case is about, e.g. `'soft delete'`. */
  readonly group: string;
  /** What the case checks; unique within its group. */
  readonly name: string;
  /** Runs the case on a store made for it alone. */
  readonly run: (store: EventStore) => Promise<void>;
}
