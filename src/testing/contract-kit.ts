import assert from 'node:assert/strict';
import { v4 as uuidv4 } from 'uuid';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
  SubscriptionMessage,
} from '../kernel/event-store';
import {
  isStoreError,
  type ConcurrencyConflictError,
  type StoreErrorKind,
} from '../kernel/store-errors';
import type { ContractCase, ContractOptions } from './contract-case';

/*
 * What the contract's cases share. The cases go through the port only, never rely on positions
 * being contiguous or starting at 0, give every case its own stream names, and filter the global
 * order down to their own streams, so they also run against a shared server that holds other
 * events.
 */

/** The options with their defaults filled in. */
export interface ContractSettings {
  readonly startsEmpty: boolean;
  readonly subscriptionTimeoutMs: number;
  readonly appendToStreams: boolean;
}

export const settingsOf = (options: ContractOptions = {}): ContractSettings => ({
  startsEmpty: options.startsEmpty ?? false,
  subscriptionTimeoutMs: options.subscriptionTimeoutMs ?? 2000,
  appendToStreams: options.appendToStreams ?? false,
});

// ------------------------------------------------------------------ data

export const streamName = (label: string): string => `contract_${label}-${uuidv4()}`;

export const anEvent = (n = 0): EventToAppend => ({
  eventId: uuidv4(),
  type: 'ContractChecked',
  data: JSON.stringify({ n, note: 'ünïcode ✓' }),
  metadata: JSON.stringify({ by: 'contract' }),
});

export const someEvents = (count: number, from = 0): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => anEvent(from + i));

export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

export const revisions = (events: readonly StoredEvent[]): bigint[] =>
  events.map((e) => e.revision);

export const ids = (events: readonly { readonly eventId: string }[]): string[] =>
  events.map((e) => e.eventId);

export const at = <T>(items: readonly T[], index: number): T => {
  const item = items[index];
  if (item === undefined) assert.fail(`expected an item at index ${index}`);
  return item;
};

/** An expected revision as a case name shows it (`2n`, `any`). */
export const shown = (expected: ExpectedRevision): string =>
  typeof expected === 'bigint' ? `${expected}n` : expected;

// ------------------------------------------------------------- assertions

/**
 * Checks only the fields `expected` names, each compared strictly: the partial match of the
 * cases that check an event against what was appended, whatever else the store adds to it.
 */
export const assertFields = <T extends object>(actual: T, expected: Partial<T>): void => {
  const named = Object.keys(expected).map((key): [string, unknown] => [
    key,
    Reflect.get(actual, key),
  ]);
  assert.deepStrictEqual(Object.fromEntries(named), { ...expected });
};

/**
 * A result's own fields that are not undefined, as a plain object: an adapter may answer with a
 * class instance, or leave an optional field present but undefined, and still mean the same.
 */
export const definedFields = (value: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

export const expectStrictlyIncreasing = (positions: readonly bigint[]): void => {
  for (let i = 1; i < positions.length; i++)
    assert.ok(at(positions, i) > at(positions, i - 1), `position ${i} does not increase`);
};

const describeError = (error: unknown): string =>
  error instanceof Error
    ? `${error.name} (kind ${String((error as { kind?: unknown }).kind)}): ${error.message}`
    : String(error);

/** The store error `attempt` rejects with, after checking its kind. */
export const failure = async (kind: StoreErrorKind, attempt: Promise<unknown>): Promise<Error> => {
  let outcome: { ok: true } | { ok: false; error: unknown };
  try {
    await attempt;
    outcome = { ok: true };
  } catch (error) {
    outcome = { ok: false, error };
  }
  if (outcome.ok) assert.fail(`expected a ${kind} error, but the call succeeded`);
  if (!isStoreError(outcome.error, kind))
    assert.fail(`expected a ${kind} error, got ${describeError(outcome.error)}`);
  return outcome.error;
};

export const conflict = async (attempt: Promise<unknown>): Promise<ConcurrencyConflictError> => {
  const error = await failure('ConcurrencyConflict', attempt);
  if (!isStoreError(error, 'ConcurrencyConflict')) throw error;
  return error;
};

export const expectConflict = async (
  attempt: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: bigint | 'no_stream',
): Promise<void> => {
  const error = await conflict(attempt);
  assert.deepStrictEqual(
    { streamId: error.streamId, expected: error.expected, actual: error.actual },
    { streamId, expected, actual },
  );
};

export const expectStreamDeleted = async (
  attempt: Promise<unknown>,
  streamId: string,
): Promise<void> => {
  const error = await failure('StreamDeleted', attempt);
  assert.strictEqual(isStoreError(error, 'StreamDeleted') && error.streamId, streamId);
};

// ---------------------------------------------------------- subscriptions

export const isCaughtUp = (m: SubscriptionMessage): boolean => m.kind === 'caughtUp';

export const eventsOf = (
  messages: readonly SubscriptionMessage[],
  streamIds: readonly string[],
): StoredEvent[] =>
  messages.flatMap((m) =>
    m.kind === 'event' && streamIds.includes(m.event.streamId) ? [m.event] : [],
  );

export const untilCaughtUp = (taken: readonly SubscriptionMessage[]): boolean =>
  taken.some(isCaughtUp);

export const untilOurs =
  (streamIds: readonly string[], count: number) =>
  (taken: readonly SubscriptionMessage[]): boolean =>
    eventsOf(taken, streamIds).length >= count;

// ------------------------------------------------------- bound to a store

/** A stream the kit wrote, with what it wrote and what the store answered. */
export interface WrittenStream {
  readonly streamId: string;
  readonly events: EventToAppend[];
  readonly result: AppendResult;
}

/** The store under test and what the cases do with it. */
export interface ContractKit {
  readonly store: EventStore;
  readonly startsEmpty: boolean;
  read(streamId: string, opts?: ReadStreamOptions): Promise<StoredEvent[]>;
  append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision?: ExpectedRevision,
  ): Promise<AppendResult>;
  /** A stream holding `count` events (revisions 0..count-1). */
  streamWith(count: number, label?: string): Promise<WrittenStream>;
  /** Reading the stream fails as not found, forwards and backwards. */
  expectNotFound(streamId: string): Promise<void>;
  /** The position of the last event in the whole store, if it holds any. */
  endOfStore(): Promise<bigint | undefined>;
  /** Every event in the global order after `mark` (everything when `mark` is undefined). */
  eventsAfter(mark: bigint | undefined): Promise<StoredEvent[]>;
  /** These streams' events in the global order, read forwards from `from` (or the start). */
  inGlobalOrder(streamIds: readonly string[], from?: bigint): Promise<StoredEvent[]>;
  withTimeout<T>(pending: Promise<T>, what: string): Promise<T>;
  /** Reads messages until `enough` says so; fails if the subscription stalls or ends first. */
  takeUntil(
    messages: AsyncIterator<SubscriptionMessage>,
    enough: (taken: readonly SubscriptionMessage[]) => boolean,
    what: string,
  ): Promise<SubscriptionMessage[]>;
  /** A subscription after `end` (from the start when undefined). */
  subscribeAfter(end: bigint | undefined): Subscription;
  subscribeFromEnd(): Promise<Subscription>;
}

