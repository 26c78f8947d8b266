import type { Attributes, Link, Span } from '@opentelemetry/api';
import { openTelemetry, SCOPE, type OpenTelemetry } from './open-telemetry';

export interface TracedOptions<T> {
  /** Attributes read from the result, once there is one. */
  readonly result?: (result: T) => Attributes;
  readonly kind?: 'internal' | 'client';
  /** Spans this one follows from (given at its start, so that samplers see them). */
  readonly links?: () => Link[];
}

const spanOptions = (
  api: OpenTelemetry,
  attributes: Attributes,
  options: TracedOptions<never>,
) => ({
  kind: options.kind === 'client' ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL,
  attributes,
  ...(options.links === undefined ? {} : { links: options.links() }),
});

const failed = (api: OpenTelemetry, span: Span, error: unknown): void => {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: api.SpanStatusCode.ERROR, message: String(error) });
};

/**
 * Runs `run` under a span called `name` (a child of whatever span is active), with `attributes`
 * and, once it resolves, those `options.result` reads from its result. A rejection ends the span
 * with an error and the exception recorded. Without `@opentelemetry/api` it only runs `run`.
 */
export const traced = async <T>(
  name: string,
  attributes: Attributes,
  run: () => Promise<T>,
  options: TracedOptions<T> = {},
): Promise<T> => {
  const api = openTelemetry();
  if (api === undefined) return run();
  return api.trace
    .getTracer(SCOPE)
    .startActiveSpan(name, spanOptions(api, attributes, options), async (span) => {
      try {
        const result = await run();
        if (options.result !== undefined) span.setAttributes(options.result(result));
        return result;
      } catch (error) {
        failed(api, span, error);
        throw error;
      } finally {
        span.end();
      }
    });
};

/** `traced` for work that returns at once: a throw ends the span with an error. */
export const tracedSync = <T>(
  name: string,
  attributes: Attributes,
  run: () => T,
  options: TracedOptions<T> = {},
): T => {
  const api = openTelemetry();
  if (api === undefined) return run();
  return api.trace
    .getTracer(SCOPE)
    .startActiveSpan(name, spanOptions(api, attributes, options), (span) => {
      try {
        const result = run();
        if (options.result !== undefined) span.setAttributes(options.result(result));
        return result;
      } catch (error) {
        failed(api, span, error);
        throw error;
      } finally {
        span.end();
      }
    });
};
