import * as E from 'fp-ts/Either';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import * as t from 'io-ts';
import type { EventStore, EventToAppend, StoredEvent } from '../kernel/event-store';
import { isStoreError } from '../kernel/store-errors';
import { formatIssues, toIssues } from '../kernel/validation';
import { eventAsStored } from './event-as-stored';
import { createChainChecker, sealedRecordedAt } from './integrity-check';

/**
 * A history as JSON Lines: a header, one recorded event per line (data and metadata as JSON,
 * integrity link included), and a footer with the count and the running digest, so a file cut
 * short or with lines removed at its end is refused as surely as one edited in the middle.
 */
export const HISTORY_FORMAT = 'diplomatic-ledger/history';
export const HISTORY_FORMAT_VERSION = 1;

const BigIntString = new t.Type<bigint, string, unknown>(
  'integer as a string',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) =>
    typeof u === 'string' && /^(0|[1-9]\d*)$/.test(u) ? t.success(BigInt(u)) : t.failure(u, c),
  (b) => b.toString(),
);
const IsoInstant = new t.Type<Date, string, unknown>(
  'ISO 8601 instant',
  (u): u is Date => u instanceof Date,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c);
    const d = new Date(u);
    return Number.isNaN(d.getTime()) ? t.failure(u, c) : t.success(d);
  },
  (d) => d.toISOString(),
);

const HeaderLine = t.strict(
  { format: t.literal(HISTORY_FORMAT), version: t.literal(HISTORY_FORMAT_VERSION) },
  'header',
);
const EventLine = t.strict(
  {
    position: BigIntString,
    streamId: t.string,
    revision: BigIntString,
    eventId: t.string,
    type: t.string,
    recordedAt: IsoInstant,
    data: t.unknown,
    metadata: t.unknown,
  },
  'event line',
);
const FooterLine = t.strict({ end: t.literal(true), events: t.number, digest: t.string }, 'footer');

const toLine = (event: StoredEvent): string => JSON.stringify(eventAsStored(event));

export interface ExportOptions {
  /** Called after every event with the number exported so far. */
  readonly onProgress?: (eventsExported: number) => void;
}

/** The whole store in global order, as the lines of a history file (without line breaks). */
export async function* exportHistory(
  store: EventStore,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  const checker = createChainChecker();
  yield JSON.stringify({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION });
  for await (const event of store.readAll()) {
    checker.check(event);
    yield toLine(event);
    options.onProgress?.(checker.checked());
  }
  yield JSON.stringify({ end: true, events: checker.checked(), digest: checker.digest() });
}

