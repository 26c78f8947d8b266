import { AssertionError, deepStrictEqual } from 'node:assert';
import * as E from 'fp-ts/Either';
import { keysToOpen } from '../personal/sealed-data';
import { v4 as uuidv4 } from 'uuid';
import type { DomainEvent, EventCatalog } from '../kernel/event';
import { categoryOf } from '../kernel/event-registry';
import type { EventStore } from '../kernel/event-store';
import { encodeEvent } from '../kernel/recorded-event';
import { withoutIntegrity } from '../kernel/written-json';
import type { Projection } from '../projections/projection';
import { createInMemoryEventStore } from '../store/in-memory-event-store';
import { createInMemoryKeyStore } from '../personal/in-memory-key-store';
import { withKeyStore } from '../personal/with-key-store';
import { sealingKeysForEvents } from '../kernel/personal-keys';
import type { RecordedBy } from './command-specification';

/** One event of a projection's history: the stream it is recorded in, and the event. */
export interface GivenEvent<Event extends DomainEvent> {
  readonly streamId: string;
  readonly event: Event;
}

export interface ProjectionSpecificationOptions<Event extends DomainEvent> {
  /**
   * The aggregates whose events the history holds, to record them as the library does (each
   * checked against its codec, sealed and chained): a stream `MoU-…` is recorded with the events
   * of the aggregate named `MoU`.
   */
  readonly aggregates: readonly {
    readonly name: string;
    readonly events: EventCatalog<Event>;
  }[];
  /** Who recorded the events, and why. */
  readonly recordedBy: RecordedBy;
  /** When the events were recorded (a fixed instant by default: 1 January 2040). */
  readonly recordedAt?: Date;
}

export interface ProjectionThen<Model> {
  /** The read model after every given event, compared in full. */
  readonly then: (expected: Model) => Promise<void>;
  /** The read model, to look at more closely. */
  readonly model: () => Promise<Model>;
  /** The store the events were recorded in. */
  readonly store: () => Promise<EventStore>;
}

export interface ProjectionSpecification<Model, Event extends DomainEvent> {
  /** The history, in global order. */
  readonly given: (events: readonly GivenEvent<Event>[]) => ProjectionThen<Model>;
}

/**
 * Given events, then the read model: the events are recorded in a new in-memory store as the
 * library records them, read back in global order, decoded by the projection's own registry and
 * applied, as the projection runner would. A mismatch throws an `AssertionError` with both models.
 *
 * ```ts
 * const states = projectionSpecification(currentStatesProjection, { aggregates, recordedBy });
 * await states.given([{ streamId: 'MoU-extradition', event: proposed }]).then(expected);
 * ```
 */
export const projectionSpecification = <Model, Event extends DomainEvent>(
  projection: Projection<Model, Event>,
  options: ProjectionSpecificationOptions<Event>,
): ProjectionSpecification<Model, Event> => ({
  given: (events) => {
    let running: Promise<{ store: EventStore; model: Model }> | undefined;
    const run = () =>
      (running ??= (async () => {
        const store = withKeyStore(createInMemoryEventStore(), createInMemoryKeyStore());
        const recordedAt = options.recordedAt ?? new Date('2040-01-01T00:00:00.000Z');
        const ends = new Map<string, { hash: string; revision: bigint }>();
        for (const [index, { streamId, event }] of events.entries()) {
          const category = categoryOf(streamId);
          const aggregate = options.aggregates.find((a) => a.name === category);
          if (aggregate === undefined)
            throw new AssertionError({
              message: `given event ${index + 1} is in ${streamId}, whose category ${category} is none of the aggregates given (${options.aggregates.map((a) => a.name).join(', ')})`,
              actual: category,
              expected: options.aggregates.map((a) => a.name),
            });
          const end = ends.get(streamId);
          const commandId = uuidv4();
          const personalKeys = await sealingKeysForEvents(
            store,
            aggregate.events,
            [event],
            undefined,
          );
          const encoded = encodeEvent(aggregate.events, event, {
            streamId,
            eventId: uuidv4(),
            ...(personalKeys === undefined ? {} : { personalKeys }),
            previousHash: end?.hash ?? null,
            recordedAt,
            metadata: { ...options.recordedBy, correlationId: commandId, causationId: commandId },
          });
          if (E.isLeft(encoded))
            throw new AssertionError({
              message: `given event ${index + 1} (${event.type}) cannot be recorded: ${encoded.left.message}`,
              actual: event,
              expected: 'an event its codec accepts',
            });
          const appended = await store.appendToStream(streamId, [withoutIntegrity(encoded.right)], {
            expectedRevision: end?.revision ?? 'no_stream',
          });
          ends.set(streamId, {
            hash: encoded.right.integrity.hash,
            revision: appended.nextExpectedRevision,
          });
        }
        let model = projection.initial();
        for await (const stored of store.readAll()) {
          const opening = keysToOpen(store.keys, stored);
          const decoded = projection.events.decode(
            stored,
            opening === undefined ? undefined : await opening,
          );
          if (E.isLeft(decoded)) {
            if (projection.otherStreams === 'skip' && decoded.left.problem === 'unknownCategory')
              continue;
            throw new AssertionError({
              message: `the projection cannot read ${stored.type} in ${stored.streamId}: ${decoded.left.message}`,
              actual: decoded.left,
              expected: 'an event the projection reads',
            });
          }
          model = projection.apply(model, decoded.right);
        }
        return { store, model };
      })());
    return {
      then: async (expected) => deepStrictEqual((await run()).model, expected),
      model: async () => (await run()).model,
      store: async () => (await run()).store,
    };
  },
});
