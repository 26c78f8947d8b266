import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Faults } from './server';

/** The faults that can be sent to another process: all but the callbacks. */
export type ChildFaults = Partial<Omit<Faults, 'afterNextAppendWritten'>>;

export interface ChildServer {
  readonly port: number;
  /** Switches faults on in the server's process; resolves once they are in force. */
  setFaults(faults: ChildFaults): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the test server in a process of its own (see `main.ts` for why) and waits for its port. */
export const startTestServerProcess = async (
  options: { readonly batchAppend?: boolean } = {},
): Promise<ChildServer> => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 'main.ts'),
      ...(options.batchAppend === false ? ['--no-batch-append'] : []),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const acks: (() => void)[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => {
      lines.on('line', () => acks.shift()?.());
      resolve(Number(line));
    });
    child.once('exit', (code) => reject(new Error(`the test server exited early (${code})`)));
  });
  return {
    port,
    setFaults: (faults) =>
      new Promise<void>((resolve) => {
        acks.push(resolve);
        child.stdin.write(`${JSON.stringify(faults)}\n`);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
};
