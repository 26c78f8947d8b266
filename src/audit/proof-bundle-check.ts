import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { formatIssues, toIssues } from '../kernel/validation';
import { createChainChecker } from './integrity-check';
import { verifyConsistency, verifyInclusion, type ProofRejection } from './merkle-proofs';
import { eventLeaf, hashFromBase64, type Hash } from './merkle-tree';
import type { VerifierKey } from './note-keys';
import {
  ALTERED_PROBLEMS,
  CONSISTENCY_PROOF_FORMAT,
  INCLUSION_PROOF_FORMAT,
  type EventAsStored,
} from './proof-bundle';
import { verifyCheckpoint, type Checkpoint } from './tree-checkpoint';
import { tracedProofCheck } from '../telemetry/audit-telemetry';

/**
 * Checking a proof bundle with the verifier key alone: no store, no network. Everything in the
 * bundle is taken as coming from someone else, so nothing here throws.
 *
 * Why a bundle is rejected:
 * - `malformed`: not JSON, or not the shape of its format (a field missing, a path hash that is
 *   not base64 of 32 bytes);
 * - `unknownFormat`: no `format` this version reads;
 * - `checkpointNotSigned`: a checkpoint note that does not parse, or is not signed by the key;
 * - `treeSizeMismatch`: the bundle's tree size is not the size its checkpoint signed;
 * - `eventAltered`: the event does not match the hash sealed in its own metadata;
 * - `notIncluded`: the path does not lead from the event's leaf to the checkpoint's root;
 * - `originsDiffer`: the two checkpoints of a consistency bundle are of different logs;
 * - `badSizes`: a consistency bundle from size 0, or from a larger checkpoint to a smaller one;
 * - `notConsistent`: the path does not show the second tree extends the first.
 */
export type BundleProblem =
  | 'malformed'
  | 'unknownFormat'
  | 'checkpointNotSigned'
  | 'treeSizeMismatch'
  | 'eventAltered'
  | 'notIncluded'
  | 'originsDiffer'
  | 'badSizes'
  | 'notConsistent';

export interface ProofBundleRejected {
  readonly kind: 'ProofBundleRejected';
  readonly problem: BundleProblem;
  /** For `notIncluded` and `notConsistent`: what the RFC 9162 verifier said. */
  readonly proofRejection?: ProofRejection;
  readonly message: string;
}

export type VerifiedProofBundle =
  | {
      readonly kind: 'inclusion';
      readonly checkpoint: Checkpoint;
      readonly leafIndex: number;
      readonly event: EventAsStored;
    }
  | { readonly kind: 'consistency'; readonly from: Checkpoint; readonly to: Checkpoint };

/** What checking a bundle gives: what it proves, or why it is rejected. */
export type ProofBundleVerdict = E.Either<ProofBundleRejected, VerifiedProofBundle>;

