import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { InvalidCommand } from '../kernel/command-failure';
import { checkInput } from '../kernel/command-input';
import {
  DeletionMode,
  deletionEvents,
  deletionStreamOf,
  type DeletionEvent,
} from '../kernel/deletion-record';
import type { EventStore, StoredEvent } from '../kernel/event-store';
import { PartialDate } from '../kernel/partial-date';
import type { CommandContext, InvalidEventError } from '../kernel/recorded-event';
import { isDatedAfter } from '../kernel/recording-time';
import { isStoreError } from '../kernel/store-errors';
import { appendSealedRecord, lastEventOf, sealedHashOf } from './sealed-record';
import { Reference } from '../kernel/text';

/** What deleting a stream on record asks for: how, on what authority, decided when. */
export const StreamDeletionRequest = t.strict(
  {
    type: t.literal('DeleteStreamOnRecord'),
    streamId: t.string,
    mode: DeletionMode,
    /** The decision, order or schedule the deletion rests on: `Records Office decision 2031/14`. */
    authority: Reference,
    /** When the deletion was decided. */
    occurredOn: PartialDate,
  },
  'DeleteStreamOnRecord',
);
export type StreamDeletionRequest = t.TypeOf<typeof StreamDeletionRequest>;

/**
 * The deletion was not carried out:
 * - `notFound`: the stream has no visible events to delete;
 * - `alreadyTombstoned`: the stream is closed for good already;
 * - `datedAfterRecording`: the decision is dated after the moment it is recorded;
 * - `changed`: the stream grew, or its record stream did, while the deletion was decided; the
 *   record, if written, covers only what it names, and the stream is left as it is.
 */
export interface DeletionRefused {
  readonly kind: 'DeletionRefused';
  readonly streamId: string;
  readonly reason: 'notFound' | 'alreadyTombstoned' | 'datedAfterRecording' | 'changed';
  readonly message: string;
}

export interface StreamDeletedOnRecord {
  readonly streamId: string;
  readonly mode: StreamDeletionRequest['mode'];
  /** The last revision the deletion covers. */
  readonly deletedUpTo: bigint;
  /** Where the sealed record of it is: `StreamDeletion-<stream>`, at this revision. */
  readonly recordStreamId: string;
  readonly recordRevision: bigint;
}

const refused = (
  streamId: string,
  reason: DeletionRefused['reason'],
  message: string,
): E.Either<DeletionRefused, never> =>
  E.left({ kind: 'DeletionRefused', streamId, reason, message });

/**
 * Soft-deletes or tombstones a stream the way a records office may: first a sealed
 * `StreamDeletionRecorded` naming the stream, the last revision it hides, that event's hash, the
 * authority, who asked and why, is appended to `StreamDeletion-<stream>`; only then is the stream
 * deleted, expecting the revision the record names. `audit verify` reports any stream hidden
 * without such a record.
 */
export const deleteStreamOnRecord = async (
  store: EventStore,
  request: StreamDeletionRequest,
  context: CommandContext,
): Promise<
  E.Either<DeletionRefused | InvalidCommand | InvalidEventError, StreamDeletedOnRecord>
> => {
  const input = checkInput({ commands: StreamDeletionRequest }, request, context);
  if (E.isLeft(input)) return input;
  const { command } = input.right;
  const { streamId } = command;
  const now = store.now?.() ?? new Date();
  if (isDatedAfter(command.occurredOn, now))
    return refused(
      streamId,
      'datedAfterRecording',
      `the deletion of ${streamId} is dated ${command.occurredOn}, after the day it is recorded`,
    );
  let target: StoredEvent | undefined;
  try {
    target = await lastEventOf(store, streamId);
  } catch (error) {
    if (isStoreError(error, 'StreamDeleted'))
      return refused(streamId, 'alreadyTombstoned', `${streamId} is tombstoned already`);
    throw error;
  }
  const lastHash = target === undefined ? undefined : sealedHashOf(target);
  if (target === undefined || lastHash === undefined)
    return refused(streamId, 'notFound', `${streamId} has no sealed events to delete`);

  const recordStreamId = deletionStreamOf(streamId);
  const record: DeletionEvent = {
    type: 'StreamDeletionRecorded',
    occurredOn: command.occurredOn,
    data: {
      streamId,
      mode: command.mode,
      deletedUpTo: String(target.revision),
      lastHash,
      authority: command.authority,
    },
  };
  const changed = (what: string) =>
    refused(streamId, 'changed', `${what} changed while its deletion was decided; try again`);
  const appended = await appendSealedRecord(
    store,
    deletionEvents,
    recordStreamId,
    record,
    input.right,
    now,
  );
  if (E.isLeft(appended))
    return appended.left === 'changed' ? changed(recordStreamId) : E.left(appended.left);
  const recordRevision = appended.right;
  try {
    await store.deleteStream(streamId, { mode: command.mode, expectedRevision: target.revision });
  } catch (error) {
    if (isStoreError(error, 'ConcurrencyConflict')) return changed(streamId);
    if (isStoreError(error, 'StreamDeleted'))
      return refused(streamId, 'alreadyTombstoned', `${streamId} is tombstoned already`);
    throw error;
  }
  return E.right({
    streamId,
    mode: command.mode,
    deletedUpTo: target.revision,
    recordStreamId,
    recordRevision,
  });
};
