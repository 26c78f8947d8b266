import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { hashToBase64 } from '../../audit/merkle-tree';
import type { VerifierKey } from '../../audit/note-keys';
import {
  consistencyProofBundle,
  formatProofBundle,
  inclusionProofBundle,
  type BundleRefusalProblem,
  type ConsistencyProofBundle,
  type InclusionProofBundle,
  type NotedCheckpoint,
  type ProofBundleRefused,
} from '../../audit/proof-bundle';
import { verifyProofBundle } from '../../audit/proof-bundle-check';
import { verifyCheckpoint, type Checkpoint } from '../../audit/tree-checkpoint';
import { parseWitnessFile } from '../../audit/witness-file';
import { signStoreCheckpoint } from '../../audit/witnessing';
import { badInput, CliFailure, EXIT } from '../exit';
import { readText, writeText } from '../files';
import { printLine, toJson, type CliIo } from '../output';
import { withStoreToRead, type CliContext } from '../with-store';
import { readSignerKey, readVerifierKey } from './witness';

/**
 * The checkpoint in `file`: one signed note as `checkpoint` prints it, or a witness file, of which
 * the last entry (the latest checkpoint) is taken. It must be signed by `verifier`.
 */
const readNotedCheckpoint = (io: CliIo, file: string, verifier: VerifierKey): NotedCheckpoint => {
  const text = readText(io, file, 'checkpoint file');
  const asWitnessFile = parseWitnessFile(text);
  // A lone note lacks the blank line that ends a witness entry.
  const notes = E.isRight(asWitnessFile) ? asWitnessFile : parseWitnessFile(`${text}\n`);
  if (E.isLeft(notes)) throw badInput(`${file} holds no signed checkpoint: ${notes.left.message}`);
  const note = notes.right.at(-1);
  if (note === undefined) throw badInput(`${file} holds no checkpoint`);
  const checkpoint = verifyCheckpoint(note, verifier);
  if (E.isLeft(checkpoint))
    throw new CliFailure(`${file}: ${checkpoint.left.message}`, EXIT.checkFailed);
  return { note, checkpoint: checkpoint.right };
};

const EXIT_OF: Record<BundleRefusalProblem, number> = {
  eventNotFound: EXIT.noSuchStream,
  eventNotCovered: EXIT.checkFailed,
  eventAltered: EXIT.checkFailed,
  historyChanged: EXIT.checkFailed,
  checkpointBeyondHistory: EXIT.checkFailed,
  checkpointMismatch: EXIT.badInput,
  badSizes: EXIT.badInput,
  originsDiffer: EXIT.badInput,
};

const made = <B>(spec: string, bundle: E.Either<ProofBundleRefused, B>): B => {
  if (E.isLeft(bundle))
    throw new CliFailure(
      `${spec}: ${bundle.left.problem}: ${bundle.left.message}`,
      EXIT_OF[bundle.left.problem],
    );
  return bundle.right;
};

const summary = (c: Checkpoint) => ({
  origin: c.origin,
  size: c.size,
  rootHash: hashToBase64(c.rootHash),
  madeAt: c.madeAt,
});

const parseRevision = (text: string): bigint => {
  if (!/^(0|[1-9]\d*)$/.test(text))
    throw badInput(`--revision takes a revision such as 3, got "${text}"`);
  return BigInt(text);
};

