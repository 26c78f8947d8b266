"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Runs every `*.bench` file in this folder in turn, each in a process of its own, and prints
 * what they measure. Benchmarks print figures and assert nothing.
 *
 * `npm run bench` runs them compiled by `tsc`, as the library ships: a loader that compiles on
 * the fly (tsx) wraps every function it names, which cost the library a tenth more than the
 * compiled code. Run through tsx (`tsx test/bench/index.ts`), they pass its loader on.
 */
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const files = (0, node_fs_1.readdirSync)(__dirname)
    .filter((name) => name.endsWith(`.bench${(0, node_path_1.extname)(__filename)}`))
    .sort();
let failed = 0;
for (const file of files) {
    console.log(`\n== ${file}`);
    const run = (0, node_child_process_1.spawnSync)(process.execPath, [...process.execArgv, (0, node_path_1.join)(__dirname, file)], {
        stdio: 'inherit',
    });
    if (run.status !== 0)
        failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
