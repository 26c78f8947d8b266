import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ChildServer {
  readonly port: number;
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
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(Number(line)));
    child.once('exit', (code) => reject(new Error(`the test server exited early (${code})`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
};
