import * as E from 'fp-ts/Either';
import type { DomainEvent, EventCatalog } from './event';
import type { StoredEvent } from './event-store';
import type { PersonalKeys } from '../personal/sealed-data';
import { decodeRecordedEvent, type DecodeError, type RecordedEvent } from './recorded-event';

/** The category of a stream: its name up to the first hyphen (`MoU-extradition` → `MoU`). */
export const categoryOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
};

/**
 * Decodes events from any stream by the catalog of the aggregate that owns the stream's category,
 * for readers of the global order (projections, the audit trail).
 */
export interface EventRegistry<Event extends DomainEvent> {
  readonly categories: readonly string[];
  /** Decodes `stored`, opening its sealed personal values with `keys` (see `keysToOpen`). */
  readonly decode: (
    stored: StoredEvent,
    keys?: PersonalKeys,
  ) => E.Either<DecodeError, RecordedEvent<Event>>;
}

export const eventRegistry = <Event extends DomainEvent>(
  aggregates: readonly { readonly name: string; readonly events: EventCatalog<Event> }[],
): EventRegistry<Event> => {
  const byCategory = new Map(aggregates.map((a) => [a.name, a.events]));
  return {
    categories: aggregates.map((a) => a.name),
    decode: (stored, keys) => {
      const catalog = byCategory.get(categoryOf(stored.streamId));
      if (catalog === undefined)
        return E.left({
          kind: 'DecodeError',
          problem: 'unknownCategory',
          streamId: stored.streamId,
          revision: stored.revision,
          position: stored.position,
          eventType: stored.type,
          issues: [],
          message: `cannot decode ${stored.type} at ${stored.streamId}@${stored.revision}: stream category ${categoryOf(stored.streamId)} belongs to no known aggregate (known: ${[...byCategory.keys()].join(', ')})`,
        });
      return decodeRecordedEvent(catalog, stored, keys);
    },
  };
};
