import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { validate as isUuid } from 'uuid';
import type { DomainEvent, EventCatalog } from './event';
import type { EventToAppend, StoredEvent } from './event-store';
import { IntegrityLink, sealEvent } from './integrity';
import { PartialDate } from './partial-date';
import { checkedString, NonEmptyString, PositiveInteger, struct } from './primitives';
import { Source } from './source';
import { formatIssues, toIssues, type ValidationIssue } from './validation';

export const Uuid = checkedString('Uuid', (s) => isUuid(s));

/**
 * Who recorded an event and why: the context a command arrives with. `commandId` becomes the
 * causation id of every event the command produces and seeds their event ids.
 */
export const CommandContext = struct(
  'CommandContext',
  {
    commandId: Uuid,
    actor: NonEmptyString,
    onBehalfOf: NonEmptyString,
    reason: NonEmptyString,
    source: Source,
  },
  {
    /** Ties together every event of one engagement (say, one meeting). Defaults to `commandId`. */
    correlationId: Uuid,
  },
);
export type CommandContext = t.TypeOf<typeof CommandContext>;

/** What the library writes beside every event's data. */
export const EventMetadata = t.type(
  {
    actor: NonEmptyString,
    onBehalfOf: NonEmptyString,
    reason: NonEmptyString,
    source: Source,
    correlationId: Uuid,
    causationId: Uuid,
    occurredOn: PartialDate,
    schemaVersion: PositiveInteger,
    integrity: IntegrityLink,
  },
  'EventMetadata',
);
export type EventMetadata = t.TypeOf<typeof EventMetadata>;

/** A domain event together with everything the store and the writer know about it. */
export interface RecordedEvent<Event extends DomainEvent = DomainEvent> {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly eventId: string;
  readonly recordedAt: Date;
  readonly event: Event;
  readonly metadata: EventMetadata;
}

export type DecodeProblem =
  | 'badJson'
  | 'unknownCategory'
  | 'unknownType'
  | 'invalidData'
  | 'invalidMetadata'
  | 'unsupportedSchemaVersion';

/** A stored event that cannot be read back as what it claims to be. Never becomes state. */
export interface DecodeError {
  readonly kind: 'DecodeError';
  readonly problem: DecodeProblem;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly eventType: string;
  readonly issues: readonly ValidationIssue[];
  readonly message: string;
}

const decodeError = (
  stored: StoredEvent,
  problem: DecodeProblem,
  detail: string,
  issues: readonly ValidationIssue[] = [],
): DecodeError => ({
  kind: 'DecodeError',
  problem,
  streamId: stored.streamId,
  revision: stored.revision,
  position: stored.position,
  eventType: stored.type,
  issues,
  message: `cannot decode ${stored.type} at ${stored.streamId}@${stored.revision}: ${detail}`,
});

const parseJson = (text: string): E.Either<string, unknown> =>
  E.tryCatch(
    () => JSON.parse(text) as unknown,
    (e) => (e instanceof Error ? e.message : String(e)),
  );

