/**
 * diplomatic-ledger/testing: the contract every event store adapter must honour, for authors of
 * adapters to run against their own. It needs no test framework: the cases assert with
 * `node:assert`, and `defineEventStoreContract` registers them with whichever runner the caller
 * passes in.
 *
 * @module diplomatic-ledger/testing
 */
export type { ContractCase, ContractOptions } from './contract-case';
export { eventStoreContract } from './event-store-contract';
export {
  defineEventStoreContract,
  type ContractDescribeFunction,
  type ContractTestFunction,
  type DefineEventStoreContractOptions,
  type StoreUnderTest,
} from './define-event-store-contract';
