import { Command, CommanderError, Option } from 'commander';
import * as E from 'fp-ts/Either';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditTrail, formatAuditEntry, type AuditTrailOptions } from '../audit/audit-trail';
import { exportHistoryToFile, importHistoryFile } from '../audit/history-file';
import {
  bilateralOverviewAsOf,
  stateAsOf,
  type AsOf,
  type StateAsOf,
} from '../audit/point-in-time';
import { formatVerificationReport, verifyAll } from '../audit/verify';
import { recordPakistanBahrain2025 } from '../demo/pakistan-bahrain-2025';
import { BilateralMeeting } from '../domain/bilateral-meeting';
import { DrugLiaisonPosting } from '../domain/drug-liaison-posting';
import { JointWorkingGroup } from '../domain/joint-working-group';
import { aggregates } from '../domain/ledger';
import { MoU } from '../domain/mou';
import { isParty, type Party } from '../domain/shared/party';
import { categoryOf } from '../kernel/event-registry';
import type { EventStore } from '../kernel/event-store';
import { isPartialDate, type PartialDate } from '../kernel/partial-date';
import type { DecodeError } from '../kernel/recorded-event';
import { StoreError } from '../kernel/store-errors';
import {
  bilateralOverviews,
  formatBilateralOverview,
  type BilateralOverview,
} from '../projections/bilateral-overview';
import { libraryEvents } from '../projections/checkpoint';
import { readCurrentStates } from '../projections/current-states';
import { readTimeline, renderMermaidTimeline, renderTextTimeline } from '../projections/timeline';
import { DEFAULT_STORE_FILE, defaultStoreSpec, openEventStore } from '../store/open-store';
import { printLine, progress, toJson, type CliIo } from './output';
import { overviewOptionsFrom, type OverviewFlags } from './overview-options';

/**
 * Exit statuses: 0 done; 1 the check failed (a broken chain, a refused import, an unreadable
 * history); 2 bad usage or input (a flag, a date, a missing file); 3 the store cannot be used.
 */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, storeUnavailable: 3 } as const;

/** A failure the command line reports as one line, with its exit status. */
class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const badInput = (message: string): CliFailure => new CliFailure(message, EXIT.badInput);

interface GlobalOptions {
  readonly store?: string;
  readonly json?: boolean;
}

const storeSpec = (io: CliIo, options: GlobalOptions): string =>
  options.store ?? defaultStoreSpec(io.cwd);

/** Opens the store named by `--store`, runs `work` on it and closes it whatever happens. */
const withStore = async <T>(
  io: CliIo,
  options: GlobalOptions,
  work: (store: EventStore, spec: string) => Promise<T>,
): Promise<T> => {
  const spec = storeSpec(io, options);
  let opened: Awaited<ReturnType<typeof openEventStore>>;
  try {
    opened = await openEventStore(spec);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliFailure(`cannot open store ${spec}: ${message}`, EXIT.storeUnavailable);
  }
  try {
    return await work(opened.store, spec);
  } finally {
    await opened.close();
  }
};

const parseParties = (text: string): [Party, Party] => {
  const codes = text.split(',').map((s) => s.trim());
  const [a, b] = codes;
  if (codes.length !== 2 || a === undefined || b === undefined || !isParty(a) || !isParty(b))
    throw badInput(`--parties takes two ISO 3166-1 alpha-2 codes such as PK,BH, got "${text}"`);
  return [a, b];
};

const parsePartialDate = (flag: string, text: string): PartialDate => {
  if (!isPartialDate(text))
    throw badInput(`${flag} takes a date such as 2025, 2025-09 or 2025-09-10, got "${text}"`);
  return text;
};

/** An instant; a bare date means the end of that day (UTC) for `to`, its start for `from`. */
const parseInstant = (flag: string, text: string, end: 'start' | 'end'): Date => {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const date = dateOnly
    ? new Date(`${text}T${end === 'end' ? '23:59:59.999' : '00:00:00.000'}Z`)
    : new Date(text);
  if (Number.isNaN(date.getTime()) || (dateOnly && !isPartialDate(text)))
    throw badInput(`${flag} takes a date or an ISO 8601 instant, got "${text}"`);
  return date;
};

