import * as E from 'fp-ts/Either';
import type { DomainEvent } from '../kernel/event';
import type { EventRegistry } from '../kernel/event-registry';
import type { EventStore, StoredEvent } from '../kernel/event-store';
import type { PartialDate } from '../kernel/partial-date';
import type { DecodeError, RecordedEvent } from '../kernel/recorded-event';
import type { Source } from '../kernel/source';
import { isStoreError } from '../kernel/store-errors';

/** One recorded change: what, where, when (in the world and in the record), who, why, on what source. */
export interface AuditEntry {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly eventType: string;
  readonly occurredOn: PartialDate;
  readonly recordedAt: Date;
  readonly actor: string;
  readonly onBehalfOf: string;
  readonly reason: string;
  readonly source: Source;
  readonly correlationId: string;
  readonly causationId: string;
}

export interface AuditTrailOptions {
  /** Only this stream; otherwise every stream in global order. */
  readonly streamId?: string;
}

const toEntry = ({ event, metadata, ...stored }: RecordedEvent): AuditEntry => ({
  position: stored.position,
  streamId: stored.streamId,
  revision: stored.revision,
  eventId: stored.eventId,
  eventType: event.type,
  occurredOn: event.occurredOn,
  recordedAt: stored.recordedAt,
  actor: metadata.actor,
  onBehalfOf: metadata.onBehalfOf,
  reason: metadata.reason,
  source: metadata.source,
  correlationId: metadata.correlationId,
  causationId: metadata.causationId,
});

const decodeEntry = (
  registry: EventRegistry<DomainEvent>,
  stored: StoredEvent,
): E.Either<DecodeError, AuditEntry> => E.map(toEntry)(registry.decode(stored));

/**
 * Every recorded change, one entry per event, streamed from the store. An event that cannot be
 * decoded is reported in its place (as a `Left`), never skipped and never fatal.
 */
export async function* auditTrail(
  store: EventStore,
  registry: EventRegistry<DomainEvent>,
  options: AuditTrailOptions = {},
): AsyncGenerator<E.Either<DecodeError, AuditEntry>> {
  if (options.streamId === undefined) {
    for await (const stored of store.readAll()) yield decodeEntry(registry, stored);
    return;
  }
  try {
    for await (const stored of store.readStream(options.streamId))
      yield decodeEntry(registry, stored);
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound')) return;
    throw error;
  }
}

const describeSource = (source: Source): string =>
  [source.reference, source.url].filter((part) => part !== undefined).join(' ');

/** One line a person can read: `2025-09-10 (recorded 2025-09-11T08:00Z) MoU-x@0 MoUProposed by a for PK: why [source]`. */
export const formatAuditEntry = (entry: AuditEntry): string =>
  `${entry.occurredOn.padEnd(10)} recorded ${entry.recordedAt.toISOString()}  ${entry.streamId}@${entry.revision} ${entry.eventType}  by ${entry.actor} for ${entry.onBehalfOf}: ${entry.reason} [${describeSource(entry.source)}]`;
