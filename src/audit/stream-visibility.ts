import { isDeletionStream } from '../kernel/deletion-record';
import type { EventStore, StoredEvent } from '../kernel/event-store';
import { isStoreError } from '../kernel/store-errors';
import type { IntegrityFinding } from './integrity-check';

// Kept for every stream of the store, so as small as it can be: the last event's id and type,
// wanted only for a finding, are read again then.
interface SeenStream {
  readonly firstRevision: bigint;
  lastRevision: bigint;
  lastPosition: bigint;
}

interface DeletionsOnRecord {
  /** The highest revision any record of this stream covers. */
  upTo: bigint;
  /** The highest revision a tombstone record covers; -1 without one. */
  tombstonedUpTo: bigint;
}

/** The revisions of a stream a reader no longer sees, as the store answers now. */
const hiddenPart = async (
  store: EventStore,
  streamId: string,
  seen: SeenStream,
): Promise<{ readonly upTo: bigint; readonly tombstoned: boolean } | undefined> => {
  try {
    for await (const first of store.readStream(streamId, { maxCount: 1 }))
      return first.revision > seen.firstRevision
        ? { upTo: first.revision - 1n, tombstoned: false }
        : undefined;
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound'))
      return { upTo: seen.lastRevision, tombstoned: false };
    if (isStoreError(error, 'StreamDeleted')) return { upTo: seen.lastRevision, tombstoned: true };
    throw error;
  }
  return { upTo: seen.lastRevision, tombstoned: false };
};

const eventAtPosition = async (
  store: EventStore,
  position: bigint,
): Promise<StoredEvent | undefined> => {
  for await (const event of store.readAll({ fromPosition: position, maxCount: 1 }))
    return event.position === position ? event : undefined;
  return undefined;
};

const revisionOf = (text: unknown): bigint | undefined =>
  typeof text === 'string' && /^(0|[1-9][0-9]*)$/.test(text) ? BigInt(text) : undefined;

/**
 * Whether every stream a reader no longer sees was hidden on record. Events of deleted streams
 * stay in the global order, so an audit sees each stream's events; afterwards it asks the store
 * which of them a reader would still see, and holds every hidden revision to a sealed
 * `StreamDeletionRecorded` that covers it (a tombstone to a tombstone record). A stream hidden
 * any other way (a flag flipped in the database, a delete through the store's own API) is
 * reported as `streamHidden`. Memory grows with the number of streams, not of events.
 */
export const createVisibilityCheck = () => {
  const streams = new Map<string, SeenStream>();
  const records = new Map<string, DeletionsOnRecord>();

  const note = (stored: StoredEvent): void => {
    const known = streams.get(stored.streamId);
    if (known === undefined)
      streams.set(stored.streamId, {
        firstRevision: stored.revision,
        lastRevision: stored.revision,
        lastPosition: stored.position,
      });
    else {
      known.lastRevision = stored.revision;
      known.lastPosition = stored.position;
    }
    if (!isDeletionStream(stored.streamId) || stored.type !== 'StreamDeletionRecorded') return;
    // The record's own seal is checked by the chain; here it only needs to say what it covers.
    let data: { streamId?: unknown; mode?: unknown; deletedUpTo?: unknown };
    try {
      data = JSON.parse(stored.data) as typeof data;
    } catch {
      return;
    }
    const upTo = revisionOf(data.deletedUpTo);
    if (typeof data.streamId !== 'string' || upTo === undefined) return;
    const covered = records.get(data.streamId) ?? { upTo: -1n, tombstonedUpTo: -1n };
    if (upTo > covered.upTo) covered.upTo = upTo;
    if (data.mode === 'tombstone' && upTo > covered.tombstonedUpTo) covered.tombstonedUpTo = upTo;
    records.set(data.streamId, covered);
  };

  const findings = async (store: EventStore): Promise<IntegrityFinding[]> => {
    const found: IntegrityFinding[] = [];
    for (const [streamId, seen] of streams) {
      const hidden = await hiddenPart(store, streamId, seen);
      if (hidden === undefined) continue;
      const covered = records.get(streamId);
      const onRecord = hidden.tombstoned
        ? (covered?.tombstonedUpTo ?? -1n) >= hidden.upTo
        : (covered?.upTo ?? -1n) >= hidden.upTo;
      if (onRecord) continue;
      const how = hidden.tombstoned ? 'tombstoned' : 'hidden from readers';
      const last = await eventAtPosition(store, seen.lastPosition);
      found.push({
        problem: 'streamHidden',
        streamId,
        revision: hidden.upTo,
        position: seen.lastPosition,
        eventId: last?.eventId ?? '',
        eventType: last?.type ?? '',
        message: `${streamId} is ${how} up to revision ${hidden.upTo}, with no sealed record of a ${hidden.tombstoned ? 'tombstone' : 'deletion'} that covers it`,
      });
    }
    return found;
  };

  return { note, findings };
};
