import type { Histogram } from '@opentelemetry/api';
import { openTelemetry, SCOPE } from './open-telemetry';

let lag: { readonly provider: unknown; readonly histogram: Histogram } | undefined;

/**
 * Records how long after its recording a live projection applied an event (the
 * `ledger.projection.lag` histogram, in seconds, by projection), when the application has
 * `@opentelemetry/api`; otherwise does nothing. Made again whenever another meter provider is
 * registered, as the command instruments are.
 */
export const recordProjectionLag = (projection: string, recordedAt: Date, now: number): void => {
  const api = openTelemetry();
  if (api === undefined) return;
  const provider = api.metrics.getMeterProvider();
  if (lag?.provider !== provider)
    lag = {
      provider,
      histogram: provider.getMeter(SCOPE).createHistogram('ledger.projection.lag', {
        description: 'Time from an event being recorded to a live projection applying it',
        unit: 's',
      }),
    };
  lag.histogram.record(Math.max(0, now - recordedAt.getTime()) / 1000, {
    'ledger.projection': projection,
  });
};
