import type { EventToAppend, StoredEvent } from '../kernel/event-store';
import { InvalidAppendError } from '../kernel/store-errors';
import type {
  EsdbJson,
  EsdbProposedEvent,
  EsdbRecordedEvent,
  EsdbResolvedEvent,
} from './eventstoredb-client';

export const parseJson = (
  streamId: string,
  event: EventToAppend,
  which: 'data' | 'metadata',
): unknown => {
  try {
    return JSON.parse(event[which]);
  } catch {
    throw new InvalidAppendError(streamId, `${event.type} ${which} is not JSON`);
  }
};

const isEsdbJson = (value: unknown): value is EsdbJson =>
  typeof value === 'string' || (typeof value === 'object' && value !== null);

export const jsonData = (streamId: string, event: EventToAppend): EsdbJson => {
  const data = parseJson(streamId, event, 'data');
  if (!isEsdbJson(data))
    throw new InvalidAppendError(
      streamId,
      `${event.type} data must be a JSON object, array or string to be stored in EventStoreDB`,
    );
  return data;
};

const textOf = (value: unknown, isJson: boolean): string => {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return isJson || value !== undefined ? JSON.stringify(value) : 'null';
};

export const isSystem = (event: EsdbRecordedEvent): boolean =>
  event.type.startsWith('$') || event.streamId.startsWith('$');

export const storedEventOf = (resolved: EsdbResolvedEvent): StoredEvent | undefined => {
  const event = resolved.event;
  if (event === undefined) return undefined;
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: event.position?.commit ?? resolved.commitPosition ?? -1n,
    eventId: event.id,
    type: event.type,
    data: textOf(event.data, event.isJson),
    // Metadata goes in as the port's own JSON bytes; the client hands it back parsed.
    metadata: event.metadata === undefined ? '{}' : textOf(event.metadata, true),
    recordedAt: event.created,
  };
};

/**
 * A batch's size as the server counts it against its maximum append size: each event's data as
 * the client encodes it, its metadata, and two bytes a character of its type.
 */
export const appendSizeOf = (events: readonly EsdbProposedEvent[]): number =>
  events.reduce(
    (n, e) => n + Buffer.byteLength(JSON.stringify(e.data)) + e.metadata.length + e.type.length * 2,
    0,
  );
