import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { existsSync } from 'node:fs';
import { v4 as uuidv4 } from 'uuid';
import type { InvalidCommand } from '../../kernel/command-failure';
import { isPartialDate } from '../../kernel/partial-date';
import type { InvalidEventError } from '../../kernel/recorded-event';
import { listDataSubjects, type DataSubject } from '../../personal/data-subjects';
import { erasePersonalData, type ErasureRefused } from '../../personal/erase-personal-data';
import { WITHHELD_PLACEHOLDER } from '../../personal/sealed-data';
import { subjectIdProblem } from '../../personal/subject-id';
import { sqlitePathOf } from '../../store/open-store';
import { badInput, CliFailure, EXIT } from '../exit';
import { keysChoiceFor } from '../key-store-option';
import { printLine, toJson } from '../output';
import { storeSpec, withStore, withStoreToRead, type CliContext } from '../with-store';
import { defaultActor } from './witness';

interface EraseOptions {
  readonly reason: string;
  readonly authority: string;
  readonly decidedOn?: string;
  readonly actor: string;
  readonly onBehalfOf: string;
}

/** What `subjects` says of a subject beside their id: the name, or why there is none. */
const statusOf = (subject: DataSubject): string => {
  if (subject.erasedAt !== undefined)
    return `erased on ${subject.erasedAt.slice(0, 10)}${subject.erasedBy === undefined ? '' : ` by ${subject.erasedBy}`}`;
  if (subject.name !== undefined) return subject.name;
  return subject.values > 0 ? WITHHELD_PLACEHOLDER : '(nothing sealed)';
};

const countOf = (values: number): string => `${values} sealed value${values === 1 ? '' : 's'}`;

/** One line per subject, in columns: id, name or erasure, count of sealed values. */
const subjectLines = (subjects: readonly DataSubject[]): string[] => {
  const rows = subjects.map((s) => [s.subjectId, statusOf(s), countOf(s.values)] as const);
  const idWidth = Math.max(...rows.map(([id]) => id.length));
  const statusWidth = Math.max(...rows.map(([, status]) => status.length));
  return rows.map(
    ([id, status, count]) => `${id.padEnd(idWidth)}  ${status.padEnd(statusWidth)}  ${count}`,
  );
};

/** The exit status of a refused erasure: what the user can fix, or what the record forbids. */
const exitOfRefusal = (refusal: ErasureRefused | InvalidCommand | InvalidEventError): number => {
  if (refusal.kind === 'InvalidCommand') return EXIT.badInput;
  if (refusal.kind === 'InvalidEvent') return EXIT.checkFailed;
  switch (refusal.reason) {
    case 'noKeyStore':
    case 'datedAfterRecording':
      return EXIT.badInput;
    case 'alreadyErased':
    case 'recordUnreadable':
    case 'changed':
      return EXIT.checkFailed;
  }
};

const utcToday = (): string => new Date().toISOString().slice(0, 10);

/** `subjects` and `erase`: the data subjects a store names, and the erasure of one of them. */
export const addPersonalDataCommands = (program: Command, { io, globals }: CliContext): void => {
  program
    .command('subjects')
    .description(
      'every data subject of the store: id, name until erased (or when and on what authority it was erased), sealed values',
    )
    .action(async () =>
      withStoreToRead(io, globals(), async (store, spec) => {
        const subjects = await listDataSubjects(store);
        if (globals().json) subjects.forEach((s) => printLine(io, toJson(s)));
        else if (subjects.length === 0) printLine(io, `No data subjects in ${spec}.`);
        else subjectLines(subjects).forEach((line) => printLine(io, line));
      }),
    );

  program
    .command('erase')
    .argument('<subject>', 'the data subject id, such as person:6f0d2c4e-…')
    .description(
      "destroy a data subject's key and record the erasure: their names read as [erased on DAY by AUTHORITY] for good",
    )
    .requiredOption('--reason <text>', 'why, for the record in the store')
    .requiredOption(
      '--authority <reference>',
      'the decision or order it rests on: DPA order 2031/7',
    )
    .option('--decided-on <date>', 'when the erasure was decided (default: today, UTC)')
    .option('--actor <actor>', 'who erases, for the record in the store', defaultActor())
    .option(
      '--on-behalf-of <party or office>',
      'for whom the erasure is recorded',
      'the data controller',
    )
    .action(async (subjectId: string, options: EraseOptions) => {
      const problem = subjectIdProblem(subjectId);
      if (problem !== undefined) throw badInput(`the subject id is not one: ${problem}`);
      const occurredOn = options.decidedOn ?? utcToday();
      if (!isPartialDate(occurredOn))
        throw badInput(`--decided-on takes a date such as 2031-05-01, got "${occurredOn}"`);
      const spec = storeSpec(io, globals());
      const keys = keysChoiceFor(io, spec, globals().keys);
      if (keys.kind === 'none')
        throw badInput(
          `cannot erase ${subjectId}: ${keys.why}, so there is no key to destroy; name the key store with --keys PATH`,
        );
      // A store that is not there has nothing to erase: in the wrong folder, erasing would
      // otherwise start a new store holding only the erasure.
      const storeFile = sqlitePathOf(spec);
      if (storeFile !== undefined && !existsSync(storeFile))
        throw new CliFailure(
          `no store at ${spec}: no such file; nothing to erase (erase creates no store)`,
          EXIT.nothingToRead,
        );
      await withStore(io, globals(), async (store, shown) => {
        const erased = await erasePersonalData(
          store,
          { type: 'ErasePersonalData', subjectId, authority: options.authority, occurredOn },
          {
            commandId: uuidv4(),
            actor: options.actor,
            onBehalfOf: options.onBehalfOf,
            reason: options.reason,
            source: { kind: 'other', reference: options.authority },
          },
        );
        if (E.isLeft(erased))
          throw new CliFailure(
            `erasure refused, ${erased.left.kind === 'ErasureRefused' ? `${erased.left.reason}: ` : ''}${erased.left.message}`,
            exitOfRefusal(erased.left),
          );
        const done = erased.right;
        if (globals().json) printLine(io, toJson({ store: shown, ...done }));
        else {
          printLine(
            io,
            `Erased ${done.subjectId} at ${done.erasedAt}, on the authority of ${options.authority}`,
          );
          printLine(
            io,
            done.keyId === undefined
              ? '  no key was held for them (nothing of theirs was sealed); none will be made'
              : `  key ${done.keyId} destroyed`,
          );
          printLine(
            io,
            `  recorded in ${done.recordStreamId} at revision ${done.recordRevision} (${shown})`,
          );
        }
      });
    });
};
