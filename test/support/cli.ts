import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const main = join(root, 'src', 'cli', 'main.ts');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Root may write any file whatever its mode: run as `nobody` there, so a file's or a folder's
 * permissions bind the command line as they bind an auditor.
 */
export const unprivileged = (): { uid?: number; gid?: number } =>
  process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/** Runs `diplomatic-ledger ARGS` in `cwd`, as a user would, output piped. */
export const runCliProcess = (
  cwd: string,
  args: readonly string[],
  as: { uid?: number; gid?: number } = {},
): CliRun => {
  const result = spawnSync(process.execPath, [tsx, main, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    ...as,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

export const jsonLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
