import * as E from 'fp-ts/Either';
import type { StoredEvent } from '../kernel/event-store';
import { EMPTY_DIGEST, IntegrityLink, foldDigest, sealEvent, sha256 } from '../kernel/integrity';
import { decode } from '../kernel/decode';
import { IsoInstant } from '../kernel/recorded-event';

/**
 * What can be wrong with a stored event's place in its chain:
 * - `unreadable`: its data or metadata is not JSON, or it carries no integrity link;
 * - `dataAltered`: its data no longer matches the digest sealed with it;
 * - `eventAltered`: its metadata, type, id or stream no longer match its hash;
 * - `chainBroken`: it does not follow the event before it in its stream: an event in between was
 *   removed or inserted, or the order was changed;
 * - `chainRestarted`: it starts a new chain in a stream that already had one (as a stream
 *   recreated after a soft delete does); a reviewer should be able to explain it;
 * - `recordedAtAltered`: the store keeps another time of recording than the one sealed in the
 *   event (link version 2): a late entry made to look early, or the reverse;
 * - `streamHidden` (from `verifyAll`): a reader no longer sees a stream, or its first revisions,
 *   and no sealed deletion record covers them (see `deleteStreamOnRecord`).
 */
export type IntegrityProblem =
  | 'unreadable'
  | 'dataAltered'
  | 'eventAltered'
  | 'chainBroken'
  | 'chainRestarted'
  | 'recordedAtAltered'
  | 'streamHidden';

export interface IntegrityFinding {
  readonly problem: IntegrityProblem;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly eventId: string;
  readonly eventType: string;
  readonly message: string;
}

interface ChainEnd {
  readonly hash: string;
  readonly revision: bigint;
}

export interface ChainCheck {
  /** `undefined` when the event's link holds. */
  readonly finding: IntegrityFinding | undefined;
  /** The hash recomputed from what is stored now. */
  readonly hash: string;
  /** The instant sealed in the event (link version 2), when it carries a valid one. */
  readonly sealedRecordedAt?: string;
}

const parse = (text: string): E.Either<string, unknown> =>
  E.tryCatch(
    () => JSON.parse(text) as unknown,
    (e) => (e instanceof Error ? e.message : String(e)),
  );

const withoutIntegrity = (metadata: Record<string, unknown>): Record<string, unknown> => {
  const { integrity: _integrity, ...rest } = metadata;
  return rest;
};

export interface ChainCheckOptions {
  /**
   * Whether the events come from a store that keeps the `recordedAt` each event was sealed with
   * (`EventStore.keepsRecordedAt`): then a stored instant that differs from the sealed one is a
   * finding. A history file, or EventStoreDB, which stamps its own time, is not held to it.
   */
  readonly storeKeepsRecordedAt?: boolean;
}

/** The instant sealed in a version-2 event's metadata, if it carries a valid one. */
const sealedInstant = (metadata: Record<string, unknown>): string | undefined => {
  const at = metadata.recordedAt;
  return typeof at === 'string' && decode(IsoInstant, at)._tag === 'Right' ? at : undefined;
};

/** The instant sealed in an event's metadata text (link version 2), if it carries one. */
export const sealedRecordedAt = (metadataText: string): Date | undefined => {
  const metadata = parse(metadataText);
  if (E.isLeft(metadata) || typeof metadata.right !== 'object' || metadata.right === null)
    return undefined;
  const instant = sealedInstant(metadata.right as Record<string, unknown>);
  return instant === undefined ? undefined : new Date(instant);
};

/**
 * Checks stored events one at a time, in the order of their streams, remembering where each
 * stream's chain ended and folding every event into a running digest. Memory grows with the
 * number of streams, not of events.
 */
