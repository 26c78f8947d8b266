import * as E from 'fp-ts/Either';
import {
  decodeBase64,
  encodeBase64,
  isWellFormed,
  type SignerKey,
  type VerifierKey,
} from './note-keys';
import { openNote, signNote, type CannotSign, type NoteError } from './signed-note';

/**
 * Tree heads as C2SP checkpoints (c2sp.org/tlog-checkpoint), signed as C2SP notes:
 *
 *   <origin>
 *   <tree size, decimal, no leading zero>
 *   <base64 of the 32-byte RFC 6962 / RFC 9162 root hash>
 *   time <RFC 3339 UTC instant, milliseconds: exactly what Date.prototype.toISOString writes>
 *   <further extension lines, if any>
 *
 * When it was made: the `time` extension line, not a `cosignature/v1` timestamped signature.
 * - The time is the log's own statement and belongs in the text the log signs, so the ordinary
 *   Ed25519 (0x01) signature covers it and any sumdb/note or tlog client checks it; a cosignature
 *   is a witness's statement, uses another key type (0x04) and another signed message, and would
 *   give one time per signature rather than one per checkpoint.
 * - Milliseconds, because events' `recordedAt` are Dates to the millisecond: a checkpoint made at
 *   T bounds them (covered events were recorded no later than T), and whole seconds would put T
 *   before an event recorded in the same second.
 * - One spelling per instant (UTC, `Z`, three fraction digits), so the signed bytes of a given
 *   checkpoint are fixed.
 * The spec calls extension lines opaque and not auditable by log monitors; witnesses that cosign
 * make no statement about this line, and still add their own timestamps (cosignature/v1).
 * Extension lines never start with `time ` except this one, which is always the fourth line.
 */

export const CHECKPOINT_TIME_PREFIX = 'time ';

export interface CheckpointFields {
  /** Names the log; never reuse it for another log. The key name should match it. */
  readonly origin: string;
  /** Leaves in the tree; a safe integer (up to 2^53 - 1). */
  readonly size: number;
  /** The 32-byte Merkle tree root. */
  readonly rootHash: Uint8Array;
  readonly madeAt: Date;
  /** Opaque further lines, each non-empty; none starting with `time `. */
  readonly extensions?: readonly string[];
}

export interface Checkpoint extends CheckpointFields {
  readonly extensions: readonly string[];
}

export interface MalformedCheckpoint {
  readonly kind: 'MalformedCheckpoint';
  /** The line of the body at fault (1-based), when one is. */
  readonly line?: number;
  readonly message: string;
}

const malformed = (message: string, line?: number): E.Either<MalformedCheckpoint, never> =>
  E.left({
    kind: 'MalformedCheckpoint',
    message: line === undefined ? message : `line ${line}: ${message}`,
    ...(line === undefined ? {} : { line }),
  });

// eslint-disable-next-line no-control-regex
const CONTROL_OR_NEWLINE = /[\u0000-\u001f]/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const lineProblem = (line: string): string | undefined => {
  if (line === '') return 'empty';
  if (!isWellFormed(line)) return 'not valid UTF-8 (a lone surrogate)';
  if (CONTROL_OR_NEWLINE.test(line)) return 'holds a control character or newline';
  return undefined;
};

/** The instant as the time line writes it, if it can be written (years 0000 to 9999). */
const instantText = (date: Date): string | undefined => {
  if (Number.isNaN(date.getTime())) return undefined;
  const text = date.toISOString();
  return ISO_INSTANT.test(text) ? text : undefined;
};

const parseInstant = (text: string): Date | undefined => {
  if (!ISO_INSTANT.test(text)) return undefined;
  const date = new Date(text);
  // Refuses instants that do not exist (2025-02-30, 24:00:00) rather than rolling them over.
  return instantText(date) === text ? date : undefined;
};

