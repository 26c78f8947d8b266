import type { EventStore } from '../kernel/event-store';
import { isStoreError, StoreUnavailableError } from '../kernel/store-errors';

/**
 * What opening a store read-only means, for every adapter: reads and subscriptions as usual,
 * every write refused before anything reaches the store.
 */

/**
 * A write to a store opened read-only; nothing was written. It is a `StoreUnavailableError`
 * (the store is not available for writing), so code that handles those keeps working; match
 * it in particular with `isStoreReadOnlyError`.
 */
export class StoreReadOnlyError extends StoreUnavailableError {
  readonly readOnly = true as const;
  constructor(
    /** The file, or which store, as it was named when opened. */
    readonly store: string,
    doing: string,
  ) {
    super(`${store} is open read-only: ${doing} is refused, nothing was written`);
  }
}

/** Matched by shape, not by class, as every store error is. */
export const isStoreReadOnlyError = (error: unknown): error is StoreReadOnlyError =>
  isStoreError(error, 'StoreUnavailable') && (error as { readOnly?: unknown }).readOnly === true;

/** What was at the path instead of a store. */
export type MissingStoreFound = 'nothing' | 'a directory' | 'an empty database';

/**
 * Opening read-only found no store at the path, and created none: nothing there, a directory,
 * or a file with no ledger in it (an empty file, or an empty SQLite database).
 */
export class StoreMissingError extends StoreUnavailableError {
  readonly storeMissing = true as const;
  constructor(
    readonly path: string,
    readonly found: MissingStoreFound,
  ) {
    super(
      found === 'nothing'
        ? `no store at ${path}: no such file (opening read-only creates none)`
        : `no store at ${path}: it is ${found}, not a diplomatic-ledger store`,
    );
  }
}

export const isStoreMissingError = (error: unknown): error is StoreMissingError =>
  isStoreError(error, 'StoreUnavailable') &&
  (error as { storeMissing?: unknown }).storeMissing === true;

/** `store` with every write refused as `StoreReadOnlyError`; `name` says which store in the error. */
export const refusingWrites = <S extends EventStore>(store: S, name: string): S => ({
  ...store,
  appendToStream: async (streamId: string): Promise<never> => {
    throw new StoreReadOnlyError(name, `appending to ${streamId}`);
  },
  deleteStream: async (streamId: string): Promise<never> => {
    throw new StoreReadOnlyError(name, `deleting ${streamId}`);
  },
  ...(store.appendToStreams === undefined
    ? {}
    : {
        appendToStreams: async (): Promise<never> => {
          throw new StoreReadOnlyError(name, 'appending to several streams');
        },
      }),
});
