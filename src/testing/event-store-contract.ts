import { appendCases } from './appends';
import type { ContractCase, ContractOptions } from './contract-case';
import { settingsOf } from './contract-kit';
import { deleteCases } from './deletes';
import { expectedRevisionCases } from './expected-revisions';
import { readCases } from './reads';
import { severalStreamsCases } from './several-streams';
import { subscriptionCases } from './subscriptions';

/**
 * The behaviour every `EventStore` adapter must show, as cases to run with any test runner (or
 * none): each case's `run` takes a store made for it alone and rejects if the store strays from
 * the contract. `defineEventStoreContract` registers them with a runner's `test` function.
 *
 * @param options Whether each store starts empty, how long to wait for a subscription, and
 *   whether to check the optional `appendToStreams`.
 */
export const eventStoreContract = (options: ContractOptions = {}): readonly ContractCase[] => {
  const settings = settingsOf(options);
  return [
    ...expectedRevisionCases(settings),
    ...appendCases(settings),
    ...readCases(settings),
    ...deleteCases(settings),
    ...subscriptionCases(settings),
    ...(settings.appendToStreams ? severalStreamsCases(settings) : []),
  ];
};
