import { Option, type Command } from 'commander';
import * as E from 'fp-ts/Either';
import { resolve } from 'node:path';
import { exportHistoryToFile } from '../../audit/history-file';
import {
  bilateralOverviewAsOf,
  stateAsOf,
  type AsOf,
  type StateAsOf,
} from '../../audit/point-in-time';
import { BilateralMeeting } from '../../domain/bilateral-meeting';
import { DrugLiaisonPosting } from '../../domain/drug-liaison-posting';
import { JointWorkingGroup } from '../../domain/joint-working-group';
import { MoU } from '../../domain/mou';
import type { EventStore } from '../../kernel/event-store';
import type { DecodeError } from '../../kernel/recorded-event';
import {
  bilateralOverviews,
  formatBilateralOverview,
  type BilateralOverview,
} from '../../projections/bilateral-overview';
import { readCurrentStates } from '../../projections/current-states';
import {
  readTimeline,
  renderMermaidTimeline,
  renderTextTimeline,
} from '../../projections/timeline';
import { badInput, CliFailure, EXIT } from '../exit';
import { printLine, progress, toJson } from '../output';
import { overviewOptionsFrom, type OverviewFlags } from '../overview-options';
import { aggregateOfStream, asOfFrom, parseParties } from '../parse';
import { lastRevisionOf, withStoreToRead, type CliContext } from '../with-store';
import { printTrail } from './audit';

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

/** `history`, `state`, `overview`, `export` and `timeline`: they only read, so read-only. */
export const addReadCommands = (program: Command, { io, globals, setExit }: CliContext): void => {
  program
    .command('history')
    .argument('<stream>', 'a stream, such as MoU-pk-bh-extradition')
    .description('every event of one stream, with who recorded it, when, why and on what source')
    .action(async (stream: string) => {
      aggregateOfStream(stream);
      await withStoreToRead(io, globals(), async (store, spec) => {
        await lastRevisionOf(store, stream, spec);
        setExit(await printTrail(io, store, { streamId: stream }, globals().json === true));
      });
    });

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
        await withStoreToRead(io, globals(), async (store, spec) => {
          const last = await lastRevisionOf(store, stream, spec);
          // Clamped, a revision past the end would answer as if it had been recorded.
          if (asOf.revision !== undefined && asOf.revision > last)
            throw new CliFailure(
              `--as-of-revision ${asOf.revision} is past the end of ${stream}: its last revision is ${last}`,
              EXIT.noSuchStream,
            );
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
      if (parties === undefined && (asOf.recordedAt !== undefined || asOf.occurredOn !== undefined))
        throw badInput('--as-of-recorded and --as-of-occurred need --parties');
      await withStoreToRead(io, globals(), async (store) => {
        let overviews: BilateralOverview[];
        if (parties !== undefined) {
          const one = await bilateralOverviewAsOf(store, parties, asOf, overviewOptions.right);
          if (E.isLeft(one)) throw new CliFailure(one.left.message, EXIT.checkFailed);
          overviews = [one.right];
        } else {
          const states = await readCurrentStates(store);
          if (E.isLeft(states)) throw new CliFailure(states.left.message, EXIT.checkFailed);
          overviews = bilateralOverviews(states.right, overviewOptions.right);
        }
        if (globals().json) overviews.forEach((o) => printLine(io, toJson(o)));
        else if (overviews.length === 0) printLine(io, 'Nothing is recorded yet.');
        else printLine(io, overviews.map(formatBilateralOverview).join('\n\n'));
      });
    });

  program
    .command('export')
    .description('write the whole history as JSON Lines, integrity links included')
    .requiredOption('--out <file>', 'the file to write')
    .action(async (options: { out: string }) =>
      withStoreToRead(io, globals(), async (store) => {
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
    .command('timeline')
    .description('every event by the date it happened')
    .addOption(
      new Option('--format <format>', 'text or mermaid')
        .choices(['text', 'mermaid'])
        .default('text'),
    )
    .action(async (options: { format: 'text' | 'mermaid' }) =>
      withStoreToRead(io, globals(), async (store) => {
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
};
