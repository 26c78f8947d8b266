/**
 * diplomatic-ledger: event-sourced records of diplomatic and security engagements between states.
 * Everything a user needs is exported here by name.
 *
 * @module diplomatic-ledger
 */

export * from './kernel';
// The domain
export * from './domain/shared/party';
export type { Delegation, DelegationRule } from './domain/shared/delegation';
export * from './domain/shared/post';
export * from './domain/bilateral-meeting';
export * from './domain/joint-working-group';
export * from './domain/mou';
export * from './domain/drug-liaison-posting';
export { aggregates, ledgerEvents, type LedgerEvent } from './domain/ledger';
// The worked case
export { pakistanBahrainParties, recordPakistanBahrain2025 } from './demo/pakistan-bahrain-2025';
export * from './projections';
export * from './audit';
export * from './store';
export * from './personal';
