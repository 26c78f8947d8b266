import canonicalize from 'canonicalize';
import * as E from 'fp-ts/Either';
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type * as t from 'io-ts';
import type { EventStore, EventToAppend, StoredEvent, StreamAppend } from '../kernel/event-store';
import { isStoreError } from '../kernel/store-errors';
import { formatIssues, toIssues } from '../kernel/validation';
import { EventLine, FooterLine, HISTORY_FORMAT, HeaderLine } from './history-file';
import { createChainChecker, sealedRecordedAt } from './integrity-check';

/**
 * Importing a history file (see history-file.ts for the format): checked whole before anything
 * is written, then written all or nothing where the store can write several streams at once
 * (`appendToStreams`), and otherwise resumable, so that an import cut short (a killed process)
 * is completed by running it again rather than left half-done.
 */

/** A history file refused before anything was written; `line` counts from 1. */
export interface ImportRefused {
  readonly kind: 'ImportRefused';
  readonly line: number;
  readonly message: string;
}

export interface ImportSummary {
  /** The events of the file, all of which the target now holds. */
  readonly events: number;
  readonly streams: number;
  readonly digest: string;
  /** Of those, the events an earlier run of the same import had written already (0 normally). */
  readonly alreadyThere: number;
}

export interface ImportOptions {
  /** Called during the check and during the writing, with how far each has come. */
  /**
   * Called as the check and the writing go on, with how many events each has done; while
   * writing, also with how many it will write in all.
   */
  readonly onProgress?: (stage: 'checking' | 'writing', events: number, total?: number) => void;
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

/** The events of a file already checked whole, with their line numbers. */
async function* eventsOf(
  lines: AsyncIterable<string>,
): AsyncGenerator<{ readonly lineNo: number; readonly event: StoredEvent }> {
  let lineNo = 0;
  for await (const text of lines) {
    lineNo++;
    const line = readLine(text, lineNo);
    if (E.isRight(line) && line.right.kind === 'event')
      yield { lineNo, event: toStored(line.right.event) };
  }
}

/** What the first pass learnt: enough to write without looking at the file's contents again. */
interface Checked {
  readonly summary: Omit<ImportSummary, 'alreadyThere'>;
  /** Each stream of the file, with the revision of its last event. */
  readonly lastRevisions: ReadonlyMap<string, bigint>;
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
    lastRevisions: lastRevision,
  });
};

/** The revision of a stream's last event in the target; undefined if it has none. */
const lastRevisionIn = async (
  store: EventStore,
  streamId: string,
): Promise<bigint | 'tombstoned' | undefined> => {
  try {
    for await (const e of store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))
      return e.revision;
    return undefined;
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound')) return undefined;
    if (isStoreError(error, 'StreamDeleted')) return 'tombstoned';
    throw error;
  }
};

const sameJson = (a: string, b: string): boolean => {
  try {
    return canonicalize(JSON.parse(a)) === canonicalize(JSON.parse(b));
  } catch {
    return false;
  }
};

/**
 * The streams of the file the target holds already, each with how far: all of it must be the
 * file's own first events (an earlier run of this import), or the import is refused.
 */
const alreadyImported = async (
  store: EventStore,
  openLines: () => AsyncIterable<string>,
  lastRevisions: ReadonlyMap<string, bigint>,
): Promise<E.Either<ImportRefused, ReadonlyMap<string, bigint>>> => {
  const present = new Map<string, bigint>();
  for (const [streamId, fileLast] of lastRevisions) {
    const there = await lastRevisionIn(store, streamId);
    if (there === undefined) continue;
    if (there === 'tombstoned' || there > fileLast)
      return E.left({
        kind: 'ImportRefused',
        line: 0,
        message: `stream ${streamId} already exists in the target store${there === 'tombstoned' ? ' (tombstoned)' : ` with more events than the file holds`}; import into a store that does not hold it`,
      });
    present.set(streamId, there);
  }
  if (present.size === 0) return E.right(present);
  for await (const { lineNo, event } of eventsOf(openLines())) {
    const upTo = present.get(event.streamId);
    if (upTo === undefined || event.revision > upTo) continue;
    let stored: StoredEvent | undefined;
    for await (const e of store.readStream(event.streamId, {
      fromRevision: event.revision,
      maxCount: 1,
    }))
      stored = e;
    const same =
      stored !== undefined &&
      stored.revision === event.revision &&
      stored.eventId === event.eventId &&
      stored.type === event.type &&
      sameJson(stored.data, event.data) &&
      sameJson(stored.metadata, event.metadata);
    if (!same)
      return refused(
        lineNo,
        `stream ${event.streamId} already exists in the target store, and its event ${event.revision} is not the file's; import into a store that does not hold it`,
      );
  }
  return E.right(present);
};

/**
 * Imports a history. The whole file is checked first (format, order, every integrity link, the
 * footer's count and digest) and nothing is written unless all of it holds; a refusal names the
 * line. On a store with `appendToStreams` (the embedded file, the in-memory store) the events are
 * then written in one write, all or nothing; on one without (EventStoreDB), stream by stream.
 * A stream the target holds already is refused, unless what it holds is exactly the file's
 * first events of that stream: then an earlier run of this import was cut short, those events are
 * kept and the rest is written, so running an interrupted import again completes it. Each stream
 * keeps its revisions, event ids and the instants they were recorded at: a store that keeps
 * `recordedAt` keeps the sealed one (or, for events sealed before it was, the one in the file),
 * so the copy answers "what did we know on date Y" as the original does.
 *
 * `openLines` is called two or three times: to check, to compare with what the target holds
 * (only when it holds some of it), and to write.
 */
export const importHistory = async (
  store: EventStore,
  openLines: () => AsyncIterable<string>,
  options: ImportOptions = {},
): Promise<E.Either<ImportRefused, ImportSummary>> => {
  const checked = await check(openLines(), options);
  if (E.isLeft(checked)) return checked;
  const present = await alreadyImported(store, openLines, checked.right.lastRevisions);
  if (E.isLeft(present)) return present;
  let alreadyThere = 0;
  let toWrite = checked.right.summary.events;
  for (const upTo of present.right.values()) toWrite -= Number(upTo) + 1;

  // Consecutive events of one stream go in one append, with the revision the file says.
  let written = 0;
  const there = present.right;
  async function* appends(): AsyncGenerator<StreamAppend> {
    let batch: { streamId: string; first: bigint; events: EventToAppend[] } | undefined;
    const take = (): StreamAppend | undefined => {
      if (batch === undefined) return undefined;
      const append: StreamAppend = {
        streamId: batch.streamId,
        events: batch.events,
        expectedRevision: batch.first === 0n ? 'no_stream' : batch.first - 1n,
      };
      written += batch.events.length;
      batch = undefined;
      return append;
    };
    // Every line was checked above; only events are written.
    for await (const { event } of eventsOf(openLines())) {
      if (event.revision <= (there.get(event.streamId) ?? -1n)) {
        alreadyThere++;
        continue;
      }
      if (batch !== undefined && (batch.streamId !== event.streamId || batch.events.length >= 500))
        yield take() as StreamAppend;
      options.onProgress?.('writing', written, toWrite);
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
    const last = take();
    if (last !== undefined) yield last;
  }
  if (store.appendToStreams !== undefined) await store.appendToStreams(appends());
  else
    for await (const append of appends())
      await store.appendToStream(append.streamId, append.events, {
        expectedRevision: append.expectedRevision,
      });
  options.onProgress?.('writing', written, toWrite);
  return E.right({ ...checked.right.summary, alreadyThere });
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
