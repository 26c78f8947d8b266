/**
 * The kernel's public face: deciders, events and their metadata, command handling, the store
 * port and its errors, integrity links.
 */
// Kernel: deciders, events, recorded events, command handling
export type { Aggregate } from './aggregate';
export { streamIdOf } from './aggregate';
export type { Decider, RuleViolation } from './decider';
export { fold, refuse } from './decider';
export { actOutOfOrder, actsOutOfOrder, type ActInOrder, type Prerequisite } from './acts-in-order';
export type { AnyEventType, DomainEvent, EventCatalog, EventOf, EventType } from './event';
export { eventCatalog, eventType } from './event';
// Schema evolution: upcasters read older versions of an event's data
export type { SchemaEvolution } from './event';
export type {
  JsonObject,
  JsonValue,
  UpcastContext,
  UpcastFailure,
  Upcaster,
  Upcasters,
} from './upcast';
export { EVENT_ID_NAMESPACE, eventIdFor } from './event-id';
export type { EventRegistry } from './event-registry';
export { categoryOf, eventRegistry } from './event-registry';
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
} from './command-handler';
export { commandDigest } from './command-input';
export type { CommandIds } from './command-ids';
export { MAX_INPUT_DEPTH } from './plain-data';
export {
  createStateCache,
  type CachedFold,
  type StateCache,
  type StateCacheOptions,
} from './state-cache';
export {
  CommandContext,
  EventMetadata,
  IsoInstant,
  decodeRecordedEvent,
  encodeEvent,
  type DecodeError,
  type DecodeProblem,
  type EventEnvelope,
  type InvalidEventError,
  type PersonalDataRefused,
  type RecordedEvent,
} from './recorded-event';
export {
  Traceparent,
  Tracestate,
  isTraceparent,
  isTracestate,
  type TraceContext,
} from './trace-context';
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
} from './partial-date';
export { EngagementId, PositiveInteger } from './primitives';
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
} from './text';
export { Source, SourceKind } from './source';
export { formatIssues, type ValidationIssue } from './validation';
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
  StreamAppend,
  StreamAppendsResult,
  SubscribeToAllOptions,
  Subscription,
  SubscriptionMessage,
} from './event-store';
export {
  ConcurrencyConflictError,
  InvalidAppendError,
  StoreError,
  StoreFaultError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  isStoreError,
  type StoreErrorKind,
  type StoreErrorOfKind,
} from './store-errors';
export {
  DELETION_CATEGORY,
  DeletionMode,
  StreamDeletionRecorded,
  deletionEvents,
  deletionStreamOf,
  isDeletionStream,
  type DeletionEvent,
} from './deletion-record';
export { isDatedAfter, latestDateAnywhere } from './recording-time';
export {
  EMPTY_DIGEST,
  IntegrityLink,
  LINK_VERSION,
  canonicalJson,
  foldDigest,
  sealEvent,
  sha256,
  type SealInput,
} from './integrity';
export type { KeptLeaf, KeptSubtree, TreeStorage } from './tree-storage';
export {
  TREE_CHECKPOINT_CATEGORY,
  TreeCheckpointSigned,
  isTreeCheckpointStream,
  treeCheckpointEvents,
  treeCheckpointStreamOf,
  type TreeCheckpointEvent,
} from './tree-checkpoint-record';
export {
  EACH,
  mapPersonal,
  personal,
  personalFields,
  pointerOf,
  type FoundPersonal,
  type PathStep,
  type PersonalField,
} from './personal-fields';
