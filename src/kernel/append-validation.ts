import type { EventToAppend, ExpectedRevision } from './event-store';
import { InvalidAppendError } from './store-errors';
import { isWrittenJson } from './written-json';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The checks every store makes before it touches anything, so all of them refuse the same bad
 * input with the same `InvalidAppendError`: a stream name that is empty or reserved (`$...`), a
 * negative expected revision, an event id that is not a UUID or appears twice, an empty type,
 * data or metadata that is not JSON.
 */
export const validateAppend = (
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): void => {
  if (streamId.length === 0) throw new InvalidAppendError(streamId, 'the stream name is empty');
  if (streamId.startsWith('$'))
    throw new InvalidAppendError(streamId, 'stream names starting with $ are reserved');
  if (typeof expected === 'bigint' && expected < 0n)
    throw new InvalidAppendError(streamId, `expected revision ${expected} is negative`);
  const seen = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.eventId))
      throw new InvalidAppendError(streamId, `event id "${event.eventId}" is not a UUID`);
    const id = event.eventId.toLowerCase();
    if (seen.has(id))
      throw new InvalidAppendError(streamId, `event id ${event.eventId} appears twice`);
    seen.add(id);
    if (event.type.length === 0)
      throw new InvalidAppendError(streamId, `event ${event.eventId} has an empty type`);
    if (event.recordedAt !== undefined && !Number.isFinite(event.recordedAt.getTime()))
      throw new InvalidAppendError(streamId, `event ${event.eventId} has an invalid recordedAt`);
    for (const [field, text] of [
      ['data', event.data],
      ['metadata', event.metadata],
    ] as const) {
      // Text the library serialised itself is JSON already (see `isWrittenJson`).
      if (isWrittenJson(event, field, text)) continue;
      try {
        JSON.parse(text);
      } catch {
        throw new InvalidAppendError(streamId, `${event.type} ${field} is not JSON`);
      }
    }
  }
};
