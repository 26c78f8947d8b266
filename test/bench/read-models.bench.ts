/**
 * The command line's read models at size: `overview` and `timeline` (text and JSON) over
 * embedded stores of 50,000, 100,000 and 200,000 events, each command in a process of its own,
 * its output thrown away. Prints each run's time and peak RSS (the kernel's `maxRSS`), so that
 * how memory grows with the history shows side by side.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAuditHistory } from './support/audit-history';

const SIZES = (process.env.BENCH_READ_MODEL_STREAMS ?? '5000,10000,20000').split(',').map(Number);
const main = join(__dirname, '..', '..', 'src', 'cli', 'main.js');

const commands: Record<string, readonly string[]> = {
  overview: ['overview'],
  'overview --json': ['--json', 'overview'],
  timeline: ['timeline'],
  'timeline --json': ['--json', 'timeline'],
};

const run = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-read-models-'));
  // Loaded before the command: reports the process's peak RSS as it exits.
  const probe = join(dir, 'peak.js');
  writeFileSync(
    probe,
    "process.on('exit', () => require('node:fs').writeSync(2, `\\npeak ${process.resourceUsage().maxRSS}\\n`));\n",
  );
  try {
    const rows: string[] = [];
    for (const streams of SIZES) {
      const file = join(dir, `store-${streams}.db`);
      await writeAuditHistory(file, streams);
      for (const [name, args] of Object.entries(commands)) {
        const started = performance.now();
        const ran = spawnSync(
          process.execPath,
          ['--require', probe, main, '--store', `sqlite:${file}`, ...args],
          { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 24 },
        );
        const ms = performance.now() - started;
        const peak = /peak (\d+)/.exec(ran.stderr)?.[1];
        if (ran.status !== 0 || peak === undefined)
          throw new Error(`${name} on ${streams * 10} events failed: ${ran.stderr.slice(-500)}`);
        rows.push(
          `  ${name.padEnd(16)} ${(streams * 10).toLocaleString('en').padStart(8)} events  ${(ms / 1000).toFixed(1).padStart(5)} s  peak RSS ${(Number(peak) / 1024).toFixed(0).padStart(4)} MB`,
        );
        console.log(rows[rows.length - 1]);
      }
      rmSync(file, { force: true });
    }
    console.log(`\nRead models at size (one run each)\n${rows.join('\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

void run();
