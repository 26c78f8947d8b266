import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { auditTrail, formatAuditEntry, type AuditTrailOptions } from '../../audit/audit-trail';
import { formatVerificationReport, verifyAll } from '../../audit/verify';
import type { EventStore } from '../../kernel/event-store';
import { libraryEvents } from '../../projections/checkpoint';
import { badInput, EXIT } from '../exit';
import { printLine, progress, toJson, type CliIo } from '../output';
import { auditOptionsFrom } from '../parse';
import { lastRevisionOf, withStoreToRead, type CliContext } from '../with-store';
import { readCheckpoints } from './witness';

/** Prints every audit entry; an unreadable event is reported in its place and fails the run. */
export const printTrail = async (
  io: CliIo,
  store: EventStore,
  options: AuditTrailOptions,
  json: boolean,
): Promise<number> => {
  let unreadable = 0;
  for await (const entry of auditTrail(store, libraryEvents, options)) {
    if (E.isLeft(entry)) {
      unreadable++;
      if (json)
        printLine(
          io,
          toJson({ unreadable: entry.left.error.message, integrity: entry.left.integrity }),
        );
      else printLine(io, `UNREADABLE ${entry.left.error.message}`);
      continue;
    }
    printLine(io, json ? toJson(entry.right) : formatAuditEntry(entry.right));
  }
  return unreadable === 0 ? EXIT.ok : EXIT.checkFailed;
};

/** `audit trail` and `audit verify`: both only read, so both open the store read-only. */
export const addAuditCommands = (program: Command, { io, globals, setExit }: CliContext): void => {
  const audit = program.command('audit').description('the audit trail and integrity verification');
  audit
    .command('trail')
    .description('one line per recorded event: when, who, for whom, why, source, integrity')
    .option('--stream <stream>', 'only this stream')
    .option('--aggregate <name>', 'only streams of this aggregate, such as MoU')
    .option('--from <date>', 'only events recorded on or after this date or instant')
    .option('--to <date>', 'only events recorded on or before this date or instant')
    .option('--occurred-from <date>', 'only events that may have happened on or after this date')
    .option('--occurred-to <date>', 'only events that may have happened on or before this date')
    .action(async (options: Parameters<typeof auditOptionsFrom>[0]) => {
      const trailOptions = auditOptionsFrom(options);
      await withStoreToRead(io, globals(), async (store, spec) => {
        if (trailOptions.streamId !== undefined)
          await lastRevisionOf(store, trailOptions.streamId, spec);
        setExit(await printTrail(io, store, trailOptions, globals().json === true));
      });
    });
  audit
    .command('verify')
    .description(
      'recompute every integrity link, and hold the history to witnessed checkpoints; exit status 1 names the first broken event or checkpoint',
    )
    .option(
      '--checkpoint <file>',
      'a witness file: the history must hold to every checkpoint in it',
    )
    .option('--key <file>', 'the verifier key (NAME.pub) the checkpoints are signed with')
    .action(async (options: { checkpoint?: string; key?: string }) => {
      if ((options.checkpoint === undefined) !== (options.key === undefined))
        throw badInput('--checkpoint and --key go together: the witness file and its verifier key');
      const checkpoints =
        options.checkpoint === undefined || options.key === undefined
          ? []
          : readCheckpoints(io, options.checkpoint, options.key);
      await withStoreToRead(io, globals(), async (store, spec) => {
        const bar = progress(io, 'Verifying');
        const report = await verifyAll(store, {
          onProgress: bar.update,
          progressEvery: 1000,
          checkpoints,
        }).finally(() => bar.stop());
        if (globals().json)
          printLine(
            io,
            toJson({
              store: spec,
              eventsChecked: report.eventsChecked,
              intact: report.intact,
              digest: report.digest,
              firstProblem: report.firstProblem,
              problems: report.findings.length + report.checkpointFindings.length,
              treeHead: report.treeHead,
              checkpoints: report.checkpoints,
              firstCheckpointProblem: report.checkpointFindings[0],
            }),
          );
        else {
          printLine(io, `Store: ${spec}`);
          printLine(io, formatVerificationReport(report));
        }
        setExit(report.intact ? EXIT.ok : EXIT.checkFailed);
      });
    });
};
