import type * as OpenTelemetryApi from '@opentelemetry/api';

/**
 * The OpenTelemetry API, when the application has installed it (`@opentelemetry/api`, an
 * optional peer). Without it the library records no telemetry at all; with it but no SDK
 * registered, the API's own no-op tracer and meter answer every call.
 */
export type OpenTelemetry = typeof OpenTelemetryApi;

let loaded: OpenTelemetry | null | undefined;

const isModuleMissing = (error: unknown): boolean =>
  error instanceof Error && (error as { code?: unknown }).code === 'MODULE_NOT_FOUND';

/** The API if installed; looked up once per process. */
export const openTelemetry = (): OpenTelemetry | undefined => {
  if (loaded === undefined) {
    try {
      // A plain require: the API is an optional peer, loaded only if it is there.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('@opentelemetry/api') as OpenTelemetry;
    } catch (error) {
      if (!isModuleMissing(error)) throw error;
      loaded = null;
    }
  }
  return loaded ?? undefined;
};

/** The instrumentation scope every span and instrument of the library is created under. */
export const SCOPE = 'diplomatic-ledger';
