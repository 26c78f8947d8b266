import type { StoredEvent } from '../kernel/event-store';

/**
 * An event as the store holds it, as plain JSON: what a history-file line and a proof bundle
 * carry. Revision and position are decimal strings, since JSON has no bigint.
 */
export interface EventAsStored {
  readonly position: string;
  readonly streamId: string;
  readonly revision: string;
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

export const eventAsStored = (event: StoredEvent): EventAsStored => ({
  position: event.position.toString(),
  streamId: event.streamId,
  revision: event.revision.toString(),
  eventId: event.eventId,
  type: event.type,
  recordedAt: event.recordedAt.toISOString(),
  data: JSON.parse(event.data) as unknown,
  metadata: JSON.parse(event.metadata) as unknown,
});
