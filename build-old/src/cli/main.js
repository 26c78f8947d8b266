#!/usr/bin/env node
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const run_cli_1 = require("./run-cli");
(0, run_cli_1.runCli)(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
}).then((code) => {
    process.exitCode = code;
}, (error) => {
    process.stderr.write(`diplomatic-ledger: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
});