/** Writes the history to a file; resolves with the number of events and the digest written. */
export const exportHistoryToFile = async (
  store: EventStore,
  path: string,
  options: ExportOptions = {},
): Promise<{ readonly events: number; readonly digest: string }> => {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let last = '';
  try {
    for await (const line of exportHistory(store, options)) {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
      last = line;
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
  const footer = JSON.parse(last) as { events: number; digest: string };
  return { events: footer.events, digest: footer.digest };
};

/** A history file refused before anything was written; `line` counts from 1. */
export interface ImportRefused {
  readonly kind: 'ImportRefused';
  readonly line: number;
  readonly message: string;
}

export interface ImportSummary {
  readonly events: number;
  readonly streams: number;
  readonly digest: string;
}

export interface ImportOptions {
  /** Called during the check and during the writing, with how far each has come. */
  readonly onProgress?: (stage: 'checking' | 'writing', events: number) => void;
}

const refused = (line: number, message: string): E.Either<ImportRefused, never> =>
  E.left({ kind: 'ImportRefused', line, message: `line ${line}: ${message}` });

const decodeAs = <A>(codec: t.Type<A, unknown, unknown>, json: unknown): E.Either<string, A> => {
  const decoded = codec.decode(json);
  return E.isLeft(decoded)
    ? E.left(`not a valid ${codec.name} (${formatIssues(toIssues(decoded.left))})`)
    : E.right(decoded.right);
};

type Line =
  | { readonly kind: 'header' }
  | { readonly kind: 'event'; readonly event: t.TypeOf<typeof EventLine> }
  | { readonly kind: 'footer'; readonly footer: t.TypeOf<typeof FooterLine> };

/** Reads one line of a history file as the header (line 1), the footer, or an event. */
const readLine = (text: string, lineNo: number): E.Either<string, Line> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return E.left(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (lineNo === 1)
    return E.map((): Line => ({ kind: 'header' }))(
      E.mapLeft((m: string) => `not a ${HISTORY_FORMAT} file: ${m}`)(decodeAs(HeaderLine, json)),
    );
  if (typeof json === 'object' && json !== null && 'end' in json)
    return E.map((footer: t.TypeOf<typeof FooterLine>): Line => ({ kind: 'footer', footer }))(
      decodeAs(FooterLine, json),
    );
  return E.map((event: t.TypeOf<typeof EventLine>): Line => ({ kind: 'event', event }))(
    decodeAs(EventLine, json),
  );
};

const toStored = (line: t.TypeOf<typeof EventLine>): StoredEvent => ({
  ...line,
  data: JSON.stringify(line.data),
  metadata: JSON.stringify(line.metadata),
});

/** What the first pass learnt: enough to write without looking at the file's contents again. */
interface Checked {
  readonly summary: ImportSummary;
  readonly streamIds: ReadonlySet<string>;
}

const check = async (
  lines: AsyncIterable<string>,
  options: ImportOptions,
): Promise<E.Either<ImportRefused, Checked>> => {
  const checker = createChainChecker();
  const lastRevision = new Map<string, bigint>();
  let lineNo = 0;
  let lastPosition: bigint | undefined;
  let footer: t.TypeOf<typeof FooterLine> | undefined;
  for await (const text of lines) {
    lineNo++;
    if (footer !== undefined) return refused(lineNo, 'a line follows the footer');
    const line = readLine(text, lineNo);
    if (E.isLeft(line)) return refused(lineNo, line.left);
    if (line.right.kind === 'header') continue;
    if (line.right.kind === 'footer') {
      footer = line.right.footer;
      continue;
    }
    const event = line.right.event;
    if (lastPosition !== undefined && event.position <= lastPosition)
      return refused(lineNo, `position ${event.position} does not follow position ${lastPosition}`);
    lastPosition = event.position;
    const expected = (lastRevision.get(event.streamId) ?? -1n) + 1n;
    if (event.revision !== expected)
      return refused(
        lineNo,
        `${event.streamId}@${event.revision} where revision ${expected} was due: events are missing before it`,
      );
    lastRevision.set(event.streamId, event.revision);
    const { finding } = checker.check(toStored(event));
    if (finding !== undefined)
      return refused(lineNo, `integrity: ${finding.problem}: ${finding.message}`);
    options.onProgress?.('checking', checker.checked());
  }
  if (lineNo === 0) return refused(1, 'the file is empty');
  if (footer === undefined)
    return refused(lineNo + 1, 'the footer is missing: the file is cut short');
  if (footer.events !== checker.checked())
    return refused(
      lineNo,
      `the footer counts ${footer.events} events, the file holds ${checker.checked()}`,
    );
  if (footer.digest !== checker.digest())
    return refused(
      lineNo,
      `the footer's digest ${footer.digest} does not match the events' digest ${checker.digest()}`,
    );
  return E.right({
    summary: { events: checker.checked(), streams: lastRevision.size, digest: checker.digest() },
    streamIds: new Set(lastRevision.keys()),
  });
};

const exists = async (store: EventStore, streamId: string): Promise<boolean> => {
  try {
    for await (const _ of store.readStream(streamId, { maxCount: 1 })) return true;
    return false;
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound')) return false;
    if (isStoreError(error, 'StreamDeleted')) return true;
    throw error;
  }
};

/**
 * Imports a history. The whole file is checked first (format, order, every integrity link, the
 * footer's count and digest) and nothing is written unless all of it holds; a refusal names the
 * line. Streams already in the target store are refused too, so an import never mixes histories.
 * Each stream keeps its revisions, event ids and the instants they were recorded at: a store
 * that keeps `recordedAt` keeps the sealed one (or, for events sealed before it was, the one in
 * the file), so the copy answers "what did we know on date Y" as the original does.
 *
 * `openLines` is called twice, once to check and once to write.
 */
export const importHistory = async (
  store: EventStore,
  openLines: () => AsyncIterable<string>,
  options: ImportOptions = {},
): Promise<E.Either<ImportRefused, ImportSummary>> => {
  const checked = await check(openLines(), options);
  if (E.isLeft(checked)) return checked;
  for (const streamId of checked.right.streamIds)
    if (await exists(store, streamId))
      return E.left({
        kind: 'ImportRefused',
        line: 0,
        message: `stream ${streamId} already exists in the target store; import into a store that does not hold it`,
      });

  // Consecutive events of one stream go in one append, with the revision the file says.
  let batch: { streamId: string; first: bigint; events: EventToAppend[] } | undefined;
  let written = 0;
  const flush = async (): Promise<void> => {
    if (batch === undefined) return;
    await store.appendToStream(batch.streamId, batch.events, {
      expectedRevision: batch.first === 0n ? 'no_stream' : batch.first - 1n,
    });
    written += batch.events.length;
    options.onProgress?.('writing', written);
    batch = undefined;
  };
  let lineNo = 0;
  for await (const text of openLines()) {
    lineNo++;
    const line = readLine(text, lineNo);
    // Every line was checked above; only events are written.
    if (E.isLeft(line) || line.right.kind !== 'event') continue;
    const event = toStored(line.right.event);
    if (batch !== undefined && (batch.streamId !== event.streamId || batch.events.length >= 500))
      await flush();
    batch ??= { streamId: event.streamId, first: event.revision, events: [] };
    batch.events.push({
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      // The sealed instant, which a store that keeps it must keep; else the original store's.
      recordedAt: sealedRecordedAt(event.metadata) ?? event.recordedAt,
    });
  }
  await flush();
  return E.right(checked.right.summary);
};

/** The lines of a file, read lazily. */
export const linesOfFile = (path: string): AsyncIterable<string> =>
  createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });

/** What is at `path` instead of a file to read, if anything. */
const notAFile = (path: string): string | undefined => {
  try {
    return statSync(path).isFile() ? undefined : 'is not a file (a directory?)';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? 'does not exist'
      : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
};

/**
 * Imports a history file written by `exportHistoryToFile`. A path with no file to read (nothing
 * there, a directory) is refused at line 0, and nothing is written.
 */
export const importHistoryFile = async (
  store: EventStore,
  path: string,
  options: ImportOptions = {},
): Promise<E.Either<ImportRefused, ImportSummary>> => {
  const missing = notAFile(path);
  if (missing !== undefined)
    return E.left({ kind: 'ImportRefused', line: 0, message: `${path} ${missing}` });
  return importHistory(store, () => linesOfFile(path), options);
};
