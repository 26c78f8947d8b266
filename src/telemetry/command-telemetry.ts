import type { Attributes, Counter, Histogram, Span, Tracer } from '@opentelemetry/api';
import { openTelemetry, SCOPE, type OpenTelemetry } from './open-telemetry';
import type { TraceContext } from '../kernel/trace-context';
import { traced } from './traced';
import { traceContextOf } from './trace-context';

/**
 * What the command handler reports while it works: each store read and append it makes, and each
 * attempt lost to another writer. Without telemetry every probe just runs what it is given.
 */
export interface CommandProbe {
  readonly read: <T>(streamId: string, run: () => Promise<T>) => Promise<T>;
  readonly append: <T>(streamId: string, events: number, run: () => Promise<T>) => Promise<T>;
  /** An append refused by a concurrent writer: the command is decided again. */
  readonly conflicted: () => void;
  /** The command span's W3C trace context, for its events' metadata, when it has a valid one. */
  readonly traceContext?: TraceContext;
}

export const NO_PROBE: CommandProbe = {
  read: (_, run) => run(),
  append: (_, __, run) => run(),
  conflicted: () => undefined,
};

/** How a command ended, as its span and the commands counter record it. */
export interface CommandOutcome {
  /** `recorded`, `alreadyHandled`, `nothingToRecord`, or the failure's kind. */
  readonly outcome: string;
  /** The rule that refused it, for `RuleViolated`. */
  readonly rule?: string;
  readonly streamId?: string;
}

interface Instruments {
  readonly api: OpenTelemetry;
  /** The global meter provider the instruments were made from. */
  readonly provider: unknown;
  readonly tracer: Tracer;
  readonly commands: Counter;
  readonly retries: Counter;
  readonly appendDuration: Histogram;
}

let instruments: Instruments | undefined;

/**
 * The library's tracer and instruments, made again whenever the application registers another
 * meter provider: unlike tracers, meters obtained before an SDK is registered stay no-ops.
 */
const instrumentsOf = (): Instruments | undefined => {
  const api = openTelemetry();
  if (api === undefined) return undefined;
  const provider = api.metrics.getMeterProvider();
  if (instruments?.provider === provider) return instruments;
  const meter = provider.getMeter(SCOPE);
  instruments = {
    api,
    provider,
    tracer: api.trace.getTracer(SCOPE),
    commands: meter.createCounter('ledger.commands', {
      description: 'Commands handled, by aggregate, command and outcome',
    }),
    retries: meter.createCounter('ledger.command.retries', {
      description: 'Commands decided again after a concurrent writer got in first',
    }),
    appendDuration: meter.createHistogram('ledger.store.append.duration', {
      description: "Time taken by the store to append a command's events",
      unit: 's',
    }),
  };
  return instruments;
};

/** A command type fit for a span name: the command's own, if it looks like one. */
const commandName = (type: unknown): string =>
  typeof type === 'string' && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(type) ? type : 'UnknownCommand';

const endWithError = (api: OpenTelemetry, span: Span, error: unknown): void => {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: api.SpanStatusCode.ERROR, message: String(error) });
};

/** A child span around one store call, named after the operation and the stream's category. */
const storeSpan = <T>(
  operation: string,
  streamId: string,
  attributes: Attributes,
  run: () => Promise<T>,
): Promise<T> =>
  traced(
    `${operation} ${streamId.split('-', 1)[0] ?? streamId}`,
    { 'db.operation.name': operation, 'ledger.stream_id': streamId, ...attributes },
    run,
    { kind: 'client' },
  );

/**
 * Runs one command under a span named `<Aggregate>.<CommandType>`, its store calls under child
 * spans, and counts it by outcome. A refusal is an outcome, not an error: only a command that
 * throws (a store that cannot be reached) marks its span as failed.
 */
export const tracedCommand = async <T>(
  aggregate: string,
  type: unknown,
  handle: (probe: CommandProbe) => Promise<T>,
  outcomeOf: (result: T) => CommandOutcome,
): Promise<T> => {
  const on = instrumentsOf();
  if (on === undefined) return handle(NO_PROBE);
  const command = commandName(type);
  const base = { 'ledger.aggregate': aggregate, 'ledger.command': command };
  return on.tracer.startActiveSpan(
    `${aggregate}.${command}`,
    { attributes: base },
    async (span) => {
      let attempts = 1;
      const traceContext = traceContextOf(on.api, span.spanContext());
      const probe: CommandProbe = {
        ...(traceContext === undefined ? {} : { traceContext }),
        read: (streamId, run) => storeSpan('readStream', streamId, {}, run),
        append: async (streamId, events, run) => {
          const started = performance.now();
          try {
            return await storeSpan('appendToStream', streamId, { 'ledger.events': events }, run);
          } finally {
            on.appendDuration.record((performance.now() - started) / 1000, base);
          }
        },
        conflicted: () => {
          attempts++;
          on.retries.add(1, base);
        },
      };
      try {
        const result = await handle(probe);
        const { outcome, rule, streamId } = outcomeOf(result);
        span.setAttributes({
          'ledger.outcome': outcome,
          'ledger.attempts': attempts,
          ...(rule === undefined ? {} : { 'ledger.rule': rule }),
          ...(streamId === undefined ? {} : { 'ledger.stream_id': streamId }),
        });
        on.commands.add(1, { ...base, 'ledger.outcome': outcome });
        return result;
      } catch (error) {
        span.setAttribute('ledger.attempts', attempts);
        endWithError(on.api, span, error);
        on.commands.add(1, { ...base, 'ledger.outcome': 'error' });
        throw error;
      } finally {
        span.end();
      }
    },
  );
};
