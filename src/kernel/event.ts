import * as t from 'io-ts';
import { PartialDate } from './partial-date';
import { personalFields, type PersonalField } from './personal-fields';
import { checkUpcasters, type Upcasters } from './upcast';

/**
 * A domain event: what happened (`type`), when it happened in the world (`occurredOn`) and its
 * facts (`data`). Deciders produce these; the store adds what it knows when it records them.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly occurredOn: PartialDate;
  readonly data: Data;
}

/**
 * The codec of one event type, with the schema version it writes today and the upcasters that
 * read its older versions.
 */
export interface EventType<Type extends string, Data extends t.Mixed> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly upcasters: Upcasters;
  /** The personal fields its data codec declares (see `personal`), sealed when recorded. */
  readonly personal: readonly PersonalField[];
  readonly codec: t.Type<DomainEvent<Type, t.TypeOf<Data>>, DomainEvent<Type, t.OutputOf<Data>>>;
}

/** How an event type's schema has evolved. */
export interface SchemaEvolution {
  /** The version this code writes: 1 until the shape of the data first changes. */
  readonly schemaVersion: number;
  /**
   * `upcasters[n]` turns stored data of version `n` into version `n + 1`. Reading runs them in a
   * chain up to `schemaVersion`; the stored event itself is never rewritten.
   */
  readonly upcasters?: Upcasters;
}

/**
 * Defines an event type by its name and data codec. The third argument is the schema version
 * (a number), or the version with the upcasters that read older ones.
 */
export const eventType = <Type extends string, Data extends t.Mixed>(
  type: Type,
  data: Data,
  evolution: number | SchemaEvolution = 1,
): EventType<Type, Data> => {
  const { schemaVersion, upcasters = {} } =
    typeof evolution === 'number' ? { schemaVersion: evolution } : evolution;
  checkUpcasters(type, schemaVersion, upcasters);
  return {
    type,
    schemaVersion,
    upcasters,
    personal: personalFields(data),
    codec: t.strict({ type: t.literal(type), occurredOn: PartialDate, data }, type) as t.Type<
      DomainEvent<Type, t.TypeOf<Data>>,
      DomainEvent<Type, t.OutputOf<Data>>
    >,
  };
};

/** Any event type, as the catalog stores it; the precise types are kept in `EventOf`. */
export interface AnyEventType {
  readonly type: string;
  readonly schemaVersion: number;
  readonly upcasters: Upcasters;
  /** Absent from event types made by hand: they declare no personal field. */
  readonly personal?: readonly PersonalField[];
  readonly codec: t.Mixed;
}

/** The event a set of event types describes, as a discriminated union on `type`. */
export type EventOf<Types extends readonly AnyEventType[]> = t.TypeOf<Types[number]['codec']>;

/** Every event type of one aggregate, looked up by name when a stored event is decoded. */
export interface EventCatalog<E extends DomainEvent> {
  readonly types: readonly string[];
  readonly lookup: (type: string) => AnyEventType | undefined;
  /**
   * True when the event's type belongs to this catalog. A type check only, not validation:
   * events that reach a reader have been decoded by their codec already.
   */
  readonly owns: (event: DomainEvent) => event is E;
}

export const eventCatalog = <Types extends readonly AnyEventType[]>(
  ...types: Types
): EventCatalog<EventOf<Types>> => {
  const byType = new Map<string, AnyEventType>(types.map((e) => [e.type, e]));
  if (byType.size !== types.length) throw new Error('event catalog: an event type is listed twice');
  return {
    types: types.map((e) => e.type),
    lookup: (type) => byType.get(type),
    owns: (event): event is EventOf<Types> => byType.has(event.type),
  };
};
