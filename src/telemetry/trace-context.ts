import type { Link, SpanContext } from '@opentelemetry/api';
import { isTraceparent, isTracestate, type TraceContext } from '../kernel/trace-context';
import { openTelemetry, type OpenTelemetry } from './open-telemetry';

/**
 * The W3C trace context of `span` as an event's metadata carries it, when the span context is
 * valid (sampled or not). A `tracestate` that W3C would not pass on is left out, never refused:
 * telemetry does not stop a command.
 */
export const traceContextOf = (api: OpenTelemetry, span: SpanContext): TraceContext | undefined => {
  if (!api.isSpanContextValid(span)) return undefined;
  const flags = (span.traceFlags & 0xff).toString(16).padStart(2, '0');
  const traceparent = `00-${span.traceId.toLowerCase()}-${span.spanId.toLowerCase()}-${flags}`;
  if (!isTraceparent(traceparent)) return undefined;
  const tracestate = span.traceState?.serialize();
  return tracestate !== undefined && isTracestate(tracestate)
    ? { traceparent, tracestate }
    : { traceparent };
};

/** The most links a projection's batch span is given: the SDK's default limit on links. */
export const MAX_BATCH_LINKS = 128;

/** The trace contexts of a projection's batch, to link its span to the commands behind it. */
export interface BatchCauses {
  /** Notes the trace context an applied event carries, if any (up to `MAX_BATCH_LINKS`). */
  readonly add: (metadata: Partial<TraceContext>) => void;
  /** One link per distinct `traceparent` noted since the last `clear`, in the order met. */
  readonly links: () => Link[];
  readonly clear: () => void;
}

const linkTo = (api: OpenTelemetry, { traceparent, tracestate }: TraceContext): Link => {
  const [, traceId = '', spanId = '', flags = '00'] = traceparent.split('-');
  return {
    context: {
      traceId,
      spanId,
      traceFlags: Number.parseInt(flags, 16),
      isRemote: true,
      ...(tracestate === undefined ? {} : { traceState: api.createTraceState(tracestate) }),
    },
  };
};

/** Collects a batch's causes; without `@opentelemetry/api` it notes nothing. */
export const batchCauses = (): BatchCauses => {
  const noted = new Map<string, TraceContext>();
  return {
    add: ({ traceparent, tracestate }) => {
      if (traceparent === undefined || noted.size >= MAX_BATCH_LINKS || noted.has(traceparent))
        return;
      if (openTelemetry() === undefined) return;
      noted.set(
        traceparent,
        tracestate === undefined ? { traceparent } : { traceparent, tracestate },
      );
    },
    links: () => {
      const api = openTelemetry();
      return api === undefined ? [] : [...noted.values()].map((cause) => linkTo(api, cause));
    },
    clear: () => noted.clear(),
  };
};
