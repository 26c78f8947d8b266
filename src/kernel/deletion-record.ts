import * as t from 'io-ts';
import { eventCatalog, eventType, type EventOf } from './event';
import { categoryOf } from './event-registry';
import { Sha256Hex } from './integrity';
import { checkedString, struct } from './primitives';
import { Reference } from './text';

/**
 * The stream category of deletion records: `StreamDeletion-<stream deleted>`. A stream is hidden
 * (soft-deleted) or closed for good (tombstoned) through the library only after a sealed record
 * of it is appended here, so that an audit can tell a deletion on record from a stream hidden
 * behind the record's back.
 */
export const DELETION_CATEGORY = 'StreamDeletion';

export const deletionStreamOf = (streamId: string): string => `${DELETION_CATEGORY}-${streamId}`;

export const isDeletionStream = (streamId: string): boolean =>
  categoryOf(streamId) === DELETION_CATEGORY;

/** A stream revision written as decimal digits: JSON has no bigint. */
export const RevisionText = checkedString('RevisionText', (s) => /^(0|[1-9][0-9]*)$/.test(s));

export const DeletionMode = t.keyof({ soft: null, tombstone: null }, 'DeletionMode');

/**
 * `streamId` is to be hidden (`soft`) or closed for good (`tombstone`) up to and including
 * `deletedUpTo`, whose event was sealed as `lastHash`, on the `authority` named (a decision,
 * an order, a retention schedule). Who asked and why are the record's metadata, as for any
 * event; `occurredOn` is the date of the decision.
 */
export const StreamDeletionRecorded = eventType(
  'StreamDeletionRecorded',
  struct(
    'StreamDeletionRecordedData',
    {
      streamId: checkedString('StreamId', (s) => s.length > 0 && !s.startsWith('$')),
      mode: DeletionMode,
      deletedUpTo: RevisionText,
      lastHash: Sha256Hex,
      authority: Reference,
    },
    {},
  ),
);

export const deletionEvents = eventCatalog(StreamDeletionRecorded);
export type DeletionEvent = EventOf<[typeof StreamDeletionRecorded]>;
