/**
 * What telemetry costs a command: the workload's 18,000 in-memory commands (with a state cache)
 * in processes of their own, three ways, alternating round after round:
 *
 * - `absent`: `@opentelemetry/api` not installed (hidden from the process), so the library makes
 *   no telemetry call at all;
 * - `no SDK`: the API installed and no SDK registered, the usual case of a library's users, where
 *   every span and instrument is the API's own no-op;
 * - `SDK`: the OpenTelemetry SDK registered, every span recorded and handed to an exporter that
 *   drops it, and the metrics kept by a reader.
 *
 * Each process runs the commands three times after a warm-up and reports its best; the table gives
 * the medians and each way's time over `absent`'s in the same round.
 *
 * Environment: BENCH_ROUNDS (default 5).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/Either';
import { MoU } from '../../src/domain/mou';
import { handleCommand } from '../../src/kernel/command-handler';
import { createStateCache } from '../../src/kernel/state-cache';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { markdownTable, summarise } from './support/report';
import { buildWorkload, recordingIn2040 } from './support/workload';
import { envInt } from './support/env';

const ROUNDS = envInt('BENCH_ROUNDS', 5);
const WAYS = ['absent', 'no SDK', 'SDK'] as const;
type Way = (typeof WAYS)[number];

/** Preloaded into the `absent` processes: resolving the API fails as if it were not installed. */
const HIDE_API = `
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === '@opentelemetry/api') {
    throw Object.assign(new Error("Cannot find module '@opentelemetry/api'"), { code: 'MODULE_NOT_FOUND' });
  }
  return resolve.call(this, request, ...rest);
};
`;

const registerSdk = async (): Promise<void> => {
  const api = await import('@opentelemetry/api');
  const { AsyncHooksContextManager } = await import('@opentelemetry/context-async-hooks');
  const { BasicTracerProvider, SimpleSpanProcessor } =
    await import('@opentelemetry/sdk-trace-base');
  const { MeterProvider, PeriodicExportingMetricReader, InMemoryMetricExporter } =
    await import('@opentelemetry/sdk-metrics');
  api.context.setGlobalContextManager(new AsyncHooksContextManager().enable());
  const dropping = {
    export: (_spans: unknown, done: (result: { code: number }) => void) => done({ code: 0 }),
    shutdown: async () => undefined,
  };
  api.trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(dropping)] }),
  );
  api.metrics.setGlobalMeterProvider(
    new MeterProvider({
      readers: [
        new PeriodicExportingMetricReader({
          exporter: new InMemoryMetricExporter(0),
          exportIntervalMillis: 3_600_000,
        }),
      ],
    }),
  );
};

/** One process's figure: the best of three runs of the commands, in ms. */
const child = async (way: Way): Promise<void> => {
  if (way === 'SDK') await registerSdk();
  const work = buildWorkload();
  const times: number[] = [];
  for (let run = 0; run < 4; run++) {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const cache = createStateCache();
    const started = performance.now();
    for (const { command, context } of work) {
      const result = await handleCommand(store, MoU, command, context, { cache });
      if (E.isLeft(result)) throw new Error(result.left.message);
    }
    if (run > 0) times.push(performance.now() - started);
  }
  process.stdout.write(JSON.stringify({ ms: Math.min(...times), commands: work.length }));
};

const main = (): void => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-telemetry-'));
  try {
    const hide = join(directory, 'hide-api.js');
    writeFileSync(hide, HIDE_API);
    const samples = new Map<Way, number[]>(WAYS.map((way) => [way, []]));
    const ratios = new Map<Way, number[]>(WAYS.map((way) => [way, []]));
    let commands = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? WAYS : [...WAYS].reverse();
      const inRound = new Map<Way, number>();
      for (const way of order) {
        const preload = way === 'absent' ? ['--require', hide] : [];
        const run = spawnSync(
          process.execPath,
          [...process.execArgv, ...preload, __filename, 'child', way],
          { encoding: 'utf8' },
        );
        if (run.status !== 0) throw new Error(`the ${way} run failed: ${run.stderr}`);
        const figure = JSON.parse(run.stdout) as { ms: number; commands: number };
        commands = figure.commands;
        inRound.set(way, figure.ms);
        samples.get(way)?.push(figure.ms);
      }
      for (const way of WAYS)
        ratios.get(way)?.push((inRound.get(way) ?? Number.NaN) / (inRound.get('absent') ?? 1));
      console.log(
        `round ${round + 1}: ${WAYS.map((way) => `${way} ${inRound.get(way)?.toFixed(0)} ms`).join(', ')}`,
      );
    }
    console.log(
      markdownTable(
        [
          'telemetry',
          `ms for ${commands} commands (min–max)`,
          'µs a command',
          'of absent (min–max)',
        ],
        WAYS.map((way) => {
          const ms = summarise(samples.get(way) ?? []);
          const ratio = summarise(ratios.get(way) ?? []);
          return [
            way,
            `${ms.median.toFixed(0)} (${ms.min.toFixed(0)}–${ms.max.toFixed(0)})`,
            ((ms.median * 1000) / commands).toFixed(1),
            `${ratio.median.toFixed(3)} (${ratio.min.toFixed(3)}–${ratio.max.toFixed(3)})`,
          ];
        }),
      ),
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

const [mode, way] = process.argv.slice(2);
if (mode === 'child' && (WAYS as readonly string[]).includes(way ?? ''))
  child(way as Way).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
else main();
