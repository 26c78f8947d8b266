import { context, trace } from '@opentelemetry/api';
import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { verifyAll } from '../../src/audit/verify';
import { currentStatesProjection } from '../../src/projections';
import { startProjection } from '../../src/projections/runner';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';

const spans = new InMemorySpanExporter();

beforeAll(() => {
  context.setGlobalContextManager(new AsyncHooksContextManager().enable());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  );
});

afterAll(() => {
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
});
