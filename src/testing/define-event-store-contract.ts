import type { EventStore } from '../kernel/event-store';
import type { ContractCase, ContractOptions } from './contract-case';
import { eventStoreContract } from './event-store-contract';

/** A store made for one contract case, and how to release it. */
export interface StoreUnderTest {
  readonly store: EventStore;
  /** Releases whatever the store holds (connections, files); called after every case. */
  dispose(): Promise<void>;
}

/**
 * Registers one test. Typed as little as possible, so that jest's `test` or `it`, vitest's
 * `test` and `node:test`'s `test` all fit as they are.
 */
export type ContractTestFunction = (name: string, fn: () => Promise<void>) => unknown;

/** Opens a named block of tests, as jest's, vitest's and `node:test`'s `describe` do. */
export type ContractDescribeFunction = (name: string, fn: () => void) => unknown;

/** The test runner's functions, and how the contract treats the store. */
export interface DefineEventStoreContractOptions extends ContractOptions {
  /** Registers each case. */
  readonly test: ContractTestFunction;
  /** When given, the cases are registered inside one block per store and one per group. */
  readonly describe?: ContractDescribeFunction;
}

const byGroup = (cases: readonly ContractCase[]): Map<string, ContractCase[]> => {
  const groups = new Map<string, ContractCase[]>();
  for (const c of cases) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return groups;
};

/**
 * Registers every case of the event store contract with the caller's test runner: a store is
 * made with `createStore` for each case and disposed of after it, whether the case passed or not.
 *
 * ```ts
 * defineEventStoreContract('my store', async () => {
 *   const store = await openMyStore();
 *   return { store, dispose: () => store.close() };
 * }, { test, describe, startsEmpty: true });
 * ```
 *
 * @param name What the store is, as the registered tests name it.
 * @param createStore Makes a store for one case: a new one, or a connection to a shared server.
 * @param options The runner's `test` (and `describe`, to group the cases), and the contract's
 *   options.
 */
export const defineEventStoreContract = (
  name: string,
  createStore: () => StoreUnderTest | Promise<StoreUnderTest>,
  options: DefineEventStoreContractOptions,
): void => {
  const { test, describe, ...contractOptions } = options;
  const title = `${name} honours the event store contract`;
  const register = (c: ContractCase, caseName: string): void => {
    test(caseName, async () => {
      const underTest = await createStore();
      let failed = false;
      try {
        await c.run(underTest.store);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        // After a failure the case's own error is the one worth reading; dispose's would hide it.
        await underTest.dispose().catch((error: unknown) => {
          if (!failed) throw error;
        });
      }
    });
  };
  const groups = byGroup(eventStoreContract(contractOptions));
  if (describe === undefined) {
    for (const [group, cases] of groups)
      for (const c of cases) register(c, `${title} › ${group} › ${c.name}`);
    return;
  }
  describe(title, () => {
    for (const [group, cases] of groups)
      describe(group, () => {
        for (const c of cases) register(c, c.name);
      });
  });
};