const parseRevision = (text: string): bigint => {
  if (!/^(0|[1-9]\d*)$/.test(text))
    throw badInput(`--as-of-revision takes a revision such as 3, got "${text}"`);
  return BigInt(text);
};

const asOfFrom = (options: {
  asOfRecorded?: string;
  asOfOccurred?: string;
  asOfRevision?: string;
}): AsOf => ({
  ...(options.asOfRecorded === undefined
    ? {}
    : { recordedAt: parseInstant('--as-of-recorded', options.asOfRecorded, 'end') }),
  ...(options.asOfOccurred === undefined
    ? {}
    : { occurredOn: parsePartialDate('--as-of-occurred', options.asOfOccurred) }),
  ...(options.asOfRevision === undefined ? {} : { revision: parseRevision(options.asOfRevision) }),
});

/** The aggregate a stream belongs to, and the aggregate's id, or a clear refusal. */
const aggregateOfStream = (streamId: string): { aggregate: string; id: string } => {
  const category = categoryOf(streamId);
  if (!aggregates.some((a) => a.name === category) || streamId.length <= category.length + 1)
    throw badInput(
      `"${streamId}" is not a stream of this library; streams are named <aggregate>-<id> with an aggregate among ${aggregates.map((a) => a.name).join(', ')}`,
    );
  return { aggregate: category, id: streamId.slice(category.length + 1) };
};

/** The state of any stream as of a point in time, whichever aggregate it belongs to. */
const stateOfStream = async (
  store: EventStore,
  streamId: string,
  asOf: AsOf,
): Promise<E.Either<DecodeError, StateAsOf<unknown>>> => {
  const { aggregate, id } = aggregateOfStream(streamId);
  switch (aggregate) {
    case MoU.name:
      return stateAsOf(store, MoU, id, asOf);
    case JointWorkingGroup.name:
      return stateAsOf(store, JointWorkingGroup, id, asOf);
    case DrugLiaisonPosting.name:
      return stateAsOf(store, DrugLiaisonPosting, id, asOf);
    default:
      return stateAsOf(store, BilateralMeeting, id, asOf);
  }
};

const auditOptionsFrom = (options: {
  stream?: string;
  aggregate?: string;
  from?: string;
  to?: string;
  occurredFrom?: string;
  occurredTo?: string;
}): AuditTrailOptions => {
  if (options.aggregate !== undefined && !aggregates.some((a) => a.name === options.aggregate))
    throw badInput(
      `--aggregate takes one of ${aggregates.map((a) => a.name).join(', ')}, got "${options.aggregate}"`,
    );
  return {
    ...(options.stream === undefined ? {} : { streamId: options.stream }),
    ...(options.aggregate === undefined ? {} : { aggregate: options.aggregate }),
    ...(options.from === undefined
      ? {}
      : { recordedFrom: parseInstant('--from', options.from, 'start') }),
    ...(options.to === undefined ? {} : { recordedTo: parseInstant('--to', options.to, 'end') }),
    ...(options.occurredFrom === undefined
      ? {}
      : { occurredFrom: parsePartialDate('--occurred-from', options.occurredFrom) }),
    ...(options.occurredTo === undefined
      ? {}
      : { occurredTo: parsePartialDate('--occurred-to', options.occurredTo) }),
  };
};

