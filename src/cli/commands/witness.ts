import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import { pathIn, readText } from '../files';
import {
  generateSigningKey,
  parseSignerKey,
  parseVerifierKey,
  type SignerKey,
  type VerifierKey,
} from '../../audit/note-keys';
import { hashToBase64 } from '../../audit/merkle-tree';
import { checkpointsOfWitnessFile, signStoreCheckpoint } from '../../audit/witnessing';
import type { Checkpoint } from '../../audit/tree-checkpoint';
import { badInput, CliFailure, EXIT } from '../exit';
import { printLine, toJson, type CliIo } from '../output';
import { withStore, withStoreToRead, type CliContext } from '../with-store';

/** The key in a file written by `keys generate`, trimmed of its final newline. */
const readKey = <K>(
  io: CliIo,
  path: string,
  parse: (text: string) => E.Either<{ readonly message: string }, K>,
  what: string,
): K => {
  const key = parse(readText(io, path, what).trim());
  if (E.isLeft(key)) throw badInput(`${path} holds no ${what}: ${key.left.message}`);
  return key.right;
};

export const readSignerKey = (io: CliIo, path: string): SignerKey =>
  readKey(io, path, parseSignerKey, 'signer key');

export const readVerifierKey = (io: CliIo, path: string): VerifierKey =>
  readKey(io, path, parseVerifierKey, 'verifier key');

/** The checkpoints of a witness file, each signed by the key in `keyPath`. */
export const readCheckpoints = (io: CliIo, file: string, keyPath: string): Checkpoint[] => {
  const checkpoints = checkpointsOfWitnessFile(
    readText(io, file, 'witness file'),
    readVerifierKey(io, keyPath),
  );
  if (E.isLeft(checkpoints))
    throw new CliFailure(`${file}: ${checkpoints.left.message}`, EXIT.checkFailed);
  return checkpoints.right;
};

interface CheckpointOptions {
  readonly key: string;
  readonly origin: string;
  readonly witness?: string;
  readonly actor: string;
  readonly reason: string;
  readonly record: boolean;
}

/** Who runs the command, as the record of a checkpoint names them by default. */
export const defaultActor = (): string => {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `diplomatic-ledger@${hostname()}`;
  }
};

/** A key name as a file name: characters a path would read otherwise become `_`. */
const fileNameOf = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_');

/** `keys generate` and `checkpoint`. */
export const addWitnessCommands = (program: Command, { io, globals }: CliContext): void => {
  const keys = program.command('keys').description('signing keys for checkpoints');
  keys
    .command('generate')
    .description('a new Ed25519 key: NAME.key (secret, mode 0600) and NAME.pub (verifier key)')
    .requiredOption('--name <name>', 'the key name, usually the log origin: records.example/ledger')
    .requiredOption('--out <dir>', 'the directory to write both files to')
    .action((options: { name: string; out: string }) => {
      const generated = generateSigningKey(options.name);
      if (E.isLeft(generated)) throw badInput(generated.left.message);
      const base = join(pathIn(io, options.out), fileNameOf(options.name));
      const [secret, pub] = [`${base}.key`, `${base}.pub`];
      for (const file of [secret, pub])
        if (existsSync(file)) throw badInput(`${file} exists already; a key is never overwritten`);
      try {
        writeFileSync(secret, `${generated.right.signerKey}\n`, { mode: 0o600, flag: 'wx' });
        writeFileSync(pub, `${generated.right.verifierKey}\n`, { mode: 0o644, flag: 'wx' });
      } catch (error) {
        throw badInput(
          `cannot write the key: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (globals().json)
        printLine(
          io,
          toJson({
            name: options.name,
            signerKeyFile: secret,
            verifierKeyFile: pub,
            verifierKey: generated.right.verifierKey,
          }),
        );
      else {
        printLine(io, `Signer key (keep it secret, never in the store): ${secret}`);
        printLine(io, `Verifier key: ${pub}`);
        printLine(io, `  ${generated.right.verifierKey}`);
      }
    });

  program
    .command('checkpoint')
    .description('verify the store, then sign a checkpoint of its tree head and print it')
    .requiredOption('--key <file>', 'the signer key file written by keys generate')
    .requiredOption('--origin <origin>', 'the name of this log; never reuse it for another')
    .option('--witness <file>', 'append the checkpoint to this witness file too')
    .option('--actor <actor>', 'who signs it, for the record in the store', defaultActor())
    .option(
      '--reason <reason>',
      'why, for the record in the store',
      'a checkpoint of the tree head',
    )
    .option(
      '--no-record',
      'only sign and print it: do not record it in the store (which is then only read)',
    )
    .action(async (options: CheckpointOptions) => {
      const signer = readSignerKey(io, options.key);
      const open = options.record ? withStore : withStoreToRead;
      await open(io, globals(), async (store, spec) => {
        const signed = await signStoreCheckpoint(store, {
          signer,
          origin: options.origin,
          ...(options.record
            ? {
                record: {
                  commandId: uuidv4(),
                  actor: options.actor,
                  onBehalfOf: options.origin,
                  reason: options.reason,
                  source: { kind: 'other', reference: `checkpoint signed with ${signer.name}` },
                },
              }
            : {}),
        });
        if (E.isLeft(signed))
          throw new CliFailure(`${spec}: ${signed.left.message}`, EXIT.checkFailed);
        if (options.witness !== undefined)
          appendFileSync(pathIn(io, options.witness), signed.right.witnessEntry);
        const { checkpoint, note } = signed.right;
        if (globals().json)
          printLine(
            io,
            toJson({
              origin: checkpoint.origin,
              size: checkpoint.size,
              rootHash: hashToBase64(checkpoint.rootHash),
              madeAt: checkpoint.madeAt,
              note,
              ...(options.witness === undefined ? {} : { witness: options.witness }),
            }),
          );
        else io.stdout.write(note);
      });
    });
};
