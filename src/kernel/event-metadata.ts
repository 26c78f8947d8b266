import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { validate as isUuid } from 'uuid';
import { IntegrityLink, Sha256Hex } from './integrity';
import { PartialDate } from './partial-date';
import { checkedString, PositiveInteger, struct } from './primitives';
import { Source } from './source';
import { Traceparent, Tracestate } from './trace-context';
import { isInstantRoundTrip, isWrittenInstant } from './iso-instant';
import { Name, Reason } from './text';

/**
 * What every event carries beside its data, and the context a command arrives with: apart from
 * the reading and writing of events (recorded-event.ts), so that upcasters can name the metadata
 * without importing the code that calls them.
 */

export const Uuid = checkedString('Uuid', (s) => isUuid(s));

/**
 * Who recorded an event and why: the context a command arrives with. `commandId` becomes the
 * causation id of every event the command produces and seeds their event ids.
 */
export const CommandContext = struct(
  'CommandContext',
  {
    commandId: Uuid,
    actor: Name,
    onBehalfOf: Name,
    reason: Reason,
    source: Source,
  },
  {
    /** Ties together every event of one engagement (say, one meeting). Defaults to `commandId`. */
    correlationId: Uuid,
  },
);
export type CommandContext = t.TypeOf<typeof CommandContext>;

/** Who recorded an event and why, as the writer gives it. */
const writerProps = {
  actor: Name,
  onBehalfOf: Name,
  reason: Reason,
  source: Source,
  correlationId: Uuid,
  causationId: Uuid,
};

/** An instant as `Date.prototype.toISOString` writes it: the one form the library seals. */
export const IsoInstant = checkedString(
  'IsoInstant (YYYY-MM-DDTHH:mm:ss.sssZ)',
  (s) => isWrittenInstant(s) || isInstantRoundTrip(s),
);

const commandDigestProp = t.partial({
  /**
   * What the command that recorded the event stands for (see `commandDigest`), so that its id
   * used again for another command is refused. Absent from events written before 0.2.
   */
  commandDigest: Sha256Hex,
});

const traceProps = t.partial({ traceparent: Traceparent, tracestate: Tracestate });
type TraceProps = t.TypeOf<typeof traceProps>;
const parentIfState = (trace: TraceProps): boolean =>
  trace.tracestate === undefined || trace.traceparent !== undefined;
const hasParentIfState = (u: unknown): u is TraceProps => traceProps.is(u) && parentIfState(u);

/**
 * The W3C trace context of the span that handled the command (see docs/telemetry.md): absent when
 * it was handled outside a trace, and from events written before 0.3. A `tracestate` comes only
 * with its `traceparent`.
 */
const traceContextProp = new t.RefinementType(
  'TraceContext (a tracestate only with its traceparent)',
  hasParentIfState,
  (u, c) =>
    E.chain((ok: TraceProps) =>
      parentIfState(ok)
        ? t.success(ok)
        : t.failure<typeof ok>(u, c, 'a tracestate comes only with its traceparent'),
    )(traceProps.validate(u, c)),
  traceProps.encode,
  traceProps,
  parentIfState,
);

/** Sealed since link version 2: when the writer recorded the event. */
const recordedAtProp = t.partial({ recordedAt: IsoInstant });

/** What the library writes beside every event's data. */
export const EventMetadata = t.intersection(
  [
    t.type({
      ...writerProps,
      occurredOn: PartialDate,
      schemaVersion: PositiveInteger,
      integrity: IntegrityLink,
    }),
    commandDigestProp,
    recordedAtProp,
    traceContextProp,
  ],
  'EventMetadata',
);
export type EventMetadata = t.TypeOf<typeof EventMetadata>;

/** What a writer gives `encodeEvent` beside the event: checked, and stored as it decodes. */
export const EnvelopeMetadata = t.intersection(
  [t.type(writerProps), commandDigestProp, traceContextProp],
  'EventMetadata',
);
