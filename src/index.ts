/**
 * diplomatic-ledger: event-sourced records of diplomatic and security engagements between states.
 * Everything a user needs is exported here by name.
 */

// Kernel: deciders, events, recorded events, command handling
export type { Aggregate } from './kernel/aggregate';
export { streamIdOf } from './kernel/aggregate';
export type { Decider, RuleViolation } from './kernel/decider';
export { fold, refuse } from './kernel/decider';
export type { DomainEvent, EventCatalog, EventOf, EventType } from './kernel/event';
export { eventCatalog, eventType } from './kernel/event';
export { EVENT_ID_NAMESPACE, eventIdFor } from './kernel/event-id';
export type { EventRegistry } from './kernel/event-registry';
export { categoryOf, eventRegistry } from './kernel/event-registry';
export {
  handleCommand,
  loadState,
  type CommandFailure,
  type CommandResult,
  type ConcurrencyConflict,
  type CorruptHistory,
  type HandleCommandOptions,
  type InvalidCommand,
  type StreamDeleted,
} from './kernel/command-handler';
export {
  CommandContext,
  EventMetadata,
  decodeRecordedEvent,
  encodeEvent,
  type DecodeError,
  type DecodeProblem,
  type InvalidEventError,
  type RecordedEvent,
} from './kernel/recorded-event';
export {
  PartialDate,
  dayNumber,
  dayOfNumber,
  earliestDay,
  isCertainlyAfter,
  isCertainlyBefore,
  isPartialDate,
  latestDay,
  mayBeOnOrAfter,
} from './kernel/partial-date';
export { EngagementId, NonEmptyString, PositiveInteger } from './kernel/primitives';
export { Source, SourceKind } from './kernel/source';
export { formatIssues, type ValidationIssue } from './kernel/validation';

// The store port and its errors
export type {
  AppendResult,
  DeleteMode,
  DeleteStreamOptions,
  Direction,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeToAllOptions,
  Subscription,
  SubscriptionMessage,
} from './kernel/event-store';
export {
  ConcurrencyConflictError,
  InvalidAppendError,
  StoreError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  isStoreError,
  type StoreErrorKind,
} from './kernel/store-errors';

// Stores
export {
  createInMemoryEventStore,
  type InMemoryEventStoreOptions,
} from './store/in-memory-event-store';

// The domain
export * from './domain/shared/party';
export * from './domain/shared/post';
export * from './domain/bilateral-meeting';
export * from './domain/joint-working-group';
export * from './domain/mou';
export * from './domain/drug-liaison-posting';
export { aggregates, ledgerEvents, type LedgerEvent } from './domain/ledger';

// Read models
export {
  applyToCurrentStates,
  emptyCurrentStates,
  readCurrentStates,
  type CurrentStates,
} from './projections/current-states';
export {
  bilateralOverview,
  bilateralOverviews,
  formatBilateralOverview,
  type BilateralOverview,
  type JointWorkingGroupSummary,
  type MeetingSummary,
  type MoUSummary,
  type OpenActionItem,
  type PostingSummary,
} from './projections/bilateral-overview';

// Audit
export {
  auditTrail,
  formatAuditEntry,
  type AuditEntry,
  type AuditTrailOptions,
  type UnreadableAuditEntry,
} from './audit/audit-trail';
export {
  createChainChecker,
  type ChainCheck,
  type ChainChecker,
  type IntegrityFinding,
  type IntegrityProblem,
} from './audit/integrity-check';
export {
  formatVerificationReport,
  verifyAll,
  verifyStream,
  type VerificationReport,
  type VerifyOptions,
} from './audit/verify';
export {
  bilateralOverviewAsOf,
  isKnownAsOf,
  stateAsOf,
  type AsOf,
  type StateAsOf,
} from './audit/point-in-time';
export {
  HISTORY_FORMAT,
  HISTORY_FORMAT_VERSION,
  exportHistory,
  exportHistoryToFile,
  importHistory,
  importHistoryFile,
  linesOfFile,
  type ExportOptions,
  type ImportOptions,
  type ImportRefused,
  type ImportSummary,
} from './audit/history-file';
export {
  EMPTY_DIGEST,
  IntegrityLink,
  canonicalJson,
  foldDigest,
  sealEvent,
  sha256,
  type SealInput,
} from './kernel/integrity';
