import * as E from 'fp-ts/Either';
import { decode, encodeExact, isExactly } from './decode';
import type { DomainEvent, EventCatalog } from './event';
import { EnvelopeMetadata, EventMetadata } from './event-metadata';
import type { EventToAppend, StoredEvent } from './event-store';
import { LINK_VERSION, sealEvent, type IntegrityLink } from './integrity';
import {
  NO_KEYS,
  openPersonalData,
  sealPersonalData,
  type PersonalKeys,
  type SealRefusal,
} from '../personal/sealed-data';
import { upcastData, type UpcastFailure } from './upcast';
import { formatIssues, toIssues, type ValidationIssue } from './validation';
import { writtenEvent } from './written-json';

export { CommandContext, EventMetadata, IsoInstant, Uuid } from './event-metadata';

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
  | 'unsupportedSchemaVersion'
  | 'missingUpcaster'
  | 'upcastFailed'
  | 'sealedPersonalData';

/** A stored event that cannot be read back as what it claims to be. Never becomes state. */
export interface DecodeError {
  readonly kind: 'DecodeError';
  readonly problem: DecodeProblem;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly eventType: string;
  /** The schema version the event was written in, once its metadata could be read. */
  readonly schemaVersion?: number;
  /** For `missingUpcaster`: the step from one version to the next that nothing performs. */
  readonly missingStep?: { readonly from: number; readonly to: number };
  readonly issues: readonly ValidationIssue[];
  readonly message: string;
}

const decodeError = (
  stored: StoredEvent,
  problem: DecodeProblem,
  detail: string,
  issues: readonly ValidationIssue[] = [],
  found: Pick<DecodeError, 'schemaVersion' | 'missingStep'> = {},
): DecodeError => ({
  kind: 'DecodeError',
  problem,
  streamId: stored.streamId,
  revision: stored.revision,
  position: stored.position,
  eventType: stored.type,
  ...found,
  issues,
  message: `cannot decode ${stored.type} at ${stored.streamId}@${stored.revision}: ${detail}`,
});

const upcastError = (
  stored: StoredEvent,
  schemaVersion: number,
  current: number,
  failure: UpcastFailure,
): DecodeError => {
  const written = `written with schema version ${schemaVersion}`;
  switch (failure.kind) {
    case 'missingStep':
      return decodeError(
        stored,
        'missingUpcaster',
        `${written}; reading it as version ${current} needs an upcaster from version ${failure.from} to ${failure.to}, and none is declared for ${stored.type}`,
        [],
        { schemaVersion, missingStep: { from: failure.from, to: failure.to } },
      );
    case 'notAnObject':
      return decodeError(
        stored,
        'invalidData',
        `${written}; its data is not a JSON object, so it cannot be upcast`,
        [],
        { schemaVersion },
      );
    case 'stepFailed':
      return decodeError(
        stored,
        'upcastFailed',
        `${written}; the upcaster from version ${failure.from} to ${failure.to} failed: ${failure.reason}`,
        [],
        { schemaVersion },
      );
    default: {
      const unknown: never = failure;
      return unknown;
    }
  }
};

const parseJson = (text: string): E.Either<string, unknown> => {
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch (error) {
    return E.left(error instanceof Error ? error.message : String(error));
  }
};

/**
 * Reads a stored event back into a typed recorded event, or says exactly what is wrong with it.
 * Its sealed personal values are opened with `keys` (see personal/sealed-data.ts): a value whose
 * key is not among them reads as a placeholder, as does an erased one.
 */
