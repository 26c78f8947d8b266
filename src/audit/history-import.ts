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
 * Importing a history file (see history-file.ts for the format): every line checked, and all of
 * it written in one write where the store can write several streams at once (`appendToStreams`);
 * elsewhere checked whole first and written stream by stream, resumable, so that an import cut
 * short (a killed process) is completed by running it again rather than left half-done.
 */

/**
 * A history file refused; `line` counts from 1 (0 for a refusal about the target store). Nothing
 * was written, unless the message says the file changed while it was written stream by stream.
 */
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
  /**
   * Called as the import goes on, with how many events it has checked (`checking`, on a store
   * written stream by stream, before anything is written) or checked and taken for writing
   * (`writing`); while writing, also with how many there are in all, when that is known.
   */
  readonly onProgress?: (stage: 'checking' | 'writing', events: number, total?: number) => void;
}

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

/** A refusal thrown out of the appends, so that a write to several streams records nothing. */
class ImportRefusal extends Error {
  constructor(readonly refused: ImportRefused) {
    super(refused.message);
  }
}

const refuse = (line: number, message: string): never => {
  throw new ImportRefusal({ kind: 'ImportRefused', line, message: `line ${line}: ${message}` });
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

const isStoredAs = async (store: EventStore, event: StoredEvent): Promise<boolean> => {
  for await (const stored of store.readStream(event.streamId, {
    fromRevision: event.revision,
    maxCount: 1,
  }))
    return (
      stored.revision === event.revision &&
      stored.eventId === event.eventId &&
      stored.type === event.type &&
      sameJson(stored.data, event.data) &&
      sameJson(stored.metadata, event.metadata)
    );
  return false;
};

const alreadyThereRefusal = (streamId: string, why: string): ImportRefused => ({
  kind: 'ImportRefused',
  line: 0,
  message: `stream ${streamId} already exists in the target store${why}; import into a store that does not hold it`,
});

/**
 * One pass over a history file: every line checked as it is read (format, order, integrity
 * link), each stream of it looked up in the target when it first appears, what the target holds
 * of it compared with the file, and the rest yielded as appends, with the revision the file
 * says. The footer's count and digest are checked after the last line, before the appends end,
 * so a write that takes them all (`appendToStreams`) records nothing of a file that fails. A
 * refusal is thrown as an `ImportRefusal`; `summary` is filled in once the file was whole.
 */
const importPass = (
  store: EventStore,
  lines: AsyncIterable<string>,
  counted: (events: number) => void,
) => {
  const outcome: { summary?: ImportSummary } = {};
  async function* appends(): AsyncGenerator<StreamAppend> {
    const checker = createChainChecker();
    const lastRevision = new Map<string, bigint>();
    // What the target held of each stream of the file before the import: -1n for nothing.
    const held = new Map<string, bigint>();
    let alreadyThere = 0;
    let lineNo = 0;
    let lastPosition: bigint | undefined;
    let footer: t.TypeOf<typeof FooterLine> | undefined;
    let batch: { streamId: string; first: bigint; events: EventToAppend[] } | undefined;
    const take = (): StreamAppend => {
      const { streamId, first, events } = batch as NonNullable<typeof batch>;
      batch = undefined;
      return { streamId, events, expectedRevision: first === 0n ? 'no_stream' : first - 1n };
    };
    for await (const text of lines) {
      lineNo++;
      if (footer !== undefined) refuse(lineNo, 'a line follows the footer');
      const line = readLine(text, lineNo);
      if (E.isLeft(line)) return refuse(lineNo, line.left);
      if (line.right.kind === 'header') continue;
      if (line.right.kind === 'footer') {
        footer = line.right.footer;
        continue;
      }
      const event = line.right.event;
      if (lastPosition !== undefined && event.position <= lastPosition)
        refuse(lineNo, `position ${event.position} does not follow position ${lastPosition}`);
      lastPosition = event.position;
      const expected = (lastRevision.get(event.streamId) ?? -1n) + 1n;
      if (event.revision !== expected)
        refuse(
          lineNo,
          `${event.streamId}@${event.revision} where revision ${expected} was due: events are missing before it`,
        );
      lastRevision.set(event.streamId, event.revision);
      const stored = toStored(event);
      const { finding } = checker.check(stored);
      if (finding !== undefined)
        refuse(lineNo, `integrity: ${finding.problem}: ${finding.message}`);
      counted(checker.checked());

      let there = held.get(event.streamId);
      if (there === undefined) {
        const found = await lastRevisionIn(store, event.streamId);
        if (found === 'tombstoned')
          throw new ImportRefusal(alreadyThereRefusal(event.streamId, ' (tombstoned)'));
        there = found ?? -1n;
        held.set(event.streamId, there);
      }
      if (event.revision <= there) {
        // An earlier run of this import was cut short: what it wrote must be the file's own.
        if (!(await isStoredAs(store, stored)))
          refuse(
            lineNo,
            `stream ${event.streamId} already exists in the target store, and its event ${event.revision} is not the file's; import into a store that does not hold it`,
          );
        alreadyThere++;
        continue;
      }
      if (batch !== undefined && (batch.streamId !== event.streamId || batch.events.length >= 500))
        yield take();
      batch ??= { streamId: event.streamId, first: event.revision, events: [] };
      batch.events.push({
        eventId: event.eventId,
        type: event.type,
        data: stored.data,
        metadata: stored.metadata,
        // The sealed instant, which a store that keeps it must keep; else the original store's.
        recordedAt: sealedRecordedAt(stored.metadata) ?? event.recordedAt,
      });
    }
    if (lineNo === 0) refuse(1, 'the file is empty');
    if (footer === undefined)
      return refuse(lineNo + 1, 'the footer is missing: the file is cut short');
    if (footer.events !== checker.checked())
      refuse(
        lineNo,
        `the footer counts ${footer.events} events, the file holds ${checker.checked()}`,
      );
    if (footer.digest !== checker.digest())
      refuse(
        lineNo,
        `the footer's digest ${footer.digest} does not match the events' digest ${checker.digest()}`,
      );
    for (const [streamId, there] of held)
      if (there > (lastRevision.get(streamId) ?? -1n))
        throw new ImportRefusal(
          alreadyThereRefusal(streamId, ' with more events than the file holds'),
        );
    if (batch !== undefined) yield take();
    outcome.summary = {
      events: checker.checked(),
      streams: lastRevision.size,
      digest: checker.digest(),
      alreadyThere,
    };
  }
  return { appends: appends(), outcome };
};

/** Runs `work`, turning the refusal it throws into a value. */
const refusedAsValue = async (
  work: () => Promise<ImportSummary>,
): Promise<E.Either<ImportRefused, ImportSummary>> => {
  try {
    return E.right(await work());
  } catch (error) {
    if (error instanceof ImportRefusal) return E.left(error.refused);
    throw error;
  }
};

const completed = (outcome: { summary?: ImportSummary }): ImportSummary => {
  if (outcome.summary === undefined) throw new Error('the import ended before its file did');
  return outcome.summary;
};

/**
 * Imports a history. Every line is checked (format, order, every integrity link, the footer's
 * count and digest), and nothing is written unless all of it holds; a refusal names the line.
 *
 * On a store with `appendToStreams` (the embedded file, the in-memory store) that is one pass:
 * the checked events go into one write, which records all of them or, if any line fails, none.
 * On a store without it (EventStoreDB) the file is checked whole first, then read again and
 * written stream by stream, checked again as it is written (a file changed in between is
 * caught, though what was written before the change stays).
 *
 * A stream the target holds already is refused, unless what it holds is exactly the file's first
 * events of that stream: then an earlier run of this import was cut short, those events are kept
 * and the rest is written, so running an interrupted import again completes it. Each stream
 * keeps its revisions, event ids and the instants they were recorded at: a store that keeps
 * `recordedAt` keeps the sealed one (or, for events sealed before it was, the one in the file),
 * so the copy answers "what did we know on date Y" as the original does.
 *
 * `openLines` is called once on a store with `appendToStreams`, twice on one without.
 */
export const importHistory = async (
  store: EventStore,
  openLines: () => AsyncIterable<string>,
  options: ImportOptions = {},
): Promise<E.Either<ImportRefused, ImportSummary>> => importLines(store, openLines, options);

const importLines = async (
  store: EventStore,
  openLines: () => AsyncIterable<string>,
  options: ImportOptions,
  expectedEvents?: number,
): Promise<E.Either<ImportRefused, ImportSummary>> => {
  const progress = options.onProgress;
  const { appendToStreams } = store;
  if (appendToStreams !== undefined)
    return refusedAsValue(async () => {
      const pass = importPass(store, openLines(), (n) => progress?.('writing', n, expectedEvents));
      await appendToStreams(pass.appends);
      return completed(pass.outcome);
    });

  const check = await refusedAsValue(async () => {
    const pass = importPass(store, openLines(), (n) => progress?.('checking', n));
    for await (const _ of pass.appends);
    return completed(pass.outcome);
  });
  if (E.isLeft(check)) return check;
  const total = check.right.events - check.right.alreadyThere;
  const written = await refusedAsValue(async () => {
    let n = 0;
    const pass = importPass(store, openLines(), () => {});
    for await (const append of pass.appends) {
      await store.appendToStream(append.streamId, append.events, {
        expectedRevision: append.expectedRevision,
      });
      n += append.events.length;
      progress?.('writing', n, total);
    }
    return completed(pass.outcome);
  });
  if (E.isRight(written) && written.right.digest !== check.right.digest)
    return E.left({
      kind: 'ImportRefused',
      line: 0,
      message: `the file changed while it was imported (its digest was ${check.right.digest}, now ${written.right.digest}); what was written before the change stays`,
    });
  return E.isLeft(written)
    ? E.left({
        ...written.left,
        message: `${written.left.message} (the file or the target store changed after the check; what was written before this line stays)`,
      })
    : E.right({ ...written.right, alreadyThere: check.right.alreadyThere });
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
  return importLines(store, () => linesOfFile(path), options, await eventLinesIn(path));
};

/**
 * How many events a history file holds, if it is whole: its lines but the header and the footer.
 * Counted from the bytes, far quicker than a pass that reads the lines, to show how far the
 * one pass of an import has come.
 */
const eventLinesIn = async (path: string): Promise<number> => {
  let newlines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>)
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) newlines++;
  return Math.max(0, newlines - 2);
};
