import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import * as t from 'io-ts';
import type { EventStore, StoredEvent } from '../kernel/event-store';
import { eventAsStored } from './event-as-stored';
import { createChainChecker } from './integrity-check';

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

export const HeaderLine = t.strict(
  { format: t.literal(HISTORY_FORMAT), version: t.literal(HISTORY_FORMAT_VERSION) },
  'header',
);
export const EventLine = t.strict(
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
export const FooterLine = t.strict(
  { end: t.literal(true), events: t.number, digest: t.string },
  'footer',
);

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
