import * as t from 'io-ts';
import { eventCatalog, eventType, type EventOf } from './event';
import { categoryOf } from './event-registry';
import { checkedString, struct } from './primitives';
import { IsoInstant } from './recorded-event';
import { Name } from './text';

/**
 * The stream category where a store keeps the checkpoints signed of it:
 * `TreeCheckpoint-<origin>`. They are a convenience for the office (which heads it has signed,
 * for proofs); an auditor relies only on the copies held outside the store, in a witness file.
 */
export const TREE_CHECKPOINT_CATEGORY = 'TreeCheckpoint';

export const treeCheckpointStreamOf = (origin: string): string =>
  `${TREE_CHECKPOINT_CATEGORY}-${origin}`;

export const isTreeCheckpointStream = (streamId: string): boolean =>
  categoryOf(streamId) === TREE_CHECKPOINT_CATEGORY;

const Size = new t.Type<number, number, unknown>(
  'TreeSize',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, c) =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c),
  (n) => n,
);

const Base64Hash = checkedString('Base64Hash (32 bytes)', (s) => /^[A-Za-z0-9+/]{43}=$/.test(s));

/** A signed note: several lines, so not a free-text field; what it says is checked on reading. */
const Note = checkedString('SignedNote', (s) => s.length > 0 && s.length <= 16_384);

/**
 * A checkpoint of the store's tree head was signed: the origin, the number of events covered,
 * the root (base64), when it was made, and the signed note as handed to witnesses.
 */
export const TreeCheckpointSigned = eventType(
  'TreeCheckpointSigned',
  struct(
    'TreeCheckpointSignedData',
    { origin: Name, size: Size, rootHash: Base64Hash, madeAt: IsoInstant, note: Note },
    {},
  ),
);

export const treeCheckpointEvents = eventCatalog(TreeCheckpointSigned);
export type TreeCheckpointEvent = EventOf<[typeof TreeCheckpointSigned]>;
