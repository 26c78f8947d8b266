import * as E from 'fp-ts/Either';
import { keysToOpen } from '../personal/sealed-data';
import type { DomainEvent } from '../kernel/event';
import { categoryOf, type EventRegistry } from '../kernel/event-registry';
import type { EventStore } from '../kernel/event-store';
import { latestDay, earliestDay, type PartialDate } from '../kernel/partial-date';
import type { DecodeError, RecordedEvent } from '../kernel/recorded-event';
import type { Source } from '../kernel/source';
import { createChainChecker, type IntegrityProblem } from './integrity-check';
import { readIfPresent } from './read-if-present';

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
  /** `'intact'` when the event's integrity link holds; otherwise what is wrong with it. */
  readonly integrity: 'intact' | IntegrityProblem;
}

/** An event the trail cannot read as what it claims to be, reported in its place. */
export interface UnreadableAuditEntry {
  readonly error: DecodeError;
  readonly integrity: 'intact' | IntegrityProblem;
}

export interface AuditTrailOptions {
  /** Only this stream. */
  readonly streamId?: string;
  /** Only streams of this aggregate (`MoU`, `JointWorkingGroup`, ...). */
  readonly aggregate?: string;
  /** Only events recorded at or after this instant. */
  readonly recordedFrom?: Date;
  /** Only events recorded at or before this instant. */
  readonly recordedTo?: Date;
  /** Only events that may have happened on or after this date. */
  readonly occurredFrom?: PartialDate;
  /** Only events that may have happened on or before this date. */
  readonly occurredTo?: PartialDate;
}

const toEntry = (
  { event, metadata, ...stored }: RecordedEvent,
  integrity: AuditEntry['integrity'],
): AuditEntry => ({
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
  integrity,
});

const inRecordedRange = (recordedAt: Date, options: AuditTrailOptions): boolean =>
  (options.recordedFrom === undefined || recordedAt >= options.recordedFrom) &&
  (options.recordedTo === undefined || recordedAt <= options.recordedTo);

const inOccurredRange = (occurredOn: PartialDate, options: AuditTrailOptions): boolean =>
  (options.occurredFrom === undefined ||
    latestDay(occurredOn) >= earliestDay(options.occurredFrom)) &&
  (options.occurredTo === undefined || earliestDay(occurredOn) <= latestDay(options.occurredTo));

/**
 * Every recorded change, one entry per event, in the order of the store (or of the stream),
 * streamed through constant memory. Each entry says whether its integrity link holds; the chain
 * is checked from the start of each stream even when the entries shown are filtered. An event
 * that cannot be decoded is reported in its place (as a `Left`), never skipped and never fatal.
 */
export async function* auditTrail(
  store: EventStore,
  registry: EventRegistry<DomainEvent>,
  options: AuditTrailOptions = {},
): AsyncGenerator<E.Either<UnreadableAuditEntry, AuditEntry>> {
  const checker = createChainChecker({ storeKeepsRecordedAt: store.keepsRecordedAt === true });
  const events =
    options.streamId === undefined ? store.readAll() : readIfPresent(store, options.streamId);
  for await (const stored of events) {
    if (options.aggregate !== undefined && categoryOf(stored.streamId) !== options.aggregate)
      continue;
    const { finding } = checker.check(stored);
    const integrity = finding?.problem ?? 'intact';
    const opening = keysToOpen(store.keys, stored);
    const decoded = registry.decode(stored, opening === undefined ? undefined : await opening);
    // The instant sealed in the event, when it has one; the store's otherwise.
    const recordedAt = E.isRight(decoded) ? decoded.right.recordedAt : stored.recordedAt;
    if (!inRecordedRange(recordedAt, options)) continue;
    if (E.isLeft(decoded)) {
      yield E.left({ error: decoded.left, integrity });
      continue;
    }
    if (!inOccurredRange(decoded.right.event.occurredOn, options)) continue;
    yield E.right(toEntry(decoded.right, integrity));
  }
}

const describeSource = (source: Source): string =>
  [source.reference, source.url].filter((part) => part !== undefined).join(' ');

/** One line a person can read: when, where, what, who for whom, why, on what source, and the link. */
export const formatAuditEntry = (entry: AuditEntry): string =>
  `${entry.occurredOn.padEnd(10)} recorded ${entry.recordedAt.toISOString()}  ${entry.streamId}@${entry.revision} ${entry.eventType}  by ${entry.actor} for ${entry.onBehalfOf}: ${entry.reason} [${describeSource(entry.source)}]${entry.integrity === 'intact' ? '' : `  INTEGRITY: ${entry.integrity}`}`;
