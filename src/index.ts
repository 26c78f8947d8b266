/**
 * diplomatic-ledger: event-sourced records of diplomatic and security engagements between states.
 * Everything a user needs is exported here by name.
 */

// Kernel: deciders, events, recorded events, command handling
export type { Aggregate } from './kernel/aggregate';
export { streamIdOf } from './kernel/aggregate';
export type { Decider, RuleViolation } from './kernel/decider';
export { fold, refuse } from './kernel/decider';
export {
  actOutOfOrder,
  actsOutOfOrder,
  type ActInOrder,
  type Prerequisite,
} from './kernel/acts-in-order';
export type { DomainEvent, EventCatalog, EventOf, EventType } from './kernel/event';
export { eventCatalog, eventType } from './kernel/event';
// Schema evolution: upcasters read older versions of an event's data
export type { SchemaEvolution } from './kernel/event';
export type {
  JsonObject,
  JsonValue,
  UpcastContext,
  UpcastFailure,
  Upcaster,
  Upcasters,
} from './kernel/upcast';
export { EVENT_ID_NAMESPACE, eventIdFor } from './kernel/event-id';
export type { EventRegistry } from './kernel/event-registry';
export { categoryOf, eventRegistry } from './kernel/event-registry';
export {
  handleCommand,
  loadState,
  type LoadedState,
  type CommandFailure,
  type CommandIdReused,
  type CommandResult,
  type ConcurrencyConflict,
  type CorruptHistory,
  type HandleCommandOptions,
  type InvalidCommand,
  type KernelRule,
  type StreamDeleted,
} from './kernel/command-handler';
export { commandDigest } from './kernel/command-input';
export { MAX_INPUT_DEPTH } from './kernel/plain-data';
export {
  createStateCache,
  type CachedFold,
  type StateCache,
  type StateCacheOptions,
} from './kernel/state-cache';
export {
  CommandContext,
  EventMetadata,
  IsoInstant,
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
export { EngagementId, PositiveInteger } from './kernel/primitives';
export {
  Description,
  Name,
  Reason,
  Reference,
  Title,
  normaliseText,
  textMaxima,
  type TextCodec,
  type TextKind,
} from './kernel/text';
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
  currentStatesProjection,
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
export {
  DEFAULT_DORMANT_AFTER_MONTHS,
  InvalidOverviewOptionsError,
  addMonths,
  alternationWarnings,
  checkOverviewOptions,
  judgeDormancy,
  type BilateralOverviewOptions,
  type CheckedOverviewOptions,
  type HeldRoundRef,
  type JointWorkingGroupDormancy,
  type JointWorkingGroupWarning,
} from './projections/joint-working-group-checks';

// Read models: the timeline by occurredOn
export {
  compareTimelineEntries,
  escapeMermaidText,
  readTimeline,
  renderMermaidTimeline,
  renderTextTimeline,
  timelineEntries,
  type TimelineEngagement,
  type TimelineEntry,
  type TimelineRenderOptions,
  type TimelineSource,
} from './projections/timeline';

// The projection runner and its checkpoints
export type { Projection, ProjectionFailure } from './projections/projection';
export {
  runProjection,
  startProjection,
  type CheckpointOptions,
  type ProjectionProgress,
  type ProjectionResult,
  type ProjectionRunner,
  type RunOutcome,
  type RunnerOptions,
} from './projections/runner';
export {
  CHECKPOINT_CATEGORY,
  PositionText,
  ProjectionCheckpointed,
  ProjectionRebuildStarted,
  checkpointEvents,
  checkpointStreamOf,
  isBookkeepingStream,
  isCheckpointStream,
  libraryEvents,
  readLedgerEvents,
  type LibraryEvent,
  type ProjectionCheckpointEvent,
} from './projections/checkpoint';

// Audit
export {
  auditTrail,
  formatAuditEntry,
  type AuditEntry,
  type AuditTrailOptions,
  type UnreadableAuditEntry,
} from './audit/audit-trail';
export {
  deleteStreamOnRecord,
  StreamDeletionRequest,
  type DeletionRefused,
  type StreamDeletedOnRecord,
} from './audit/delete-on-record';
export {
  DELETION_CATEGORY,
  DeletionMode,
  StreamDeletionRecorded,
  deletionEvents,
  deletionStreamOf,
  isDeletionStream,
  type DeletionEvent,
} from './kernel/deletion-record';
export { isDatedAfter, latestDateAnywhere } from './kernel/recording-time';
export {
  createChainChecker,
  sealedRecordedAt,
  type ChainCheck,
  type ChainCheckOptions,
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
  type ExportOptions,
} from './audit/history-file';
export {
  importHistory,
  importHistoryFile,
  linesOfFile,
  type ImportOptions,
  type ImportRefused,
  type ImportSummary,
} from './audit/history-import';
export {
  EMPTY_DIGEST,
  IntegrityLink,
  LINK_VERSION,
  canonicalJson,
  foldDigest,
  sealEvent,
  sha256,
  type SealInput,
} from './kernel/integrity';

// EventStoreDB
export {
  createEventStoreDBEventStore,
  type EventStoreDBClientLike,
  type EventStoreDBEventStoreOptions,
} from './store/eventstoredb-event-store';
export {
  DEFAULT_STORE_FILE,
  defaultStoreSpec,
  openEventStore,
  type OpenEventStoreOptions,
  type OpenedStore,
} from './store/open-store';
export {
  StoreMissingError,
  StoreReadOnlyError,
  isStoreMissingError,
  isStoreReadOnlyError,
  type MissingStoreFound,
} from './store/read-only';

// The worked case
export { pakistanBahrainParties, recordPakistanBahrain2025 } from './demo/pakistan-bahrain-2025';

// The embedded store (SQLite)
export {
  LEDGER_APPLICATION_ID,
  SQLITE_SCHEMA_VERSION,
  type SqliteConnectionOptions,
  type SqliteSynchronous,
} from './store/sqlite-options';
export {
  openSqliteEventStore,
  type SqliteEventStore,
  type SqliteEventStoreOptions,
} from './store/sqlite-event-store';

// Signed checkpoints (C2SP signed-note, tlog-checkpoint) and witness files
export {
  ED25519_NOTE_ALGORITHM,
  generateSigningKey,
  isValidKeyName,
  parseSignerKey,
  parseVerifierKey,
  type GeneratedKey,
  type KeyError,
  type KeyErrorKind,
  type SignerKey,
  type VerifierKey,
} from './audit/note-keys';
export {
  MAX_NOTE_SIGNATURES,
  openNote,
  parseNote,
  signNote,
  type CannotSign,
  type MalformedNote,
  type NoteError,
  type NoteSignature,
  type OpenedNote,
  type ParsedNote,
  type VerifiedSignature,
} from './audit/signed-note';
export {
  CHECKPOINT_TIME_PREFIX,
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type CheckpointFields,
  type MalformedCheckpoint,
} from './audit/tree-checkpoint';
export {
  formatWitnessEntries,
  parseWitnessFile,
  type MalformedWitnessFile,
} from './audit/witness-file';
// Merkle tree (RFC 9162): roots, inclusion and consistency proofs over the global order
export {
  EMPTY_ROOT,
  HASH_SIZE,
  createInMemorySubtreeHashStore,
  createMerkleLog,
  createTreeHasher,
  eventLeaf,
  hashFromBase64,
  hashFromHex,
  hashToBase64,
  hashToHex,
  leafHash,
  nodeHash,
  type Hash,
  type MerkleLog,
  type MerkleLogOptions,
  type SubtreeHashStore,
  type TreeHasher,
} from './audit/merkle-tree';
export {
  verifyConsistency,
  verifyInclusion,
  type ProofCheck,
  type ProofRejection,
} from './audit/merkle-proofs';
// The tree kept beside the events, so that a proof is a few reads
export {
  createInMemoryTreeStorage,
  keepTree,
  keptLeafOf,
  type KeptTree,
} from './audit/tree-keeper';
export type { KeptLeaf, KeptSubtree, TreeStorage } from './kernel/tree-storage';
export {
  TREE_FILE_APPLICATION_ID,
  openSqliteTreeFile,
  type SqliteTreeFile,
} from './store/sqlite-tree-file';
export {
  RECORDING_SKEW_MS,
  type CheckpointFinding,
  type CheckpointProblem,
  type CheckpointResult,
} from './audit/checkpoint-check';
export {
  checkpointsOfWitnessFile,
  signStoreCheckpoint,
  type CheckpointRefused,
  type SignedCheckpoint,
  type WitnessFileRefused,
} from './audit/witnessing';
// Proof bundles: inclusion and consistency proofs anyone can check without the store
export {
  CONSISTENCY_PROOF_FORMAT,
  INCLUSION_PROOF_FORMAT,
  consistencyProofBundle,
  eventAsStored,
  formatProofBundle,
  inclusionProofBundle,
  type BundleRefusalProblem,
  type ConsistencyProofBundle,
  type EventAsStored,
  type InclusionProofBundle,
  type NotedCheckpoint,
  type ProofBundleRefused,
} from './audit/proof-bundle';
export {
  verifyProofBundle,
  type BundleProblem,
  type ProofBundleRejected,
  type VerifiedProofBundle,
} from './audit/proof-bundle-check';
export {
  TREE_CHECKPOINT_CATEGORY,
  TreeCheckpointSigned,
  isTreeCheckpointStream,
  treeCheckpointEvents,
  treeCheckpointStreamOf,
  type TreeCheckpointEvent,
} from './kernel/tree-checkpoint-record';