export const contractKit = (store: EventStore, settings: ContractSettings): ContractKit => {
  const timeoutMs = settings.subscriptionTimeoutMs;
  const read = (streamId: string, opts?: ReadStreamOptions): Promise<StoredEvent[]> =>
    collect(store.readStream(streamId, opts));
  const append = (
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision = 'any',
  ): Promise<AppendResult> => store.appendToStream(streamId, events, { expectedRevision });
  const endOfStore = async (): Promise<bigint | undefined> => {
    const [last] = await collect(store.readAll({ direction: 'backwards', maxCount: 1 }));
    return last?.position;
  };
  const withTimeout = async <T>(pending: Promise<T>, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const message = `timed out after ${timeoutMs} ms waiting for ${what}`;
        reject(new assert.AssertionError({ message }));
      }, timeoutMs);
    });
    try {
      return await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  const subscribeAfter = (end: bigint | undefined): Subscription =>
    store.subscribeToAll(end === undefined ? {} : { afterPosition: end });

  return {
    store,
    startsEmpty: settings.startsEmpty,
    read,
    append,
    streamWith: async (count, label = 'stream') => {
      const streamId = streamName(label);
      const events = someEvents(count);
      const result = await append(streamId, events, 'no_stream');
      return { streamId, events, result };
    },
    expectNotFound: async (streamId) => {
      const error = await failure('StreamNotFound', read(streamId));
      assert.strictEqual(isStoreError(error, 'StreamNotFound') && error.streamId, streamId);
      await failure('StreamNotFound', read(streamId, { direction: 'backwards' }));
    },
    endOfStore,
    eventsAfter: (mark) => {
      const opts: ReadAllOptions = mark === undefined ? {} : { fromPosition: mark + 1n };
      return collect(store.readAll(opts));
    },
    inGlobalOrder: async (streamIds, from) => {
      const wanted = new Set(streamIds);
      const opts: ReadAllOptions = from === undefined ? {} : { fromPosition: from };
      return (await collect(store.readAll(opts))).filter((e) => wanted.has(e.streamId));
    },
    withTimeout,
    takeUntil: async (messages, enough, what) => {
      const taken: SubscriptionMessage[] = [];
      while (!enough(taken)) {
        const next = await withTimeout(messages.next(), what);
        if (next.done === true) assert.fail(`the subscription ended while waiting for ${what}`);
        taken.push(next.value);
      }
      return taken;
    },
    subscribeAfter,
    subscribeFromEnd: async () => subscribeAfter(await endOfStore()),
  };
};

// ------------------------------------------------------------ writing cases

/** The body of a case, given the kit bound to the store made for it. */
export type CaseBody = (kit: ContractKit) => Promise<void>;

/** Adds the cases of one group. */
export interface CaseGroup {
  it(name: string, body: CaseBody): void;
  /** One case per value, named after it, as jest's `it.each` does. */
  each<T>(
    values: readonly T[],
    name: (value: T) => string,
    body: (kit: ContractKit, value: T) => Promise<void>,
  ): void;
}

/** Collects cases group by group, each run with a kit on the store it is given. */
export const caseWriter = (
  settings: ContractSettings,
): { group: (name: string) => CaseGroup; cases: ContractCase[] } => {
  const cases: ContractCase[] = [];
  const add = (group: string, name: string, body: CaseBody): void => {
    cases.push({ group, name, run: (store) => body(contractKit(store, settings)) });
  };
  const group = (groupName: string): CaseGroup => ({
    it: (name, body) => add(groupName, name, body),
    each: (values, name, body) => {
      for (const value of values) add(groupName, name(value), (kit) => body(kit, value));
    },
  });
  return { group, cases };
};
