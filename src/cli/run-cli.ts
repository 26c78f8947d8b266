import { Command, CommanderError, Option } from 'commander';
import { StoreError } from '../kernel/store-errors';
import { DEFAULT_STORE_FILE } from '../store/open-store';
import { addAuditCommands } from './commands/audit';
import { addProofCommands } from './commands/proof';
import { addReadCommands } from './commands/read';
import { addRecordCommands } from './commands/record';
import { addWitnessCommands } from './commands/witness';
import { CliFailure, EXIT } from './exit';
import type { CliIo } from './output';
import type { GlobalOptions } from './with-store';

export { EXIT } from './exit';

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
  const context = { io, globals: () => program.opts<GlobalOptions>(), setExit };
  addRecordCommands(program, context);
  addReadCommands(program, context);
  addAuditCommands(program, context);
  addWitnessCommands(program, context);
  addProofCommands(program, context);
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