/** The checkpoint body (the note text) for `fields`. */
export const formatCheckpoint = (
  fields: CheckpointFields,
): E.Either<MalformedCheckpoint, string> => {
  const originProblem = lineProblem(fields.origin);
  if (originProblem !== undefined) return malformed(`origin ${originProblem}`, 1);
  if (!Number.isSafeInteger(fields.size) || fields.size < 0) {
    return malformed(`tree size ${fields.size} is not a whole number from 0 to 2^53 - 1`, 2);
  }
  if (fields.rootHash.length !== 32) {
    return malformed(`root hash is ${fields.rootHash.length} bytes, not 32`, 3);
  }
  const time = instantText(fields.madeAt);
  if (time === undefined) return malformed('madeAt is not a date between years 0 and 9999', 4);
  const extensions = fields.extensions ?? [];
  for (const [i, extension] of extensions.entries()) {
    const problem = lineProblem(extension);
    if (problem !== undefined) return malformed(`extension line ${problem}`, 5 + i);
    if (extension.startsWith(CHECKPOINT_TIME_PREFIX)) {
      return malformed('only the fourth line may start with "time "', 5 + i);
    }
  }
  const lines = [
    fields.origin,
    String(fields.size),
    encodeBase64(fields.rootHash),
    `${CHECKPOINT_TIME_PREFIX}${time}`,
    ...extensions,
  ];
  return E.right(lines.map((line) => `${line}\n`).join(''));
};

/** Reads a checkpoint body (the note text, not the signed note). */
export const parseCheckpoint = (text: string): E.Either<MalformedCheckpoint, Checkpoint> => {
  if (!text.endsWith('\n')) return malformed('a checkpoint body ends in a newline');
  const lines = text.slice(0, -1).split('\n');
  for (const [i, line] of lines.entries()) {
    const problem = lineProblem(line);
    if (problem !== undefined) return malformed(`line is ${problem}`, i + 1);
  }
  const [origin, sizeText, rootText, timeLine, ...extensions] = lines;
  if (origin === undefined || sizeText === undefined || rootText === undefined) {
    return malformed('a checkpoint has an origin, a tree size and a root hash', lines.length + 1);
  }
  if (!DECIMAL.test(sizeText)) {
    return malformed('tree size is not a decimal number without leading zeros', 2);
  }
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return malformed('tree size is above 2^53 - 1', 2);
  const rootHash = decodeBase64(rootText);
  if (rootHash === undefined) return malformed('root hash is not standard padded base64', 3);
  if (rootHash.length !== 32) return malformed(`root hash is ${rootHash.length} bytes, not 32`, 3);
  if (timeLine === undefined || !timeLine.startsWith(CHECKPOINT_TIME_PREFIX)) {
    return malformed('no "time <RFC 3339 UTC>" line saying when the checkpoint was made', 4);
  }
  const madeAt = parseInstant(timeLine.slice(CHECKPOINT_TIME_PREFIX.length));
  if (madeAt === undefined) {
    return malformed('time is not an instant written as YYYY-MM-DDTHH:MM:SS.sssZ', 4);
  }
  const again = extensions.findIndex((line) => line.startsWith(CHECKPOINT_TIME_PREFIX));
  if (again >= 0) return malformed('a second "time" line', 5 + again);
  return E.right({ origin, size, rootHash: Uint8Array.from(rootHash), madeAt, extensions });
};

/** The checkpoint for `fields`, as a note signed by `signer`. */
export const signCheckpoint = (
  fields: CheckpointFields,
  signer: SignerKey,
): E.Either<MalformedCheckpoint | CannotSign, string> =>
  E.chainW((body: string) => signNote(body, [signer]))(formatCheckpoint(fields));

/**
 * The checkpoint in `note`, if `verifier` signed it. Other signatures (witnesses' cosignatures)
 * are left alone, as the spec asks. Whether the origin is the log you meant is yours to compare.
 */
export const verifyCheckpoint = (
  note: string | Uint8Array,
  verifier: VerifierKey,
): E.Either<NoteError | MalformedCheckpoint, Checkpoint> =>
  E.chainW(({ text }: { readonly text: string }) => parseCheckpoint(text))(
    openNote(note, [verifier]),
  );
