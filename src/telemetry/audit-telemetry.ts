import * as E from 'fp-ts/Either';
import type { Attributes } from '@opentelemetry/api';
import { traced, tracedSync } from './traced';

/*
 * The spans of signing checkpoints and of making and checking proofs. A refusal (a history that
 * does not verify, an event the checkpoint does not cover, a bundle that proves nothing) is an
 * outcome, named by `ledger.failure`; only a throw (a store that cannot be reached) ends a span
 * with an error. The shapes are the audit module's, by structure, so that nothing here imports it.
 */

interface Refusal {
  readonly kind: string;
  readonly problem?: string;
}

const failure = (refusal: Refusal): Attributes => ({
  'ledger.failure': refusal.problem ?? refusal.kind,
});

/** `audit.checkpoint.sign` around verifying a store and signing its tree head. */
export const tracedCheckpointSigning = <
  Refused extends Refusal,
  Signed extends { readonly checkpoint: { readonly size: number } },
>(
  origin: string,
  run: () => Promise<E.Either<Refused, Signed>>,
): Promise<E.Either<Refused, Signed>> =>
  traced('audit.checkpoint.sign', { 'ledger.origin': origin }, run, {
    result: (signed) =>
      E.isLeft(signed)
        ? failure(signed.left)
        : { 'ledger.tree_size': signed.right.checkpoint.size },
  });

/** `audit.proof.inclusion` around making an inclusion proof bundle. */
export const tracedInclusionProof = <
  Refused extends Refusal,
  Bundle extends { readonly leafIndex: number; readonly path: readonly string[] },
>(
  at: { readonly streamId: string; readonly revision: bigint },
  treeSize: number,
  run: () => Promise<E.Either<Refused, Bundle>>,
): Promise<E.Either<Refused, Bundle>> =>
  traced(
    'audit.proof.inclusion',
    {
      'ledger.stream_id': at.streamId,
      'ledger.revision': String(at.revision),
      'ledger.tree_size': treeSize,
    },
    run,
    {
      result: (bundle) =>
        E.isLeft(bundle)
          ? failure(bundle.left)
          : {
              'ledger.leaf_index': bundle.right.leafIndex,
              'ledger.path_length': bundle.right.path.length,
            },
    },
  );

/** `audit.proof.consistency` around making a consistency proof bundle. */
export const tracedConsistencyProof = <
  Refused extends Refusal,
  Bundle extends { readonly path: readonly string[] },
>(
  fromSize: number,
  toSize: number,
  run: () => Promise<E.Either<Refused, Bundle>>,
): Promise<E.Either<Refused, Bundle>> =>
  traced(
    'audit.proof.consistency',
    { 'ledger.from_tree_size': fromSize, 'ledger.tree_size': toSize },
    run,
    {
      result: (bundle) =>
        E.isLeft(bundle)
          ? failure(bundle.left)
          : { 'ledger.path_length': bundle.right.path.length },
    },
  );

type Proven =
  | {
      readonly kind: 'inclusion';
      readonly checkpoint: { readonly size: number };
      readonly leafIndex: number;
    }
  | {
      readonly kind: 'consistency';
      readonly from: { readonly size: number };
      readonly to: { readonly size: number };
    };

/** `audit.proof.verify` around checking a proof bundle with the verifier key. */
export const tracedProofCheck = <Verdict extends E.Either<Refusal, Proven>>(
  run: () => Verdict,
): Verdict =>
  tracedSync('audit.proof.verify', {}, run, {
    result: (verdict) => {
      if (E.isLeft(verdict)) return { 'ledger.valid': false, ...failure(verdict.left) };
      const proven = verdict.right;
      return proven.kind === 'inclusion'
        ? {
            'ledger.valid': true,
            'ledger.proof_kind': proven.kind,
            'ledger.tree_size': proven.checkpoint.size,
            'ledger.leaf_index': proven.leafIndex,
          }
        : {
            'ledger.valid': true,
            'ledger.proof_kind': proven.kind,
            'ledger.from_tree_size': proven.from.size,
            'ledger.tree_size': proven.to.size,
          };
    },
  });
