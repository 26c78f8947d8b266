import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const tsxLoader = pathToFileURL(join(__dirname, '../../node_modules/tsx/dist/loader.mjs')).href;

/**
 * Starts `script` (a TypeScript file under test/support) in a new Node process with tsx's loader.
 * The script runs in that very process (the tsx command would start a second one), so a signal
 * sent to the child reaches the writer itself.
 */
export const startScript = (
  script: string,
  args: readonly string[],
): ChildProcessWithoutNullStreams =>
  spawn(process.execPath, ['--import', tsxLoader, join(__dirname, script), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });

/** Collects a child's output line by line, and lets a test wait for a given line. */
export const linesOf = (child: ChildProcessWithoutNullStreams) => {
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiting: { match: (line: string) => boolean; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of [...waiting])
        if (w.match(line)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve();
        }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  return {
    lines,
    stderr: () => stderr,
    exited,
    /** Resolves when a line equal to `line` appears; rejects if the process ends first. */
    waitFor: (line: string): Promise<void> =>
      lines.includes(line)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiting.push({ match: (l) => l === line, resolve })),
            exited.then((code) => {
              throw new Error(
                `the process ended (${String(code)}) before printing ${line}: ${stderr}`,
              );
            }),
          ]),
  };
};

/** A script's side of a start signal: resolves at the first line its test writes to stdin. */
export const waitForGo = (): Promise<void> =>
  new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.once('line', () => {
      lines.close();
      process.stdin.destroy();
      resolve();
    });
  });