export const decodeRecordedEvent = <Event extends DomainEvent>(
  catalog: EventCatalog<Event>,
  stored: StoredEvent,
  keys: PersonalKeys = NO_KEYS,
): E.Either<DecodeError, RecordedEvent<Event>> => {
  const eventType = catalog.lookup(stored.type);
  if (eventType === undefined)
    return E.left(
      decodeError(stored, 'unknownType', `unknown event type (known: ${catalog.types.join(', ')})`),
    );
  const metadataJson = parseJson(stored.metadata);
  if (E.isLeft(metadataJson))
    return E.left(decodeError(stored, 'badJson', `metadata is not JSON (${metadataJson.left})`));
  const metadata = decode(EventMetadata, metadataJson.right);
  if (E.isLeft(metadata)) {
    const issues = toIssues(metadata.left).map((i) => ({ ...i, path: `metadata.${i.path}` }));
    return E.left(decodeError(stored, 'invalidMetadata', formatIssues(issues), issues));
  }
  const { schemaVersion, occurredOn } = metadata.right;
  const current = eventType.schemaVersion;
  if (schemaVersion > current)
    return E.left(
      decodeError(
        stored,
        'unsupportedSchemaVersion',
        `written with schema version ${schemaVersion}, but this library knows ${stored.type} only up to version ${current}; upgrade diplomatic-ledger to read it`,
        [],
        { schemaVersion },
      ),
    );
  const dataJson = parseJson(stored.data);
  if (E.isLeft(dataJson))
    return E.left(decodeError(stored, 'badJson', `data is not JSON (${dataJson.left})`));
  // Older data is brought up to today's shape here, in memory only: the stored text, and so the
  // integrity hash over it, stays exactly as it was written.
  const upcast = upcastData(eventType.upcasters, schemaVersion, current, dataJson.right, {
    type: stored.type,
    occurredOn,
    metadata: metadata.right,
  });
  if (E.isLeft(upcast)) return E.left(upcastError(stored, schemaVersion, current, upcast.left));
  // The codec reads plain text where the record keeps a sealed value; the stored text, which the
  // hashes cover, keeps the ciphertext.
  const personal = eventType.personal ?? [];
  const opened =
    personal.length === 0
      ? E.right(upcast.right)
      : openPersonalData(personal, upcast.right, keys, stored);
  if (E.isLeft(opened))
    return E.left(decodeError(stored, 'sealedPersonalData', opened.left, [], { schemaVersion }));
  const event = decode(eventType.codec, { type: stored.type, occurredOn, data: opened.right });
  if (E.isLeft(event)) {
    const issues = toIssues(event.left);
    const detail =
      schemaVersion < current
        ? `${formatIssues(issues)} (after upcasting from schema version ${schemaVersion} to ${current})`
        : formatIssues(issues);
    return E.left(decodeError(stored, 'invalidData', detail, issues, { schemaVersion }));
  }
  return E.right({
    streamId: stored.streamId,
    revision: stored.revision,
    position: stored.position,
    eventId: stored.eventId,
    // The sealed instant is the record's; the store's own copy is checked against it by an audit.
    recordedAt:
      metadata.right.recordedAt === undefined
        ? stored.recordedAt
        : new Date(metadata.right.recordedAt),
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

/**
 * A personal value could not be sealed, so nothing was recorded: it names no data subject
 * (`NoSubject`), the store has no key store (`NoKeyStore`), or the subject was erased
 * (`SubjectErased`). The message names the field and the subject id, never the value.
 */
export interface PersonalDataRefused extends SealRefusal {
  readonly kind: 'PersonalDataRefused';
  readonly eventType: string;
}

/** Where an event goes and who records it: what `encodeEvent` needs beside the event. */
export interface EventEnvelope {
  readonly streamId: string;
  readonly eventId: string;
  /** The keys its personal values are sealed with, fetched beforehand (`keysForSealing`). */
  readonly personalKeys?: PersonalKeys;
  /** The integrity hash of the event before this one in its stream; `null` for the first. */
  readonly previousHash: string | null;
  /** When the event is recorded: sealed with it, and handed to the store to keep. */
  readonly recordedAt: Date;
  readonly metadata: Omit<
    EventMetadata,
    'occurredOn' | 'schemaVersion' | 'integrity' | 'recordedAt'
  >;
}

/**
 * Validates a domain event against its codec, seals it into its stream's integrity chain and
 * serialises it with its metadata. Nothing that fails here reaches a store.
 */
export const encodeEvent = <Event extends DomainEvent>(
  catalog: EventCatalog<Event>,
  event: Event,
  envelope: EventEnvelope,
): E.Either<
  InvalidEventError | PersonalDataRefused,
  EventToAppend & { readonly integrity: IntegrityLink }
> => {
  const eventType = catalog.lookup(event.type);
  const invalid = (issues: readonly ValidationIssue[], detail: string): InvalidEventError => ({
    kind: 'InvalidEvent',
    eventType: event.type,
    issues,
    message: `event ${event.type} is invalid: ${detail}`,
  });
  if (eventType === undefined) return E.left(invalid([], 'not an event type of this aggregate'));
  // Decoding what is encoded checks the runtime rules that the static types cannot express, and
  // the codecs are exact, so encoding keeps only the keys they know. An event already exactly as
  // its codec reads it is its own encoding, and is checked once, as it is.
  const codec = eventType.codec;
  const exact = isExactly(codec, event);
  let encoded: DomainEvent<string, unknown> = exact
    ? encodeExact(codec, event)
    : codec.encode(event);
  if (!exact || encoded !== event) {
    const checked = decode(codec, encoded);
    if (E.isLeft(checked)) {
      const issues = toIssues(checked.left);
      return E.left(invalid(issues, formatIssues(issues)));
    }
    // What is stored is what reading it back gives: text as its codec normalises it (NFC, trimmed).
    encoded = codec.encode(checked.right);
  }
  const personal = eventType.personal ?? [];
  if (personal.length > 0) {
    const sealed = sealPersonalData(personal, encoded.data, envelope.personalKeys, envelope);
    if (E.isLeft(sealed))
      return E.left({ kind: 'PersonalDataRefused', eventType: event.type, ...sealed.left });
    encoded = { ...encoded, data: sealed.right };
  }
  const metadata = decode(EnvelopeMetadata, envelope.metadata);
  if (E.isLeft(metadata)) {
    const issues = toIssues(metadata.left).map((i) => ({ ...i, path: `metadata.${i.path}` }));
    return E.left(invalid(issues, formatIssues(issues)));
  }
  if (!Number.isFinite(envelope.recordedAt.getTime()))
    return E.left(invalid([], 'its recordedAt is not a valid instant'));
  const unsealed = {
    ...metadata.right,
    occurredOn: encoded.occurredOn,
    schemaVersion: eventType.schemaVersion,
    recordedAt: envelope.recordedAt.toISOString(),
  };
  // The hash is taken over the canonical JSON of the data as it stands: for anything canonical
  // JSON accepts, that is the canonical JSON of the stored text read back. What JSON would change
  // (NaN and the infinities, which it turns into null) canonical JSON refuses, and so does this.
  let integrity: IntegrityLink;
  try {
    integrity = sealEvent({
      streamId: envelope.streamId,
      eventId: envelope.eventId,
      type: event.type,
      data: encoded.data,
      metadata: unsealed,
      previousHash: envelope.previousHash,
      version: LINK_VERSION,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return E.left(invalid([], `its data has no exact JSON form (${reason})`));
  }
  const data = JSON.stringify(encoded.data);
  return E.right(
    writtenEvent({
      eventId: envelope.eventId,
      type: event.type,
      data,
      metadata: JSON.stringify(EventMetadata.encode({ ...unsealed, integrity })),
      recordedAt: envelope.recordedAt,
      integrity,
    }),
  );
};