const reject = (
  problem: BundleProblem,
  message: string,
  proofRejection?: ProofRejection,
): E.Either<ProofBundleRejected, never> =>
  E.left({
    kind: 'ProofBundleRejected',
    problem,
    message,
    ...(proofRejection === undefined ? {} : { proofRejection }),
  });

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const Decimal = new t.Type<string, string, unknown>(
  'decimal integer as a string',
  (u): u is string => typeof u === 'string' && DECIMAL.test(u),
  (u, c) => (typeof u === 'string' && DECIMAL.test(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);
// Present, whatever JSON value it is: a missing `data` must not pass for one.
const JsonValue = new t.Type<unknown, unknown, unknown>(
  'JSON value',
  (u): u is unknown => u !== undefined,
  (u, c) => (u === undefined ? t.failure(u, c) : t.success(u)),
  t.identity,
);
const EventCodec = t.type({
  streamId: t.string,
  revision: Decimal,
  position: Decimal,
  eventId: t.string,
  type: t.string,
  recordedAt: t.string,
  data: JsonValue,
  metadata: JsonValue,
});
const InclusionCodec = t.type({
  format: t.literal(INCLUSION_PROOF_FORMAT),
  event: EventCodec,
  leafIndex: t.number,
  treeSize: t.number,
  path: t.array(t.string),
  checkpoint: t.string,
});
const ConsistencyCodec = t.type({
  format: t.literal(CONSISTENCY_PROOF_FORMAT),
  from: t.string,
  to: t.string,
  path: t.array(t.string),
});

const decodeAs = <A>(codec: t.Type<A, unknown, unknown>, value: unknown) =>
  E.mapLeft((errors: t.Errors) => ({
    kind: 'ProofBundleRejected' as const,
    problem: 'malformed' as const,
    message: `not a ${codec.name}: ${formatIssues(toIssues(errors))}`,
  }))(codec.decode(value));

const hashesOf = (path: readonly string[]): E.Either<ProofBundleRejected, Hash[]> => {
  const hashes: Hash[] = [];
  for (const [i, text] of path.entries()) {
    const hash = hashFromBase64(text);
    if (hash === undefined)
      return reject('malformed', `path[${i}] is not a 32-byte hash in padded base64`);
    hashes.push(hash);
  }
  return E.right(hashes);
};

const signed = (
  note: string,
  verifier: VerifierKey,
  what: string,
): E.Either<ProofBundleRejected, Checkpoint> =>
  E.mapLeft((error: { readonly message: string }) => ({
    kind: 'ProofBundleRejected' as const,
    problem: 'checkpointNotSigned' as const,
    message: `${what} is not a checkpoint signed by ${verifier.name}: ${error.message}`,
  }))(verifyCheckpoint(note, verifier));

/**
 * The event's integrity hash, recomputed as the chain checker recomputes it from a store: the
 * same code, given the event as it was stored. Only its match with its own seal is judged here;
 * its place in its stream is what the tree vouches for.
 */
const recomputedHash = (event: EventAsStored): E.Either<ProofBundleRejected, string> => {
  const check = createChainChecker().check({
    streamId: event.streamId,
    revision: BigInt(event.revision),
    position: BigInt(event.position),
    eventId: event.eventId,
    type: event.type,
    recordedAt: new Date(event.recordedAt),
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
  });
  const finding = check.finding;
  if (finding !== undefined && ALTERED_PROBLEMS.includes(finding.problem))
    return reject('eventAltered', `${finding.problem}: ${finding.message}`);
  return E.right(check.hash);
};

const checkInclusion = (
  bundle: t.TypeOf<typeof InclusionCodec>,
  key: VerifierKey,
): ProofBundleVerdict => {
  const path = hashesOf(bundle.path);
  if (E.isLeft(path)) return path;
  const checkpoint = signed(bundle.checkpoint, key, 'the checkpoint');
  if (E.isLeft(checkpoint)) return checkpoint;
  const c = checkpoint.right;
  if (bundle.treeSize !== c.size)
    return reject(
      'treeSizeMismatch',
      `the bundle says tree size ${bundle.treeSize}, its checkpoint signed size ${c.size}`,
    );
  const hash = recomputedHash(bundle.event);
  if (E.isLeft(hash)) return hash;
  const proof = verifyInclusion(
    bundle.leafIndex,
    bundle.treeSize,
    eventLeaf(hash.right),
    path.right,
    c.rootHash,
  );
  if (!proof.valid)
    return reject(
      'notIncluded',
      `the path does not put ${bundle.event.streamId}@${bundle.event.revision} at leaf ${bundle.leafIndex} of the tree of ${c.origin} at size ${c.size} (${proof.reason})`,
      proof.reason,
    );
  return E.right({
    kind: 'inclusion',
    checkpoint: c,
    leafIndex: bundle.leafIndex,
    event: bundle.event,
  });
};

const checkConsistency = (
  bundle: t.TypeOf<typeof ConsistencyCodec>,
  key: VerifierKey,
): ProofBundleVerdict => {
  const path = hashesOf(bundle.path);
  if (E.isLeft(path)) return path;
  const from = signed(bundle.from, key, '"from"');
  if (E.isLeft(from)) return from;
  const to = signed(bundle.to, key, '"to"');
  if (E.isLeft(to)) return to;
  const [a, b] = [from.right, to.right];
  if (a.origin !== b.origin)
    return reject('originsDiffer', `"from" is of ${a.origin}, "to" of ${b.origin}`);
  if (a.size === 0 || a.size > b.size)
    return reject('badSizes', `no consistency proof goes from size ${a.size} to size ${b.size}`);
  const proof = verifyConsistency(a.size, b.size, a.rootHash, b.rootHash, path.right);
  if (!proof.valid)
    return reject(
      'notConsistent',
      `the path does not show the tree of ${b.origin} at size ${b.size} extends the one at size ${a.size} (${proof.reason})`,
      proof.reason,
    );
  return E.right({ kind: 'consistency', from: a, to: b });
};

/** Checks a bundle's JSON text with the log's verifier key: no store is needed. */
export const verifyProofBundle = (text: string, verifier: VerifierKey): ProofBundleVerdict =>
  tracedProofCheck(() => checkBundle(text, verifier));

const checkBundle = (text: string, verifier: VerifierKey): ProofBundleVerdict => {
  const json = E.tryCatch(
    () => JSON.parse(text) as unknown,
    (e) => (e instanceof Error ? e.message : String(e)),
  );
  if (E.isLeft(json)) return reject('malformed', `not JSON: ${json.left}`);
  const value = json.right;
  const format =
    typeof value === 'object' && value !== null && 'format' in value ? value.format : undefined;
  if (format === INCLUSION_PROOF_FORMAT) {
    const bundle = decodeAs(InclusionCodec, value);
    return E.isLeft(bundle) ? bundle : checkInclusion(bundle.right, verifier);
  }
  if (format === CONSISTENCY_PROOF_FORMAT) {
    const bundle = decodeAs(ConsistencyCodec, value);
    return E.isLeft(bundle) ? bundle : checkConsistency(bundle.right, verifier);
  }
  return reject(
    'unknownFormat',
    `format is ${JSON.stringify(format) ?? 'missing'}, not ${INCLUSION_PROOF_FORMAT} or ${CONSISTENCY_PROOF_FORMAT}`,
  );
};