/** Prints every audit entry; an unreadable event is reported in its place and fails the run. */
const printTrail = async (
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

const build = (io: CliIo, setExit: (code: number) => void): Command => {
  const program = new Command('diplomatic-ledger')
    .description('Record and audit diplomatic and security engagements between states.')
    .addOption(
      new Option(
        '--store <spec>',
        `memory | sqlite:PATH | esdb://HOST:PORT?tls=false (default: sqlite:./${DEFAULT_STORE_FILE})`,
      ),
    )
    .option('--json', 'machine-readable output: one JSON value per line')
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) =>
        write(`diplomatic-ledger: ${text.replace(/^error: /, '').trim()}\n`),
    })
    .exitOverride();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command('demo')
    .description('record the Pakistan–Bahrain case of 10 September 2025 (as the example does)')
    .action(async () =>
      withStore(io, globals(), async (store, spec) => {
        const count = async (): Promise<number> => {
          let n = 0;
          for await (const _ of store.readAll()) n++;
          return n;
        };
        const before = await count();
        await recordPakistanBahrain2025(store);
        const after = await count();
        const result = { store: spec, eventsRecorded: after - before, eventsInStore: after };
        if (globals().json) printLine(io, toJson(result));
        else {
          printLine(io, `Store: ${spec}`);
          printLine(
            io,
            after === before
              ? `The Pakistan–Bahrain case of 10 September 2025 is already recorded (${after} events in the store).`
              : `Recorded the Pakistan–Bahrain case of 10 September 2025: ${after - before} events (${after} in the store).`,
          );
        }
      }),
    );

  program
    .command('history')
    .argument('<stream>', 'a stream, such as MoU-pk-bh-extradition')
    .description('every event of one stream, with who recorded it, when, why and on what source')
    .action(async (stream: string) =>
      withStore(io, globals(), async (store) => {
        aggregateOfStream(stream);
        setExit(await printTrail(io, store, { streamId: stream }, globals().json === true));
      }),
    );

  program
    .command('state')
    .argument('<stream>', 'a stream, such as MoU-pk-bh-extradition')
    .description('the state of one engagement, now or as of a point in time')
    .option('--as-of-recorded <instant>', 'what the record said then (a date means its end)')
    .option('--as-of-occurred <date>', 'what was true on that date by the record used')
    .option('--as-of-revision <revision>', 'the stream as it stood after that revision')
    .action(
      async (
        stream: string,
        options: { asOfRecorded?: string; asOfOccurred?: string; asOfRevision?: string },
      ) => {
        aggregateOfStream(stream);
        const asOf = asOfFrom(options);
        await withStore(io, globals(), async (store) => {
          const result = await stateOfStream(store, stream, asOf);
          if (E.isLeft(result)) throw new CliFailure(result.left.message, EXIT.checkFailed);
          const { state, revision, eventsApplied } = result.right;
          if (globals().json) printLine(io, toJson({ stream, revision, eventsApplied, state }));
          else {
            printLine(io, `${stream} (revision ${revision ?? 'none'}, ${eventsApplied} events)`);
            printLine(io, JSON.stringify(state, null, 2));
          }
        });
      },
    );

  program
    .command('overview')
    .description('every JWG, MoU and posting per pair of parties, with what is still to do')
    .option('--parties <A,B>', 'one pair of parties, such as PK,BH')
    .option('--as-of-recorded <instant>', 'what the record said then (a date means its end)')
    .option('--as-of-occurred <date>', 'what was true on that date by the record used')
    .option('--dormant-as-of <date>', 'judge on this date which groups have gone quiet')
    .option('--dormant-after-months <n>', 'months without a meeting that make a group dormant (12)')
    .action(async (options: { parties?: string; asOfRecorded?: string } & OverviewFlags) => {
      const parties = options.parties === undefined ? undefined : parseParties(options.parties);
      const asOf = asOfFrom(options);
      const overviewOptions = overviewOptionsFrom(options);
      if (E.isLeft(overviewOptions)) throw badInput(overviewOptions.left);
      await withStore(io, globals(), async (store) => {
        let overviews: BilateralOverview[];
        if (parties !== undefined) {
          const one = await bilateralOverviewAsOf(store, parties, asOf, overviewOptions.right);
          if (E.isLeft(one)) throw new CliFailure(one.left.message, EXIT.checkFailed);
          overviews = [one.right];
        } else if (asOf.recordedAt === undefined && asOf.occurredOn === undefined) {
          const states = await readCurrentStates(store);
          if (E.isLeft(states)) throw new CliFailure(states.left.message, EXIT.checkFailed);
          overviews = bilateralOverviews(states.right, overviewOptions.right);
        } else throw badInput('--as-of-recorded and --as-of-occurred need --parties');
        if (globals().json) overviews.forEach((o) => printLine(io, toJson(o)));
        else if (overviews.length === 0) printLine(io, 'Nothing is recorded yet.');
        else printLine(io, overviews.map(formatBilateralOverview).join('\n\n'));
      });
    });

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
      await withStore(io, globals(), async (store) => {
        setExit(await printTrail(io, store, trailOptions, globals().json === true));
      });
    });
  audit
    .command('verify')
    .description('recompute every integrity link; exit status 1 names the first broken event')
    .action(async () =>
      withStore(io, globals(), async (store, spec) => {
        const bar = progress(io, 'Verifying');
        const report = await verifyAll(store, {
          onProgress: bar.update,
          progressEvery: 1000,
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
              problems: report.findings.length,
            }),
          );
        else {
          printLine(io, `Store: ${spec}`);
          printLine(io, formatVerificationReport(report));
        }
        setExit(report.intact ? EXIT.ok : EXIT.checkFailed);
      }),
    );

  program
    .command('export')
    .description('write the whole history as JSON Lines, integrity links included')
    .requiredOption('--out <file>', 'the file to write')
    .action(async (options: { out: string }) =>
      withStore(io, globals(), async (store) => {
        const bar = progress(io, 'Exporting');
        const path = resolve(io.cwd, options.out);
        const written = await exportHistoryToFile(store, path, { onProgress: bar.update }).finally(
          () => bar.stop(),
        );
        if (globals().json) printLine(io, toJson({ file: path, ...written }));
        else
          printLine(
            io,
            `Exported ${written.events} events to ${path}\n  running digest: ${written.digest}`,
          );
      }),
    );

  program
    .command('import')
    .argument('<file>', 'a history file written by export')
    .description('check a history file whole, then write it; nothing is written if any line fails')
    .action(async (file: string) => {
      const path = resolve(io.cwd, file);
      if (!existsSync(path)) throw badInput(`no such file: ${path}`);
      await withStore(io, globals(), async (store) => {
        const bar = progress(io, 'Importing');
        const result = await importHistoryFile(store, path, {
          onProgress: (_stage, n) => bar.update(n),
        }).finally(() => bar.stop());
        if (E.isLeft(result))
          throw new CliFailure(
            `import refused, nothing written: ${result.left.message}`,
            EXIT.checkFailed,
          );
        if (globals().json) printLine(io, toJson({ file: path, ...result.right }));
        else
          printLine(
            io,
            `Imported ${result.right.events} events in ${result.right.streams} streams from ${path}\n  running digest: ${result.right.digest}`,
          );
      });
    });

  program
    .command('timeline')
    .description('every event by the date it happened')
    .addOption(
      new Option('--format <format>', 'text or mermaid')
        .choices(['text', 'mermaid'])
        .default('text'),
    )
    .action(async (options: { format: 'text' | 'mermaid' }) =>
      withStore(io, globals(), async (store) => {
        const timeline = await readTimeline(store);
        if (E.isLeft(timeline)) throw new CliFailure(timeline.left.message, EXIT.checkFailed);
        if (globals().json) timeline.right.forEach((entry) => printLine(io, toJson(entry)));
        else
          printLine(
            io,
            options.format === 'mermaid'
              ? renderMermaidTimeline(timeline.right)
              : renderTextTimeline(timeline.right),
          );
      }),
    );

  return program;
};

/**
 * Runs the command line on `argv` (without the node and script names) and resolves with the exit
 * status. Every failure is one line on standard error, without a stack trace.
 */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  let exitCode: number = EXIT.ok;
  const program = build(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError)
      // Help and version end here too, with status 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`diplomatic-ledger: ${message.split('\n')[0] ?? message}\n`);
    if (error instanceof CliFailure) return error.exitCode;
    if (error instanceof StoreError) return EXIT.storeUnavailable;
    return EXIT.checkFailed;
  }
};