export const createChainChecker = (options: ChainCheckOptions = {}) => {
  const ends = new Map<string, ChainEnd>();
  let digest = EMPTY_DIGEST;
  let checked = 0;

  const check = (stored: StoredEvent): ChainCheck => {
    const finding = (problem: IntegrityProblem, detail: string): IntegrityFinding => ({
      problem,
      streamId: stored.streamId,
      revision: stored.revision,
      position: stored.position,
      eventId: stored.eventId,
      eventType: stored.type,
      message: `${stored.type} at ${stored.streamId}@${stored.revision} (position ${stored.position}): ${detail}`,
    });
    const previous = ends.get(stored.streamId);
    const conclude = (result: ChainCheck, link: string): ChainCheck => {
      ends.set(stored.streamId, { hash: link, revision: stored.revision });
      digest = foldDigest(digest, result.hash);
      checked++;
      return result;
    };

    // What an unreadable event stands for in the chain and the tree. Only those need it, and it
    // is the largest input hashed, so an intact event does not pay for it.
    const unreadable = (detail: string): ChainCheck => {
      const rawHash = sha256(`${stored.data}\n${stored.metadata}`);
      return conclude({ finding: finding('unreadable', detail), hash: rawHash }, rawHash);
    };
    const data = parse(stored.data);
    const metadata = parse(stored.metadata);
    if (E.isLeft(data) || E.isLeft(metadata)) return unreadable('its data or metadata is not JSON');
    const meta = metadata.right;
    const link =
      typeof meta === 'object' && meta !== null && !Array.isArray(meta)
        ? decode(IntegrityLink, (meta as Record<string, unknown>).integrity)
        : undefined;
    if (link === undefined || E.isLeft(link))
      return unreadable('it carries no valid integrity link');
    const sealed = link.right;
    const recomputed = sealEvent({
      streamId: stored.streamId,
      eventId: stored.eventId,
      type: stored.type,
      data: data.right,
      metadata: withoutIntegrity(meta as Record<string, unknown>),
      previousHash: sealed.previousHash,
      ...(sealed.version === undefined ? {} : { version: sealed.version }),
    });
    // Later events are checked against the hash this event was sealed with, so one altered
    // event is reported once rather than breaking every link after it.
    const instant = sealedInstant(meta as Record<string, unknown>);
    const result = (detail?: [IntegrityProblem, string]): ChainCheck =>
      conclude(
        {
          finding: detail === undefined ? undefined : finding(...detail),
          hash: recomputed.hash,
          ...(instant === undefined ? {} : { sealedRecordedAt: instant }),
        },
        sealed.hash,
      );
    if (recomputed.dataHash !== sealed.dataHash)
      return result(['dataAltered', 'its data does not match the digest sealed with it']);
    if (recomputed.hash !== sealed.hash)
      return result([
        'eventAltered',
        'its metadata, type, id or stream do not match the hash sealed with it',
      ]);
    if (previous === undefined && sealed.previousHash !== null)
      return result([
        'chainBroken',
        'it follows an event that is not in the stream: the events before it are missing',
      ]);
    if (previous !== undefined && sealed.previousHash === null)
      return result([
        'chainRestarted',
        `it starts a new chain after ${stored.streamId}@${previous.revision} (a stream recreated after a soft delete does this)`,
      ]);
    if (previous !== undefined && sealed.previousHash !== previous.hash)
      return result([
        'chainBroken',
        stored.revision === previous.revision + 1n
          ? `it does not follow ${stored.streamId}@${previous.revision}: an event was removed, inserted or moved`
          : `it does not follow ${stored.streamId}@${previous.revision}, and the revisions in between are missing`,
      ]);
    if (sealed.version !== undefined) {
      if (instant === undefined)
        return result(['eventAltered', 'it is sealed as version 2 but carries no recordedAt']);
      if (options.storeKeepsRecordedAt === true && stored.recordedAt.toISOString() !== instant)
        return result([
          'recordedAtAltered',
          `the store says it was recorded at ${stored.recordedAt.toISOString()}, but it was sealed as recorded at ${instant}`,
        ]);
    }
    return result();
  };

  return {
    check,
    /** The running digest of every event checked so far, in the order checked. */
    digest: (): string => digest,
    checked: (): number => checked,
  };
};

export type ChainChecker = ReturnType<typeof createChainChecker>;
