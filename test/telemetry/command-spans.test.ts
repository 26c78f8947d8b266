import { context, metrics, trace, type Attributes } from '@opentelemetry/api';
import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import * as E from 'fp-ts/Either';
import { MoU, type MoUCommand } from '../../src/domain/mou';
import { handleCommand } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { ConcurrencyConflictError, StoreUnavailableError } from '../../src/kernel/store-errors';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context as commandContext, recordingIn2040 } from '../support/context';

// The OpenTelemetry SDK, registered as an application would, exporting to memory.
const spans = new InMemorySpanExporter();
const contextManager = new AsyncHooksContextManager().enable();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({
  exporter: metricExporter,
  exportIntervalMillis: 60_000,
});

beforeAll(() => {
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  );
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
});

afterAll(async () => {
  await reader.shutdown();
  trace.disable();
  metrics.disable();
  context.disable();
});

beforeEach(() => spans.reset());

const mouId = 'mou-telemetry';
const propose: MoUCommand = {
  type: 'ProposeMoU',
  mouId,
  title: 'Memorandum of Understanding on Telemetry',
  subject: 'narcotics',
  parties: ['PK', 'BH'],
  proposedBy: 'PK',
  legalCharacter: 'nonBinding',
  occurredOn: '2025-09-10',
};

const named = (name: string): ReadableSpan[] =>
  spans.getFinishedSpans().filter((span) => span.name === name);

const only = (name: string): ReadableSpan => {
  const found = named(name);
  expect(found).toHaveLength(1);
  return found[0] as ReadableSpan;
};

const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

/** The data points of one counter, as its attributes and values. */
const counted = async (name: string): Promise<{ attributes: Attributes; value: unknown }[]> => {
  await reader.forceFlush();
  const last = metricExporter.getMetrics().at(-1);
  const metric = last?.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((m) => m.descriptor.name === name);
  return (metric?.dataPoints ?? []).map((p) => ({ attributes: p.attributes, value: p.value }));
};

describe('telemetry of a command', () => {
  it('spans the command, with its store read and append as children', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const result = await handleCommand(store, MoU, propose, commandContext());
    expect(E.isRight(result)).toBe(true);

    const command = only('MoU.ProposeMoU');
    expect(command.attributes).toEqual({
      'ledger.aggregate': 'MoU',
      'ledger.command': 'ProposeMoU',
      'ledger.outcome': 'recorded',
      'ledger.attempts': 1,
      'ledger.stream_id': `MoU-${mouId}`,
    });
    const read = only('readStream MoU');
    const append = only('appendToStream MoU');
    expect(parentOf(read)).toBe(command.spanContext().spanId);
    expect(parentOf(append)).toBe(command.spanContext().spanId);
    expect(append.attributes).toMatchObject({
      'db.operation.name': 'appendToStream',
      'ledger.stream_id': `MoU-${mouId}`,
      'ledger.events': 1,
    });
  });

  it('records a refusal as an outcome with its rule, not as an error', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    await handleCommand(store, MoU, propose, commandContext());
    spans.reset();
    const again = await handleCommand(store, MoU, propose, commandContext());
    expect(E.isLeft(again)).toBe(true);
    const command = only('MoU.ProposeMoU');
    expect(command.attributes).toMatchObject({
      'ledger.outcome': 'RuleViolated',
      'ledger.rule': 'MoUAlreadyProposed',
    });
    expect(command.status.code).toBe(0); // UNSET
    expect(named('appendToStream MoU')).toHaveLength(0);
  });

  it('counts the attempts lost to other writers, and marks a store failure as an error', async () => {
    const inner = createInMemoryEventStore({ now: recordingIn2040 });
    let conflicts = 1;
    const racing: EventStore = {
      ...inner,
      appendToStream: async (streamId, events, options) => {
        if (conflicts-- > 0)
          throw new ConcurrencyConflictError(streamId, options.expectedRevision, 0n);
        return inner.appendToStream(streamId, events, options);
      },
    };
    const result = await handleCommand(
      racing,
      MoU,
      { ...propose, mouId: 'mou-raced' },
      commandContext(),
    );
    expect(E.isRight(result)).toBe(true);
    expect(only('MoU.ProposeMoU').attributes).toMatchObject({ 'ledger.attempts': 2 });
    expect(named('appendToStream MoU')).toHaveLength(2);
    expect(named('appendToStream MoU')[0]?.status.code).toBe(2); // ERROR: the refused append

    spans.reset();
    const down: EventStore = {
      ...inner,
      appendToStream: async () => {
        throw new StoreUnavailableError('the store is down');
      },
    };
    await expect(
      handleCommand(down, MoU, { ...propose, mouId: 'mou-down' }, commandContext()),
    ).rejects.toThrow('the store is down');
    const failed = only('MoU.ProposeMoU');
    expect(failed.status.code).toBe(2);
    expect(failed.events.map((e) => e.name)).toContain('exception');

    expect(await counted('ledger.command.retries')).toEqual([
      { attributes: { 'ledger.aggregate': 'MoU', 'ledger.command': 'ProposeMoU' }, value: 1 },
    ]);
    const byOutcome = Object.fromEntries(
      (await counted('ledger.commands')).map((p) => [
        String(p.attributes['ledger.outcome']),
        p.value,
      ]),
    );
    expect(byOutcome).toEqual({ recorded: 3, RuleViolated: 1, error: 1 });
  });
});
