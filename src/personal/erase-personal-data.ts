import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { appendSealedRecord, lastEventOf } from '../audit/sealed-record';
import type { InvalidCommand } from '../kernel/command-failure';
import { checkInput } from '../kernel/command-input';
import { eventIdFor } from '../kernel/event-id';
import type { EventStore } from '../kernel/event-store';
import { PartialDate } from '../kernel/partial-date';
import {
  decodeRecordedEvent,
  type CommandContext,
  type InvalidEventError,
} from '../kernel/recorded-event';
import { isDatedAfter } from '../kernel/recording-time';
import { Reference } from '../kernel/text';
import { erasureEvents, erasureStreamOf, type ErasureEvent } from './erasure-record';
import { SubjectId } from './subject-id';

/** What erasing a data subject's personal data asks for: whose, on what authority, decided when. */
export const PersonalDataErasureRequest = t.strict(
  {
    type: t.literal('ErasePersonalData'),
    subjectId: SubjectId,
    /** The decision, order or request the erasure rests on: `DPA order 2031/7`. */
    authority: Reference,
    /** When the erasure was decided. */
    occurredOn: PartialDate,
  },
  'ErasePersonalData',
);
export type PersonalDataErasureRequest = t.TypeOf<typeof PersonalDataErasureRequest>;

/**
 * The erasure was not carried out, or not again:
 * - `noKeyStore`: the store has no key store, so there is no key to destroy;
 * - `alreadyErased`: the subject's erasure is on record already (by another command);
 * - `datedAfterRecording`: the decision is dated after the moment it is recorded;
 * - `recordUnreadable`: the record stream ends with an event that is not an erasure record the
 *   library can read, so whether the subject was erased cannot be told; nothing is done;
 * - `changed`: another writer kept appending to the record stream; the key is destroyed, and
 *   the same request again records it.
 */
export interface ErasureRefused {
  readonly kind: 'ErasureRefused';
  readonly subjectId: string;
  readonly reason:
    'noKeyStore' | 'alreadyErased' | 'datedAfterRecording' | 'recordUnreadable' | 'changed';
  readonly message: string;
}

export interface PersonalDataErasedOnRecord {
  readonly subjectId: string;
  readonly erasedAt: string;
  /** The key destroyed; absent when the subject had none yet. */
  readonly keyId?: string;
  /** Where the sealed record is: `PersonalDataErasure-<subject id>`, at this revision. */
  readonly recordStreamId: string;
  readonly recordRevision: bigint;
  /** The same command was handled before: answered from the record, nothing written. */
  readonly alreadyHandled: boolean;
}

const refused = (
  subjectId: string,
  reason: ErasureRefused['reason'],
  message: string,
): E.Either<ErasureRefused, never> =>
  E.left({ kind: 'ErasureRefused', subjectId, reason, message });

/**
 * Erases a data subject's personal data for good: destroys their key in the store's key store,
 * then appends a sealed, name-free `PersonalDataErased` record to `PersonalDataErasure-<subject
 * id>` (the subject id, the key destroyed, when, on what authority; who asked and why in its
 * metadata). From then on every sealed value of the subject reads as `[erased on DAY by
 * AUTHORITY]`, while every hash, root and proof over them stays as it was.
 *
 * The key goes first, so that a failure between the two steps never leaves a record of an
 * erasure that did not happen; the same request again (same command id) finishes it, and once
 * recorded is answered from the record.
 */
export const erasePersonalData = async (
  store: EventStore,
  request: PersonalDataErasureRequest,
  context: CommandContext,
): Promise<
  E.Either<ErasureRefused | InvalidCommand | InvalidEventError, PersonalDataErasedOnRecord>
> => {
  const input = checkInput({ commands: PersonalDataErasureRequest }, request, context);
  if (E.isLeft(input)) return input;
  const { command } = input.right;
  const { subjectId } = command;
  const keys = store.keys;
  if (keys === undefined)
    return refused(
      subjectId,
      'noKeyStore',
      `the store has no key store, so there is no key of ${subjectId} to destroy; open the store with its key store (withKeyStore)`,
    );
  const now = store.now?.() ?? new Date();
  if (isDatedAfter(command.occurredOn, now))
    return refused(
      subjectId,
      'datedAfterRecording',
      `the erasure of ${subjectId} is dated ${command.occurredOn}, after the day it is recorded`,
    );
  const recordStreamId = erasureStreamOf(subjectId);
  const eventId = eventIdFor(recordStreamId, input.right.context.commandId, 0);
  const last = await lastEventOf(store, recordStreamId);
  if (last !== undefined) {
    const decoded = decodeRecordedEvent(erasureEvents, last);
    if (E.isLeft(decoded))
      return refused(
        subjectId,
        'recordUnreadable',
        `${recordStreamId} ends with an event that is not a readable erasure record (${decoded.left.message}); nothing was erased`,
      );
    const recorded = decoded.right.event.data;
    if (last.eventId !== eventId)
      return refused(
        subjectId,
        'alreadyErased',
        `the erasure of ${subjectId} is on record already (at ${recorded.erasedAt})`,
      );
    // A retry: the key is destroyed again, which finishes an erasure that was interrupted.
    await keys.erase(subjectId, { erasedAt: recorded.erasedAt, by: recorded.authority });
    return E.right({
      subjectId,
      erasedAt: recorded.erasedAt,
      ...(recorded.keyId === undefined ? {} : { keyId: recorded.keyId }),
      recordStreamId,
      recordRevision: last.revision,
      alreadyHandled: true,
    });
  }
  const stamp = await keys.erase(subjectId, {
    erasedAt: now.toISOString(),
    by: command.authority,
  });
  const record: ErasureEvent = {
    type: 'PersonalDataErased',
    occurredOn: command.occurredOn,
    data: {
      subjectId,
      erasedAt: stamp.erasedAt,
      authority: command.authority,
      ...(stamp.keyId === undefined ? {} : { keyId: stamp.keyId }),
    },
  };
  const appended = await appendSealedRecord(
    store,
    erasureEvents,
    recordStreamId,
    record,
    input.right,
    now,
  );
  if (E.isLeft(appended))
    return appended.left === 'changed'
      ? refused(
          subjectId,
          'changed',
          `${recordStreamId} changed while the erasure was recorded; the key is destroyed, and the same request again records it`,
        )
      : E.left(appended.left);
  return E.right({
    subjectId,
    erasedAt: stamp.erasedAt,
    ...(stamp.keyId === undefined ? {} : { keyId: stamp.keyId }),
    recordStreamId,
    recordRevision: appended.right,
    alreadyHandled: false,
  });
};
