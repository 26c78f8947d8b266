import type { Attributes } from '@opentelemetry/api';
import { openTelemetry, SCOPE } from './open-telemetry';

/**
 * Runs `run` under a span called `name` (a child of whatever span is active), with `attributes`
 * and, once it resolves, those `resultAttributes` reads from its result. A rejection ends the span
 * with an error and the exception recorded. Without `@opentelemetry/api` it only runs `run`.
 */
export const traced = async <T>(
  name: string,
  attributes: Attributes,
  run: () => Promise<T>,
  resultAttributes: (result: T) => Attributes = () => ({}),
  kind: 'internal' | 'client' = 'internal',
): Promise<T> => {
  const api = openTelemetry();
  if (api === undefined) return run();
  return api.trace.getTracer(SCOPE).startActiveSpan(
    name,
    {
      kind: kind === 'client' ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL,
      attributes,
    },
    async (span) => {
      try {
        const result = await run();
        span.setAttributes(resultAttributes(result));
        return result;
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: api.SpanStatusCode.ERROR, message: String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
};
