import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { verifyAll } from '../../src/audit/verify';
import { currentStatesProjection } from '../../src/projections';
import { startProjection } from '../../src/projections/runner';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { handleCommand } from '../../src/kernel/command-handler';
import { MoU } from '../../src/domain/mou';
import { context as commandContext } from '../support/context';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';

const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({
  exporter: metricExporter,
  exportIntervalMillis: 60_000,
});

beforeAll(() => {
  context.setGlobalContextManager(new AsyncHooksContextManager().enable());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  );
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
});

afterAll(async () => {
  await reader.shutdown();
  metrics.disable();
  trace.disable();
  context.disable();
});

const store = createInMemoryEventStore({ now: () => new Date('2025-09-11T09:00:00Z') });
beforeAll(async () => {
  await recordPakistanBahrain2025(store);
});
beforeEach(() => spans.reset());

describe('telemetry of audits and projections', () => {
  it('spans a verification with what it found', async () => {
    const report = await verifyAll(store);
    const [span, ...others] = spans.getFinishedSpans().filter((s) => s.name === 'audit.verify');
    expect(others).toHaveLength(0);
    expect(span?.attributes).toEqual({
      'ledger.checkpoints': 0,
      'ledger.intact': true,
      'ledger.events_checked': report.eventsChecked,
      'ledger.findings': 0,
    });
    expect(report.eventsChecked).toBeGreaterThan(0);
  });

  it('spans each batch a projection checkpoints', async () => {
    const runner = startProjection(store, currentStatesProjection, {
      checkpoint: { every: 5, onCaughtUp: true },
    });
    await runner.caughtUp();
    expect((await runner.stop()).kind).not.toBe('failed');
    const batches = spans
      .getFinishedSpans()
      .filter((s) => s.name === `projection.checkpoint ${currentStatesProjection.name}`);
    expect(batches.length).toBeGreaterThan(1);
    const sizes = batches.map((s) => s.attributes['ledger.events']);
    expect(sizes.slice(0, -1).every((n) => n === 5)).toBe(true);
    const positions = batches.map((s) => BigInt(String(s.attributes['ledger.position'])));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
  });

  it('measures how far behind the record a live projection applies events, and only live', async () => {
    const runner = startProjection(store, currentStatesProjection, { checkpoint: false });
    await runner.caughtUp();
    const recorded = await handleCommand(
      store,
      MoU,
      {
        type: 'ProposeMoU',
        mouId: 'telemetry-lag',
        title: 'Memorandum of Understanding on Lag',
        subject: 'narcotics',
        parties: ['PK', 'BH'],
        proposedBy: 'PK',
        legalCharacter: 'nonBinding',
        occurredOn: '2025-09-10',
      },
      commandContext(),
    );
    expect(recorded._tag).toBe('Right');
    const last = await (async () => {
      let position = -1n;
      for await (const event of store.readAll({ direction: 'backwards', maxCount: 1 }))
        position = event.position;
      return position;
    })();
    await runner.reached(last);
    await runner.stop();
    await reader.forceFlush();
    const lag = metricExporter
      .getMetrics()
      .at(-1)
      ?.scopeMetrics.flatMap((scope) => scope.metrics)
      .find((m) => m.descriptor.name === 'ledger.projection.lag') as
      HistogramMetricData | undefined;
    // The history recorded before the runner caught up is not lag; the one live event is.
    expect(lag?.dataPoints.map((p) => [p.attributes, p.value.count])).toEqual([
      [{ 'ledger.projection': currentStatesProjection.name }, 1],
    ]);
  });
});
