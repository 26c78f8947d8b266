import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { importHistoryFile } from '../../audit/history-import';
import { recordPakistanBahrain2025 } from '../../demo/pakistan-bahrain-2025';
import type { EventStore } from '../../kernel/event-store';
import { sqlitePathOf } from '../../store/open-store';
import { badInput, CliFailure, EXIT } from '../exit';
import { printLine, progress, toJson } from '../output';
import { intoNewStoreFile } from '../staging';
import { leavingNoNewStore, storeSpec, withStore, type CliContext } from '../with-store';

/** `demo` and `import`: the commands that write, and create the store if it is missing. */
export const addRecordCommands = (program: Command, { io, globals }: CliContext): void => {
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
    .command('import')
    .argument('<file>', 'a history file written by export')
    .description('check a history file whole, then write it; nothing is written if any line fails')
    .action(async (file: string) => {
      const path = resolve(io.cwd, file);
      if (!existsSync(path)) throw badInput(`no such file: ${path}`);
      if (!statSync(path).isFile()) throw badInput(`${path} is not a file (a directory?)`);
      const storeFile = sqlitePathOf(storeSpec(io, globals()));
      const importInto = async (store: EventStore): Promise<void> => {
        const bar = progress(io, 'Importing');
        const result = await importHistoryFile(store, path, {
          onProgress: (_stage, n, total) => bar.update(n, total),
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
            `Imported ${result.right.events} events in ${result.right.streams} streams from ${path}${
              result.right.alreadyThere > 0
                ? ` (${result.right.alreadyThere} of them written by an earlier run, kept)`
                : ''
            }\n  running digest: ${result.right.digest}`,
          );
      };
      // Into a new file: it appears only once the import is complete.
      if (storeFile !== undefined && !existsSync(storeFile))
        await intoNewStoreFile(storeFile, importInto);
      // Into an existing store: a refused import writes nothing, one cut short is completed by
      // running it again.
      else await leavingNoNewStore(storeFile, () => withStore(io, globals(), importInto));
    });
};