/** Reads a stored event back into a typed recorded event, or says exactly what is wrong with it. */
export const decodeRecordedEvent = <Event extends DomainEvent>(
  catalog: EventCatalog<Event>,
  stored: StoredEvent,
): E.Either<DecodeError, RecordedEvent<Event>> => {
  const eventType = catalog.lookup(stored.type);
  if (eventType === undefined)
    return E.left(
      decodeError(stored, 'unknownType', `unknown event type (known: ${catalog.types.join(', ')})`),
    );
  const metadataJson = parseJson(stored.metadata);
  if (E.isLeft(metadataJson))
    return E.left(decodeError(stored, 'badJson', `metadata is not JSON (${metadataJson.left})`));
  const metadata = EventMetadata.decode(metadataJson.right);
  if (E.isLeft(metadata)) {
    const issues = toIssues(metadata.left).map((i) => ({ ...i, path: `metadata.${i.path}` }));
    return E.left(decodeError(stored, 'invalidMetadata', formatIssues(issues), issues));
  }
  if (metadata.right.schemaVersion > eventType.schemaVersion)
    return E.left(
      decodeError(
        stored,
        'unsupportedSchemaVersion',
        `written with schema version ${metadata.right.schemaVersion}, but this library knows ${stored.type} only up to version ${eventType.schemaVersion}; upgrade diplomatic-ledger to read it`,
      ),
    );
  if (metadata.right.schemaVersion < eventType.schemaVersion)
    return E.left(
      decodeError(
        stored,
        'unsupportedSchemaVersion',
        `written with schema version ${metadata.right.schemaVersion} and no upcaster to version ${eventType.schemaVersion} is registered`,
      ),
    );
  const dataJson = parseJson(stored.data);
  if (E.isLeft(dataJson))
    return E.left(decodeError(stored, 'badJson', `data is not JSON (${dataJson.left})`));
  const event = eventType.codec.decode({
    type: stored.type,
    occurredOn: metadata.right.occurredOn,
    data: dataJson.right,
  });
  if (E.isLeft(event)) {
    const issues = toIssues(event.left);
    return E.left(decodeError(stored, 'invalidData', formatIssues(issues), issues));
  }
  return E.right({
    streamId: stored.streamId,
    revision: stored.revision,
    position: stored.position,
    eventId: stored.eventId,
    recordedAt: stored.recordedAt,
    event: event.right as Event,
    metadata: metadata.right,
  });
};

/** A domain event that fails its own codec: the decider produced something the schema forbids. */
export interface InvalidEventError {
  readonly kind: 'InvalidEvent';
  readonly eventType: string;
  readonly issues: readonly ValidationIssue[];
  readonly message: string;
}

/** Where an event goes and who records it: what `encodeEvent` needs beside the event. */
export interface EventEnvelope {
  readonly streamId: string;
  readonly eventId: string;
  /** The integrity hash of the event before this one in its stream; `null` for the first. */
  readonly previousHash: string | null;
  readonly metadata: Omit<EventMetadata, 'occurredOn' | 'schemaVersion' | 'integrity'>;
}

/**
 * Validates a domain event against its codec, seals it into its stream's integrity chain and
 * serialises it with its metadata. Nothing that fails here reaches a store.
 */
export const encodeEvent = <Event extends DomainEvent>(
  catalog: EventCatalog<Event>,
  event: Event,
  envelope: EventEnvelope,
): E.Either<InvalidEventError, EventToAppend & { readonly integrity: IntegrityLink }> => {
  const eventType = catalog.lookup(event.type);
  const invalid = (issues: readonly ValidationIssue[], detail: string): InvalidEventError => ({
    kind: 'InvalidEvent',
    eventType: event.type,
    issues,
    message: `event ${event.type} is invalid: ${detail}`,
  });
  if (eventType === undefined) return E.left(invalid([], 'not an event type of this aggregate'));
  const encoded: DomainEvent<string, unknown> = eventType.codec.encode(event);
  // Decoding what was encoded checks the runtime rules that the static types cannot express.
  const checked = eventType.codec.decode(encoded);
  if (E.isLeft(checked)) {
    const issues = toIssues(checked.left);
    return E.left(invalid(issues, formatIssues(issues)));
  }
  const data = JSON.stringify(encoded.data);
  const unsealed = {
    ...envelope.metadata,
    occurredOn: encoded.occurredOn,
    schemaVersion: eventType.schemaVersion,
  };
  // The hash is taken over the JSON exactly as it will be stored and read back.
  const integrity = sealEvent({
    streamId: envelope.streamId,
    eventId: envelope.eventId,
    type: event.type,
    data: JSON.parse(data) as unknown,
    metadata: JSON.parse(JSON.stringify(unsealed)) as unknown,
    previousHash: envelope.previousHash,
  });
  return E.right({
    eventId: envelope.eventId,
    type: event.type,
    data,
    metadata: JSON.stringify(EventMetadata.encode({ ...unsealed, integrity })),
    integrity,
  });
};
