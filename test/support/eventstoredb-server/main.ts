/**
 * Runs the test server in a process of its own and prints its port on the first line of stdout.
 * Tests of `@kurrent/kurrentdb-client` use it this way: that client's generated protocol classes
 * register themselves under the same global names as `@eventstore/db-client`'s, so the two cannot
 * share one process.
 *
 * Each line on stdin is a JSON object of faults to switch on (see `Faults`); each is answered by
 * a line `ok` on stdout once it is in force.
 */
import { createInterface } from 'node:readline';
import { startTestServer } from './server';

const batchAppend = process.argv.includes('--no-batch-append') ? false : true;

startTestServer({ batchAppend })
  .then((server) => {
    process.stdout.write(`${server.port}\n`);
    const stop = (): void => {
      void server.stop().then(() => process.exit(0));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    // Stop with the parent: its end closes our stdin.
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      Object.assign(server.faults, JSON.parse(line));
      process.stdout.write('ok\n');
    });
    lines.on('close', stop);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
