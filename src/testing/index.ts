/**
 * diplomatic-ledger/testing: given/when/then specifications for deciders, whole command handling
 * and projections, and the contract every event store adapter must honour. It needs no test
 * framework: everything asserts with `node:assert` (an `AssertionError` on failure, which jest,
 * `node:test` and the others report), and `defineEventStoreContract` registers its cases with
 * whichever runner the caller passes in.
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
export {
  deciderSpecification,
  type DeciderGiven,
  type DeciderSpecification,
  type DeciderThen,
} from './decider-specification';
export {
  commandSpecification,
  type CommandGiven,
  type CommandSpecification,
  type CommandSpecificationOptions,
  type CommandThen,
  type HandledCommand,
  type RecordedBy,
} from './command-specification';
export {
  projectionSpecification,
  type GivenEvent,
  type ProjectionSpecification,
  type ProjectionSpecificationOptions,
  type ProjectionThen,
} from './projection-specification';