/** `proof inclusion`, `proof consistency` and `proof verify`. */
export const addProofCommands = (program: Command, { io, globals, setExit }: CliContext): void => {
  const proof = program
    .command('proof')
    .description('proof bundles: check an event or two checkpoints without the store');
  proof
    .command('inclusion')
    .description('write a bundle proving an event is under a signed checkpoint')
    .requiredOption('--stream <stream>', 'the stream of the event')
    .requiredOption('--revision <revision>', 'the revision of the event in its stream')
    .requiredOption('--key <file>', 'the signer key file (NAME.key)')
    .requiredOption('--out <file>', 'where to write the bundle (JSON)')
    .option('--checkpoint <file>', 'a signed checkpoint note, or a witness file (its last entry)')
    .option('--origin <origin>', 'the name of this log, to sign a fresh checkpoint')
    .action(
      async (options: {
        stream: string;
        revision: string;
        key: string;
        out: string;
        checkpoint?: string;
        origin?: string;
      }) => {
        const revision = parseRevision(options.revision);
        const signer = readSignerKey(io, options.key);
        const given =
          options.checkpoint === undefined
            ? undefined
            : readNotedCheckpoint(io, options.checkpoint, signer.verifier);
        const origin = options.origin;
        if (given === undefined && origin === undefined)
          throw badInput('--origin is needed to sign a checkpoint (or give one with --checkpoint)');
        await withStoreToRead(io, globals(), async (store, spec) => {
          let checkpoint = given;
          if (checkpoint === undefined && origin !== undefined) {
            const signed = await signStoreCheckpoint(store, { signer, origin });
            if (E.isLeft(signed))
              throw new CliFailure(`${spec}: ${signed.left.message}`, EXIT.checkFailed);
            checkpoint = signed.right;
          }
          if (checkpoint === undefined) return;
          const bundle: InclusionProofBundle = made(
            spec,
            await inclusionProofBundle(store, { streamId: options.stream, revision }, checkpoint),
          );
          writeText(io, options.out, formatProofBundle(bundle));
          const at = `${options.stream}@${revision}`;
          if (globals().json)
            printLine(
              io,
              toJson({
                out: options.out,
                event: at,
                leafIndex: bundle.leafIndex,
                treeSize: bundle.treeSize,
                checkpoint: summary(checkpoint.checkpoint),
              }),
            );
          else
            printLine(
              io,
              `Inclusion proof of ${at}: leaf ${bundle.leafIndex} of ${bundle.treeSize} under the checkpoint of ${checkpoint.checkpoint.origin}, written to ${options.out}`,
            );
        });
      },
    );
  proof
    .command('consistency')
    .description('write a bundle proving a later checkpoint extends an earlier one')
    .requiredOption(
      '--from <file>',
      'the earlier checkpoint: a note, or a witness file (last entry)',
    )
    .requiredOption('--to <file>', 'the later checkpoint: a note, or a witness file (last entry)')
    .requiredOption('--key <file>', 'the verifier key (NAME.pub) both are signed with')
    .requiredOption('--out <file>', 'where to write the bundle (JSON)')
    .action(async (options: { from: string; to: string; key: string; out: string }) => {
      const verifier = readVerifierKey(io, options.key);
      const from = readNotedCheckpoint(io, options.from, verifier);
      const to = readNotedCheckpoint(io, options.to, verifier);
      await withStoreToRead(io, globals(), async (store, spec) => {
        const bundle: ConsistencyProofBundle = made(
          spec,
          await consistencyProofBundle(store, from, to),
        );
        writeText(io, options.out, formatProofBundle(bundle));
        if (globals().json)
          printLine(
            io,
            toJson({
              out: options.out,
              from: summary(from.checkpoint),
              to: summary(to.checkpoint),
              pathLength: bundle.path.length,
            }),
          );
        else
          printLine(
            io,
            `Consistency proof from size ${from.checkpoint.size} to ${to.checkpoint.size} of ${to.checkpoint.origin}, written to ${options.out}`,
          );
      });
    });
  proof
    .command('verify')
    .description('check a proof bundle with the verifier key alone; exit status 1 if it fails')
    .argument('<file>', 'the bundle')
    .requiredOption('--key <file>', 'the verifier key (NAME.pub) of the log')
    .action((file: string, options: { key: string }) => {
      const verifier = readVerifierKey(io, options.key);
      const checked = verifyProofBundle(readText(io, file, 'proof bundle'), verifier);
      const json = globals().json === true;
      if (E.isLeft(checked)) {
        const { problem, message, proofRejection } = checked.left;
        printLine(
          io,
          json
            ? toJson({
                verified: false,
                problem,
                ...(proofRejection === undefined ? {} : { proofRejection }),
                message,
              })
            : `NOT VERIFIED: ${problem}: ${message}`,
        );
        setExit(EXIT.checkFailed);
        return;
      }
      const v = checked.right;
      if (v.kind === 'inclusion') {
        const at = `${v.event.streamId}@${v.event.revision}`;
        printLine(
          io,
          json
            ? toJson({
                verified: true,
                kind: v.kind,
                event: at,
                eventId: v.event.eventId,
                type: v.event.type,
                leafIndex: v.leafIndex,
                checkpoint: summary(v.checkpoint),
              })
            : `Verified: ${v.event.type} ${at} is leaf ${v.leafIndex} of the tree of ${v.checkpoint.origin} at size ${v.checkpoint.size}, signed ${v.checkpoint.madeAt.toISOString()}`,
        );
      } else
        printLine(
          io,
          json
            ? toJson({ verified: true, kind: v.kind, from: summary(v.from), to: summary(v.to) })
            : `Verified: the tree of ${v.to.origin} at size ${v.to.size} extends the one at size ${v.from.size}`,
        );
      setExit(EXIT.ok);
    });
};
