import { context, createTraceState, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import * as E from 'fp-ts/Either';
import { verifyAll } from '../../src/audit/verify';
import { MoU, type MoUCommand } from '../../src/domain/mou';
import { handleCommand } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { currentStatesProjection } from '../../src/projections';
import { startProjection } from '../../src/projections/runner';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { batchCauses, MAX_BATCH_LINKS } from '../../src/telemetry/trace-context';
import { context as commandContext, recordingIn2040 } from '../support/context';
import { recordingSpans } from '../support/spans';

const spans = recordingSpans();

const propose = (mouId: string): MoUCommand => ({
  type: 'ProposeMoU',
  mouId,
  title: 'Memorandum of Understanding on Tracing',
  subject: 'narcotics',
  parties: ['PK', 'BH'],
  proposedBy: 'PK',
  legalCharacter: 'nonBinding',
  occurredOn: '2025-09-10',
});

const commandSpans = (): ReadableSpan[] =>
  spans.getFinishedSpans().filter((span) => span.name === 'MoU.ProposeMoU');

const traceparentOf = (span: SpanContext): string =>
  `00-${span.traceId}-${span.spanId}-${span.traceFlags.toString(16).padStart(2, '0')}`;

/** The metadata of every event of a stream, as stored. */
const metadataOf = async (
  store: EventStore,
  streamId: string,
): Promise<Record<string, unknown>[]> => {
  const out: Record<string, unknown>[] = [];
  for await (const event of store.readStream(streamId))
    out.push(JSON.parse(event.metadata) as Record<string, unknown>);
  return out;
};

/** Runs `work` inside a remote parent span context, as a service would after propagation. */
const underRemoteParent = <T>(parent: SpanContext, work: () => Promise<T>): Promise<T> =>
  context.with(trace.setSpanContext(context.active(), parent), work);

const remoteParent = (overrides: Partial<SpanContext> = {}): SpanContext => ({
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
  ...overrides,
});

describe('trace context in event metadata', () => {
  it("carries the command span's traceparent in every event it records, sealed with it", async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const result = await handleCommand(store, MoU, propose('mou-traced'), commandContext());
    expect(E.isRight(result)).toBe(true);
    const [command] = commandSpans();
    expect(command).toBeDefined();
    const metadata = await metadataOf(store, 'MoU-mou-traced');
    expect(metadata).toHaveLength(1);
    expect(metadata[0]?.traceparent).toBe(traceparentOf((command as ReadableSpan).spanContext()));
    expect(metadata[0]).not.toHaveProperty('tracestate');
    // Part of the sealed record: the chain still verifies, and the hash covers it.
    expect((await verifyAll(store)).intact).toBe(true);
  });

  it("carries the trace's tracestate, and a context that is not sampled as well", async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const parent = remoteParent({ traceState: createTraceState('vendor=opaque,other=1') });
    await underRemoteParent(parent, () =>
      handleCommand(store, MoU, propose('mou-state'), commandContext()),
    );
    const [withState] = await metadataOf(store, 'MoU-mou-state');
    expect(withState?.traceparent).toMatch(new RegExp(`^00-${parent.traceId}-[0-9a-f]{16}-01$`));
    expect(withState?.tracestate).toBe('vendor=opaque,other=1');

    // Not sampled: no span is exported, but the context is valid and is carried.
    const unsampled = remoteParent({ traceFlags: TraceFlags.NONE });
    await underRemoteParent(unsampled, () =>
      handleCommand(store, MoU, propose('mou-unsampled'), commandContext()),
    );
    expect(commandSpans()).toHaveLength(1);
    const [notSampled] = await metadataOf(store, 'MoU-mou-unsampled');
    expect(notSampled?.traceparent).toMatch(
      new RegExp(`^00-${unsampled.traceId}-[0-9a-f]{16}-00$`),
    );
  });

  it('takes a retry under another trace for the same command: nothing is recorded', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const ctx = commandContext();
    const first = await handleCommand(store, MoU, propose('mou-retried'), ctx);
    expect(E.isRight(first) && first.right.alreadyHandled).toBe(false);
    const before = await metadataOf(store, 'MoU-mou-retried');

    const retry = await underRemoteParent(remoteParent(), () =>
      handleCommand(store, MoU, propose('mou-retried'), ctx),
    );
    expect(E.isRight(retry) && retry.right.alreadyHandled).toBe(true);
    const [original, second] = commandSpans();
    // The record keeps the trace it was made in; the retry came in another.
    expect(before[0]?.traceparent).toBe(traceparentOf((original as ReadableSpan).spanContext()));
    expect(second?.spanContext().traceId).not.toBe(original?.spanContext().traceId);
    expect(second?.attributes['ledger.outcome']).toBe('alreadyHandled');
    expect(await metadataOf(store, 'MoU-mou-retried')).toEqual(before);
    expect(spans.getFinishedSpans().filter((s) => s.name === 'appendToStream MoU')).toHaveLength(1);
  });
});

describe('links from a projection to the commands behind its batch', () => {
  it('links each batch span to the command spans that caused its events', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    for (const mouId of ['mou-linked-1', 'mou-linked-2', 'mou-linked-3'])
      await handleCommand(store, MoU, propose(mouId), commandContext());
    const commands = commandSpans().map((span) => span.spanContext());
    expect(commands).toHaveLength(3);

    const runner = startProjection(store, currentStatesProjection, {
      checkpoint: { every: 2, onCaughtUp: true },
    });
    await runner.caughtUp();
    expect((await runner.stop()).kind).not.toBe('failed');
    const batches = spans
      .getFinishedSpans()
      .filter((s) => s.name === `projection.checkpoint ${currentStatesProjection.name}`);
    expect(batches.map((b) => b.links.map((link) => link.context.spanId))).toEqual([
      [commands[0]?.spanId, commands[1]?.spanId],
      [commands[2]?.spanId],
    ]);
    const [link] = batches[0]?.links ?? [];
    expect(link?.context).toMatchObject({
      traceId: commands[0]?.traceId,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
  });

  it(`links once per command, and to at most ${MAX_BATCH_LINKS} of them`, () => {
    const causes = batchCauses();
    const parent = (n: number): string =>
      `00-${'a'.repeat(16)}${n.toString(16).padStart(16, '0')}-${'b'.repeat(16)}-01`;
    causes.add({ traceparent: parent(1), tracestate: 'vendor=x' });
    causes.add({ traceparent: parent(1), tracestate: 'vendor=x' });
    causes.add({});
    expect(causes.links()).toHaveLength(1);
    expect(causes.links()[0]?.context.traceState?.get('vendor')).toBe('x');
    for (let n = 2; n <= 300; n++) causes.add({ traceparent: parent(n) });
    expect(causes.links()).toHaveLength(MAX_BATCH_LINKS);
    causes.clear();
    expect(causes.links()).toEqual([]);
  });
});
