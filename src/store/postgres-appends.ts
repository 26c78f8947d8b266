import type { AppendResult, EventToAppend, ExpectedRevision } from '../kernel/event-store';
import {
  checkExpected,
  conflict,
  decideAppend,
  type IdLookup,
  type StoredIdAt,
  type StreamView,
} from './expected-revision';
import { bigintOf, type PostgresStatements, type RowQuery } from './postgres-rows';

/**
 * Appends to the PostgreSQL store, inside a transaction that holds the schema's write lock: the
 * expected-revision and idempotency rules are the ones every store shares
 * (`expected-revision.ts`), decided on what one statement read of the stream.
 */

/** A stream as the rules see it, and where the given ids sit in it. */
export interface StreamRead {
  readonly view: StreamView | undefined;
  readonly lookup: IdLookup;
}

/**
 * Reads a stream and the places of `eventIds` in it. The rules ask a lookup only for the ids of
 * the batch (the events at the revisions they compare, and the first revision of the first id),
 * so the rows holding those ids are all they can need: a revision holding another id answers as
 * a revision holding none would.
 */
export const readStreamView = async (
  query: RowQuery,
  statements: PostgresStatements,
  streamId: string,
  eventIds: readonly string[],
): Promise<StreamRead> => {
  const [row] = await query(statements.stream, [streamId, eventIds]);
  return streamReadOf(row);
};

/** The stream and the places of ids, from a row of `streamViewSql`. */
export const streamReadOf = (row: readonly unknown[] | undefined): StreamRead => {
  const [last, visibleFrom, tombstoned, ids, revisions, positions] = row ?? [];
  const found: StoredIdAt[] = ((ids as string[] | null) ?? []).map((eventId, i) => ({
    eventId,
    revision: BigInt((revisions as string[])[i] as string),
    position: BigInt((positions as string[])[i] as string),
  }));
  const lookup: IdLookup = {
    between: (from, to) => found.filter((e) => e.revision >= from && e.revision <= to),
    firstRevisionOf: (eventId, from) =>
      found
        .filter((e) => e.eventId === eventId && e.revision >= from)
        .reduce<bigint | undefined>(
          (a, e) => (a === undefined || e.revision < a ? e.revision : a),
          undefined,
        ),
  };
  const lastRevision = bigintOf(last);
  const from = bigintOf(visibleFrom);
  // A stream exists once it has an event or a delete touched it; a tombstone may come first.
  if (lastRevision === undefined && from === undefined) return { view: undefined, lookup };
  return {
    view: {
      lastRevision: lastRevision ?? -1n,
      visibleFrom: from ?? 0n,
      tombstoned: tombstoned === true,
    },
    lookup,
  };
};

/**
 * What an append of a non-empty batch does on the stream read: the result to answer with when
 * nothing is to be written (an idempotent re-append), or the revision the batch follows. Throws
 * on a conflict or a deleted stream.
 */
export const decideRows = (
  read: StreamRead,
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): { readonly answer: AppendResult } | { readonly after: bigint } => {
  const decision = decideAppend(streamId, read.view, read.lookup, events, expected);
  if (decision.kind === 'alreadyAppended')
    return { answer: { nextExpectedRevision: decision.revision, position: decision.position } };
  return { after: read.view?.lastRevision ?? -1n };
};

/** One append inside the caller's transaction (which holds the write lock). */
export const appendRows = async (
  query: RowQuery,
  statements: PostgresStatements,
  options: { readonly channel: string; readonly recordedAt: Date },
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<{ readonly result: AppendResult; readonly written: number }> => {
  const { view, lookup } = await readStreamView(
    query,
    statements,
    streamId,
    events.map((e) => e.eventId),
  );
  if (events.length === 0) {
    // Checked like any append, but nothing is written and nothing is created.
    checkExpected(streamId, view, expected);
    return {
      result: { nextExpectedRevision: view?.lastRevision ?? -1n, position: -1n },
      written: 0,
    };
  }
  const decided = decideRows({ view, lookup }, streamId, events, expected);
  if ('answer' in decided) return { result: decided.answer, written: 0 };
  const { after } = decided;
  const fallback = options.recordedAt.toISOString();
  const [row] = await query(statements.insert, [
    streamId,
    after.toString(),
    events.map((e) => e.eventId),
    events.map((e) => e.type),
    events.map((e) => e.data),
    events.map((e) => e.metadata),
    events.map((e) => e.recordedAt?.toISOString() ?? fallback),
    options.channel,
  ]);
  return {
    result: {
      nextExpectedRevision: after + BigInt(events.length),
      position: BigInt((row?.[1] as string | undefined) ?? '-1'),
    },
    written: events.length,
  };
};

/** Raises the conflict a unique violation on (stream, revision) means: a writer raced us. */
export const conflictAfterRace = async (
  query: RowQuery,
  statements: PostgresStatements,
  streamId: string,
  expected: ExpectedRevision,
): Promise<never> => {
  const { view } = await readStreamView(query, statements, streamId, []);
  throw conflict(streamId, view, expected);
};
