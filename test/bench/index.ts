/**
 * Runs every `*.bench` file in this folder in turn, each in a process of its own, and prints
 * what they measure. Benchmarks print figures and assert nothing.
 *
 * `npm run bench` runs them compiled by `tsc`, as the library ships: a loader that compiles on
 * the fly (tsx) wraps every function it names, which cost the library a tenth more than the
 * compiled code. Run through tsx (`tsx test/bench/index.ts`), they pass its loader on.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

const files = readdirSync(__dirname)
  .filter((name) => name.endsWith(`.bench${extname(__filename)}`))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, [...process.execArgv, join(__dirname, file)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
