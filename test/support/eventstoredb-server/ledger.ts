/**
 * The state behind the test server: every stream, the global log (`$all`) with byte-offset-like
 * positions, and the EventStoreDB rules for expected revisions, idempotent re-appends, soft
 * deletes and tombstones. Plain data, no gRPC: `server.ts` translates to and from the protocol.
 */

export type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export interface Proposed {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface LogRecord extends Proposed {
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: bigint;
  /** Ticks of 100 ns since the Unix epoch, as EventStoreDB sends `created`. */
  readonly created: bigint;
}

interface StreamState {
  /** Records of this stream by revision (the tombstone marker is not one of them). */
  readonly records: LogRecord[];
  /** Revisions below this are hidden by a soft delete (EventStoreDB's `$tb`). */
  truncateBefore: bigint;
  tombstoned: boolean;
}

export type AppendOutcome =
  | { readonly kind: 'ok'; readonly currentRevision: bigint; readonly position: bigint | undefined }
  | { readonly kind: 'wrongExpectedVersion'; readonly current: bigint | undefined }
  | { readonly kind: 'streamDeleted' };

/** EventStoreDB's tombstone revision (long.MaxValue). */
export const TOMBSTONE_REVISION = 9223372036854775807n;

const TICKS_PER_MS = 10_000n;

export const createLedger = () => {
  const streams = new Map<string, StreamState>();
  const log: LogRecord[] = [];
  const listeners = new Set<() => void>();
  /** Where each record starts: the only positions EventStoreDB reads from. */
  const starts = new Set<bigint>();
  // Positions start well past 0 and grow by more than one, as byte offsets in a real log do.
  let nextPosition = 1_024n;

  const lastRevision = (s: StreamState | undefined): bigint =>
    s === undefined ? -1n : BigInt(s.records.length) - 1n;
  const isLive = (s: StreamState | undefined): s is StreamState =>
    s !== undefined && !s.tombstoned && lastRevision(s) >= s.truncateBefore;
  const current = (s: StreamState | undefined): bigint | undefined =>
    s === undefined || s.records.length === 0 ? undefined : lastRevision(s);

  const write = (streamName: string, revision: bigint, event: Proposed): LogRecord => {
    const record: LogRecord = {
      ...event,
      streamName,
      revision,
      position: nextPosition,
      created: BigInt(Date.now()) * TICKS_PER_MS,
    };
    nextPosition += 64n + BigInt(event.data.length + event.customMetadata.length);
    log.push(record);
    starts.add(record.position);
    return record;
  };

  const wake = (): void => {
    for (const listener of listeners) listener();
  };

  /** A system event, as the server itself writes them (settings, stats, stream metadata). */
  const writeSystemEvent = (streamName: string, type: string, body: unknown): void => {
    const stream = streams.get(streamName) ?? {
      records: [],
      truncateBefore: 0n,
      tombstoned: false,
    };
    streams.set(streamName, stream);
    const record = write(streamName, lastRevision(stream) + 1n, {
      id: crypto.randomUUID(),
      type,
      contentType: 'application/json',
      data: Buffer.from(JSON.stringify(body)),
      customMetadata: new Uint8Array(),
    });
    stream.records.push(record);
    wake();
  };

  /** The check of an expected revision when no event ids are involved (empty batch, delete). */
  const check = (s: StreamState | undefined, expected: Expected): AppendOutcome | undefined => {
    if (s?.tombstoned === true) return { kind: 'streamDeleted' };
    const wrong = { kind: 'wrongExpectedVersion', current: current(s) } as const;
    switch (expected.kind) {
      case 'any':
        return undefined;
      case 'no_stream':
        return isLive(s) ? wrong : undefined;
      case 'stream_exists':
        if (s !== undefined && s.records.length > 0 && !isLive(s)) return { kind: 'streamDeleted' };
        return isLive(s) ? undefined : wrong;
      case 'revision':
        return s !== undefined && s.records.length > 0 && lastRevision(s) === expected.revision
          ? undefined
          : wrong;
    }
  };

  /** Ids of `events` compared with the visible records from `start`: all there, none, or some. */
  const matchFrom = (
    s: StreamState,
    events: readonly Proposed[],
    start: bigint,
  ): LogRecord | 'none' | 'partly' => {
    let last: LogRecord | undefined;
    for (const [i, event] of events.entries()) {
      const revision = start + BigInt(i);
      const stored = revision < s.truncateBefore ? undefined : s.records[Number(revision)];
      if (stored?.id !== event.id) return i === 0 ? 'none' : 'partly';
      last = stored;
    }
    return last ?? 'none';
  };

  const append = (
    streamName: string,
    expected: Expected,
    events: readonly Proposed[],
  ): AppendOutcome => {
    const s = streams.get(streamName);
    if (events.length === 0) {
      const refused = check(s, expected);
      if (refused !== undefined) return refused;
      return { kind: 'ok', currentRevision: lastRevision(s), position: undefined };
    }
    if (s?.tombstoned === true) return { kind: 'streamDeleted' };
    const found = (m: LogRecord | 'none' | 'partly'): AppendOutcome | 'write' =>
      typeof m === 'object'
        ? { kind: 'ok', currentRevision: m.revision, position: m.position }
        : { kind: 'wrongExpectedVersion', current: current(s) };
    let decision: AppendOutcome | 'write' = 'write';
    if (expected.kind === 'stream_exists') {
      const refused = check(s, expected);
      if (refused !== undefined) return refused;
    }
    if (s !== undefined && s.records.length > 0) {
      if (expected.kind === 'any' || expected.kind === 'stream_exists') {
        const first = events[0]?.id;
        const at = s.records.findIndex((r, i) => BigInt(i) >= s.truncateBefore && r.id === first);
        if (at >= 0) decision = found(matchFrom(s, events, BigInt(at)));
      } else if (expected.kind === 'no_stream') {
        if (isLive(s)) decision = found(matchFrom(s, events, s.truncateBefore));
      } else if (expected.revision !== lastRevision(s)) {
        decision =
          expected.revision > lastRevision(s)
            ? { kind: 'wrongExpectedVersion', current: current(s) }
            : found(matchFrom(s, events, expected.revision + 1n));
      }
    } else {
      const refused = check(s, expected);
      if (refused !== undefined) return refused;
    }
    if (decision !== 'write') return decision;
    const stream = s ?? { records: [], truncateBefore: 0n, tombstoned: false };
    streams.set(streamName, stream);
    let last: LogRecord | undefined;
    for (const event of events) {
      last = write(streamName, lastRevision(stream) + 1n, event);
      stream.records.push(last);
    }
    wake();
    return { kind: 'ok', currentRevision: lastRevision(stream), position: last?.position };
  };

  /** Soft delete: EventStoreDB writes `$tb` into the stream's metadata stream, a system event. */
  const softDelete = (streamName: string, expected: Expected): AppendOutcome => {
    const s = streams.get(streamName);
    const refused = check(s, expected);
    if (refused !== undefined) return refused;
    // A stream never written cannot be soft-deleted (21.10+), unless it exists implicitly, by
    // its metadata alone: then it is deleted at no revision (the official clients' own test).
    const implicit = (streams.get(`$$${streamName}`)?.records.length ?? 0) > 0;
    if ((s === undefined || s.records.length === 0) && !implicit)
      return { kind: 'wrongExpectedVersion', current: undefined };
    const stream = s ?? { records: [], truncateBefore: 0n, tombstoned: false };
    streams.set(streamName, stream);
    stream.truncateBefore = lastRevision(stream) + 1n;
    writeSystemEvent(`$$${streamName}`, '$metadata', { $tb: Number(stream.truncateBefore) });
    return { kind: 'ok', currentRevision: lastRevision(stream), position: log.at(-1)?.position };
  };

  /** Tombstone: a `$streamDeleted` record in the stream itself marks it deleted for good. */
  const tombstone = (streamName: string, expected: Expected): AppendOutcome => {
    const s = streams.get(streamName);
    const refused = check(s, expected);
    if (refused !== undefined) return refused;
    const stream = s ?? { records: [], truncateBefore: 0n, tombstoned: false };
    streams.set(streamName, stream);
    stream.tombstoned = true;
    write(streamName, TOMBSTONE_REVISION, {
      id: crypto.randomUUID(),
      type: '$streamDeleted',
      contentType: 'application/json',
      data: new Uint8Array(),
      customMetadata: new Uint8Array(),
    });
    wake();
    return { kind: 'ok', currentRevision: lastRevision(stream), position: log.at(-1)?.position };
  };

  /** Writes stream metadata only (no events): the stream still counts as never written. */
  const setMetadata = (streamName: string, metadata: unknown): void =>
    writeSystemEvent(`$$${streamName}`, '$metadata', metadata);

  type StreamRead =
    | { readonly kind: 'notFound' }
    | { readonly kind: 'deleted' }
    | { readonly kind: 'events'; readonly records: readonly LogRecord[] };

  const readStream = (
    streamName: string,
    from: bigint | 'start' | 'end',
    backwards: boolean,
    count: bigint,
  ): StreamRead => {
    const s = streams.get(streamName);
    if (s?.tombstoned === true) return { kind: 'deleted' };
    if (!isLive(s)) return { kind: 'notFound' };
    const out: LogRecord[] = [];
    const last = lastRevision(s);
    if (backwards) {
      let r = from === 'end' || from === 'start' ? last : from > last ? last : from;
      if (from === 'start') r = s.truncateBefore;
      for (; r >= s.truncateBefore && BigInt(out.length) < count; r--) {
        const record = s.records[Number(r)];
        if (record !== undefined) out.push(record);
      }
    } else {
      let r = from === 'start' ? 0n : from === 'end' ? last + 1n : from;
      if (r < s.truncateBefore) r = s.truncateBefore;
      for (; r <= last && BigInt(out.length) < count; r++) {
        const record = s.records[Number(r)];
        if (record !== undefined) out.push(record);
      }
    }
    return { kind: 'events', records: out };
  };

  /** Index of the first record at or after `position` (forwards), or at or before it (backwards). */
  const indexFor = (position: bigint, backwards: boolean): number => {
    if (backwards) {
      // EventStoreDB reads backwards from *before* the position given.
      let i = log.length - 1;
      while (i >= 0 && (log[i]?.position ?? 0n) >= position) i--;
      return i;
    }
    const i = log.findIndex((r) => r.position >= position);
    return i < 0 ? log.length : i;
  };

  /**
   * Can a read start here? Only where a record starts, at the end of the log, or at 0 (where a
   * real log's first record is): anywhere else EventStoreDB would read from the middle of a
   * record, and refuses.
   */
  const isValidPosition = (commit: bigint, prepare: bigint): boolean =>
    commit === prepare && (commit === 0n || commit === nextPosition || starts.has(commit));

  return {
    log,
    isValidPosition,
    append,
    softDelete,
    tombstone,
    setMetadata,
    readStream,
    indexFor,
    writeSystemEvent,
    /** Calls `listener` after every write; returns a function that stops it. */
    onWrite: (listener: () => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};

export type Ledger = ReturnType<typeof createLedger>;
