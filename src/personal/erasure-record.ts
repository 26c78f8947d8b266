import type * as t from 'io-ts';
import { eventCatalog, eventType, type EventOf } from '../kernel/event';
import { categoryOf } from '../kernel/event-registry';
import { IsoInstant } from '../kernel/event-metadata';
import { checkedString, struct } from '../kernel/primitives';
import { Reference } from '../kernel/text';
import { SubjectId } from './subject-id';

/**
 * The stream category of erasure records: `PersonalDataErasure-<subject id>`. An erasure through
 * the library destroys the subject's key and then appends a sealed record of it here, naming no
 * one: the subject's id, the key destroyed, when, and on what authority. Who asked and why are
 * the record's metadata, as for any event.
 */
export const ERASURE_CATEGORY = 'PersonalDataErasure';

export const erasureStreamOf = (subjectId: string): string => `${ERASURE_CATEGORY}-${subjectId}`;

export const isErasureStream = (streamId: string): boolean =>
  categoryOf(streamId) === ERASURE_CATEGORY;

const KeyId = checkedString('KeyId (a lowercase UUID)', (s) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s),
);

/**
 * The key of `subjectId` was destroyed at `erasedAt` on the `authority` named (a decision, an
 * order, a request's reference); `keyId` is absent when the subject had no key yet. `occurredOn`
 * is the date of the decision.
 */
export const PersonalDataErased = eventType(
  'PersonalDataErased',
  struct(
    'PersonalDataErasedData',
    { subjectId: SubjectId, erasedAt: IsoInstant, authority: Reference },
    { keyId: KeyId },
  ),
);

export const erasureEvents = eventCatalog(PersonalDataErased);
export type ErasureEvent = EventOf<[typeof PersonalDataErased]>;
export type ErasureEventData = t.TypeOf<typeof PersonalDataErased.codec>['data'];
