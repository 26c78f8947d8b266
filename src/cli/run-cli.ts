import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../kernel/store-errors';
import { DEFAULT_STORE_FILE } from '../store/open-store';
import { addAuditCommands } from './commands/audit';
import { addPersonalDataCommands } from './commands/personal';
import { addProofCommands } from './commands/proof';
import { addReadCommands } from './commands/read';
import { addRecordCommands } from './commands/record';
import { addWitnessCommands } from './commands/witness';
import { CliFailure, EXIT } from './exit';
import type { CliIo } from './output';
import type { GlobalOptions } from './with-store';

export { EXIT } from './exit';

/** The package's version: package.json sits two folders up from here, in the sources as built. */
const version = (): string => {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    // Built somewhere else than the package (a test's own build): nothing to say.
    return 'unknown';
  }
};

/**
 * A failure as the user asked to read output: one line of text, or with `--json` one JSON object
 * (`{"error": {"message", "exitCode"}}`) on standard error.
 */
const failureLine = (json: boolean, message: string, exitCode: number): string =>
  json
    ? `${JSON.stringify({ error: { message, exitCode } })}\n`
    : `diplomatic-ledger: ${message}\n`;

/** Whether `--json` is among the options (before any `--`), known before they are parsed. */
const wantsJson = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
};

const build = (io: CliIo, setExit: (code: number) => void, json: boolean): Command => {
  const program = new Command('diplomatic-ledger')
    .description('Record and audit diplomatic and security engagements between states.')
    .version(version(), '-V, --version', 'print the version and exit')
    .addOption(
      new Option(
        '--store <spec>',
        `memory | sqlite:PATH | postgres://USER@HOST/DB | esdb://HOST:PORT?tls=false (default: sqlite:./${DEFAULT_STORE_FILE})`,
      ),
    )
    .option(
      '--keys <path|none>',
      'the key store file that seals and opens names (default: beside a sqlite: store, PATH.keys.db; in memory for memory; none for a server store)',
    )
    .option('--json', 'machine-readable output: one JSON value per line')
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) =>
        write(failureLine(json, text.replace(/^error: /, '').trim(), EXIT.badInput)),
    })
    .exitOverride();
  const context = { io, globals: () => program.opts<GlobalOptions>(), setExit };
  addRecordCommands(program, context);
  addReadCommands(program, context);
  addAuditCommands(program, context);
  addWitnessCommands(program, context);
  addProofCommands(program, context);
  addPersonalDataCommands(program, context);
  return program;
};

/**
 * Runs the command line on `argv` (without the node and script names) and resolves with the exit
 * status. Every failure is one line on standard error, without a stack trace.
 */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  let exitCode: number = EXIT.ok;
  const json = wantsJson(argv);
  const program = build(
    io,
    (code) => {
      exitCode = code;
    },
    json,
  );
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError)
      // Help and version end here too, with status 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    const message = error instanceof Error ? error.message : String(error);
    const code =
      error instanceof CliFailure
        ? error.exitCode
        : error instanceof StoreError
          ? EXIT.storeUnavailable
          : EXIT.checkFailed;
    io.stderr.write(failureLine(json, message.split('\n')[0] ?? message, code));
    return code;
  }
};
