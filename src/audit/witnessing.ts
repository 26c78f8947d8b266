import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { checkInput } from '../kernel/command-input';
import type { EventStore } from '../kernel/event-store';
import type { CommandContext } from '../kernel/recorded-event';
import {
  treeCheckpointEvents,
  treeCheckpointStreamOf,
  type TreeCheckpointEvent,
} from '../kernel/tree-checkpoint-record';
import { hashFromBase64, hashToBase64 } from './merkle-tree';
import { appendSealedRecord } from './sealed-record';
import { keepTree } from './tree-keeper';
import type { SignerKey, VerifierKey } from './note-keys';
import { signCheckpoint, verifyCheckpoint, type Checkpoint } from './tree-checkpoint';
import { tracedCheckpointSigning } from '../telemetry/audit-telemetry';
import { verifyAll, type VerificationReport } from './verify';
import { formatWitnessEntries, parseWitnessFile } from './witness-file';

/** A witness file that cannot be relied on: malformed, or an entry the key did not sign. */
export interface WitnessFileRefused {
  readonly kind: 'WitnessFileRefused';
  /** The entry at fault, counted from 1; 0 for the file as a whole. */
  readonly entry: number;
  readonly message: string;
}

/**
 * The checkpoints of a witness file, every one signed by `verifier`, in the order they were
 * written; the first entry that is malformed or not signed by the key is refused by number.
 */
export const checkpointsOfWitnessFile = (
  text: string,
  verifier: VerifierKey,
): E.Either<WitnessFileRefused, Checkpoint[]> => {
  const notes = parseWitnessFile(text);
  if (E.isLeft(notes))
    return E.left({
      kind: 'WitnessFileRefused',
      entry: notes.left.entry,
      message: notes.left.message,
    });
  const checkpoints: Checkpoint[] = [];
  for (const [i, note] of notes.right.entries()) {
    const checkpoint = verifyCheckpoint(note, verifier);
    if (E.isLeft(checkpoint))
      return E.left({
        kind: 'WitnessFileRefused',
        entry: i + 1,
        message: `entry ${i + 1}: ${checkpoint.left.message}`,
      });
    checkpoints.push(checkpoint.right);
  }
  return E.right(checkpoints);
};

/** No checkpoint was signed: the history does not verify, or the checkpoint could not be made. */
export interface CheckpointRefused {
  readonly kind: 'CheckpointRefused';
  readonly report?: VerificationReport;
  readonly message: string;
}

export interface SignedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The signed note (C2SP tlog-checkpoint in a signed note), to hand to witnesses. */
  readonly note: string;
  /** The text to append to a witness file for it. */
  readonly witnessEntry: string;
}

/**
 * Verifies the whole store and, only if it is intact, signs a checkpoint of its tree head: the
 * origin, the number of events, the root, and the moment it was made (after the pass, by the
 * store's clock, so no event it covers was recorded later). Keep the note somewhere the store's
 * writers cannot change it: a witness file on another system, a witness, a printout.
 */
export const signStoreCheckpoint = async (
  store: EventStore,
  options: SignStoreCheckpointOptions,
): Promise<E.Either<CheckpointRefused, SignedCheckpoint>> =>
  tracedCheckpointSigning(options.origin, () => signAfterVerifying(store, options));

export interface SignStoreCheckpointOptions {
  readonly signer: SignerKey;
  readonly origin: string;
  /**
   * Who signs it and why: with it, the checkpoint is also recorded in the store, as a sealed
   * `TreeCheckpointSigned` in `TreeCheckpoint-<origin>` (after the events it covers).
   */
  readonly record?: CommandContext;
}

const signAfterVerifying = async (
  store: EventStore,
  options: SignStoreCheckpointOptions,
): Promise<E.Either<CheckpointRefused, SignedCheckpoint>> => {
  const report = await verifyAll(store);
  if (!report.intact || report.treeHead === undefined)
    return E.left({
      kind: 'CheckpointRefused',
      report,
      message: `the history does not verify (${report.firstProblem?.message ?? 'see the report'}); a checkpoint would vouch for it`,
    });
  const rootHash = hashFromBase64(report.treeHead.rootHash);
  if (rootHash === undefined)
    return E.left({ kind: 'CheckpointRefused', message: 'the tree head could not be read back' });
  // Keep the tree up to the checkpoint too, so that proofs under it are a few reads.
  await keepTree(store);
  const madeAt = store.now?.() ?? new Date();
  const fields = { origin: options.origin, size: report.treeHead.size, rootHash, madeAt };
  const note = signCheckpoint(fields, options.signer);
  if (E.isLeft(note)) return E.left({ kind: 'CheckpointRefused', message: note.left.message });
  const entry = formatWitnessEntries([note.right]);
  if (E.isLeft(entry)) return E.left({ kind: 'CheckpointRefused', message: entry.left.message });
  const signed = {
    checkpoint: { ...fields, extensions: [] },
    note: note.right,
    witnessEntry: entry.right,
  };
  if (options.record === undefined) return E.right(signed);
  const recorded = await recordCheckpoint(store, signed, options.record);
  return E.isLeft(recorded) ? recorded : E.right(signed);
};

const RecordTreeCheckpoint = t.strict(
  { type: t.literal('RecordTreeCheckpoint'), origin: t.string },
  'RecordTreeCheckpoint',
);

/** Appends the sealed record of a signed checkpoint to `TreeCheckpoint-<origin>`. */
const recordCheckpoint = async (
  store: EventStore,
  { checkpoint, note }: SignedCheckpoint,
  context: CommandContext,
): Promise<E.Either<CheckpointRefused, void>> => {
  const refused = (message: string): E.Either<CheckpointRefused, never> =>
    E.left({
      kind: 'CheckpointRefused',
      message: `signed, but not recorded in the store: ${message}`,
    });
  const input = checkInput(
    { commands: RecordTreeCheckpoint },
    { type: 'RecordTreeCheckpoint', origin: checkpoint.origin },
    context,
  );
  if (E.isLeft(input)) return refused(input.left.message);
  const streamId = treeCheckpointStreamOf(checkpoint.origin);
  const record: TreeCheckpointEvent = {
    type: 'TreeCheckpointSigned',
    occurredOn: checkpoint.madeAt.toISOString().slice(0, 10),
    data: {
      origin: checkpoint.origin,
      size: checkpoint.size,
      rootHash: hashToBase64(checkpoint.rootHash),
      madeAt: checkpoint.madeAt.toISOString(),
      note,
    },
  };
  const appended = await appendSealedRecord(
    store,
    treeCheckpointEvents,
    streamId,
    record,
    input.right,
    store.now?.() ?? new Date(),
  );
  if (E.isLeft(appended))
    return refused(
      appended.left === 'changed'
        ? `${streamId} changed meanwhile; the witness copy stands`
        : appended.left.message,
    );
  return E.right(undefined);
};
