/**
 * Auditing the record: the audit trail, verification, export and import, signed checkpoints,
 * the Merkle tree kept beside the events, and proof bundles.
 */
// Audit
export {
  auditTrail,
  formatAuditEntry,
  type AuditEntry,
  type AuditTrailOptions,
  type UnreadableAuditEntry,
} from './audit-trail';
export {
  deleteStreamOnRecord,
  StreamDeletionRequest,
  type DeletionRefused,
  type StreamDeletedOnRecord,
} from './delete-on-record';
export {
  createChainChecker,
  sealedRecordedAt,
  type ChainCheck,
  type ChainCheckOptions,
  type ChainChecker,
  type IntegrityFinding,
  type IntegrityProblem,
} from './integrity-check';
export {
  formatVerificationReport,
  verifyAll,
  verifyStream,
  type VerificationReport,
  type VerifyOptions,
} from './verify';
export {
  bilateralOverviewAsOf,
  isKnownAsOf,
  stateAsOf,
  type AsOf,
  type StateAsOf,
} from './point-in-time';
export {
  HISTORY_FORMAT,
  HISTORY_FORMAT_VERSION,
  exportHistory,
  exportHistoryToFile,
  type ExportOptions,
} from './history-file';
export {
  importHistory,
  importHistoryFile,
  linesOfFile,
  type ImportOptions,
  type ImportRefused,
  type ImportSummary,
} from './history-import';
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
} from './note-keys';
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
} from './signed-note';
export {
  CHECKPOINT_TIME_PREFIX,
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type CheckpointFields,
  type MalformedCheckpoint,
} from './tree-checkpoint';
export { formatWitnessEntries, parseWitnessFile, type MalformedWitnessFile } from './witness-file';
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
} from './merkle-tree';
export {
  verifyConsistency,
  verifyInclusion,
  type ProofCheck,
  type ProofRejection,
} from './merkle-proofs';
// The tree kept beside the events, so that a proof is a few reads
export {
  createInMemoryTreeStorage,
  keepTree,
  keptLeafOf,
  type InMemoryTreeStorage,
  type KeptTree,
} from './tree-keeper';
export {
  RECORDING_SKEW_MS,
  type CheckpointFinding,
  type CheckpointProblem,
  type CheckpointResult,
} from './checkpoint-check';
export {
  checkpointsOfWitnessFile,
  signStoreCheckpoint,
  type CheckpointRefused,
  type SignStoreCheckpointOptions,
  type SignedCheckpoint,
  type WitnessFileRefused,
} from './witnessing';
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
} from './proof-bundle';
export {
  verifyProofBundle,
  type BundleProblem,
  type ProofBundleRejected,
  type ProofBundleVerdict,
  type VerifiedProofBundle,
} from './proof-bundle-check';
