import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

/** The namespace of every event id this library derives (a fixed, randomly chosen UUID). */
export const EVENT_ID_NAMESPACE = '6f1c1b7e-3a52-4d0f-9a8e-2c9b5d41e7a3';

/**
 * The id of the `index`-th event a command produces in a stream. Derived, not random: a command
 * retried after a lost reply yields the same ids, and the store recognises them instead of
 * appending twice. The stream is part of the name, so one command id used in two streams never
 * gives two events one id; the command id is read as a UUID, in any case.
 */
export const eventIdFor = (streamId: string, commandId: string, index: number): string =>
  uuidv5(Buffer.from(`${streamId}/${commandId.toLowerCase()}/${index}`, 'utf8'), namespaceBytes);

// Both given as bytes: as text, uuid validates and parses the namespace again for every id, and
// encodes the name through a slower route than Node's own UTF-8 encoder.
const namespaceBytes = parseUuid(EVENT_ID_NAMESPACE);
