/**
 * An EventStoreDB-protocol gRPC server for tests, started in the test process on 127.0.0.1 on a
 * random port. It serves the Streams service (Append, BatchAppend, Read, Delete, Tombstone) and
 * ServerFeatures from the service definitions the client package ships, so the real client talks
 * to it over real HTTP/2 exactly as it would to a single insecure node.
 */
import * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';
import {
  AllStreamPosition,
  Empty,
  MaximumAppendSizeExceeded,
  StreamDeleted,
  StreamIdentifier,
  Timeout,
  Unknown,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { DeleteReq, TombstoneReq } from '@eventstore/db-client/generated/streams_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  DeleteResp,
  ReadReq,
  ReadResp,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import {
  createLedger,
  type AppendOutcome,
  type Expected,
  type LogRecord,
  type Proposed,
} from './ledger';

export interface TestServerOptions {
  /** Advertise BatchAppend in ServerFeatures (default true), so the client uses it for appends. */
  readonly batchAppend?: boolean;
  /** Largest total size of one append's events, in bytes (default 1 MiB, as EventStoreDB). */
  readonly maxAppendSize?: number;
}

/** Faults a test can switch on; each is consumed as it fires. */
export interface Faults {
  /** Refuse this many appends with UNAVAILABLE before looking at them. */
  refuseAppends: number;
  /** Write this many appends, then fail them with UNAVAILABLE instead of replying (a lost reply). */
  loseAppendReplies: number;
  /** Hold every append this long before deciding it (to let a deadline pass). */
  appendDelayMs: number;
  /** Called once after the next append is written and before it is answered (e.g. to cut the connection). */
  afterNextAppendWritten: (() => void) | undefined;
  /**
   * Fail the next appends, one each, with gRPC UNKNOWN (as an exception in a handler does) or
   * INTERNAL (as a message that cannot be serialised does), writing nothing.
   */
  failAppends: ('unknown' | 'internal')[];
}

export interface TestServer {
  /** `esdb://127.0.0.1:PORT?tls=false` */
  readonly connectionString: string;
  readonly port: number;
  readonly faults: Faults;
  /** Where each subscription to `$all` started (its commit position), in order. */
  readonly subscriptionsFrom: readonly (bigint | 'start' | 'end' | 'invalid')[];
  /** Ends every open subscription with UNAVAILABLE, as when the node goes away. */
  breakSubscriptions(): void;
  /** Writes metadata for a stream that has no events. */
  setStreamMetadata(streamName: string, metadata: unknown): void;
  /** Writes a system event (a `$` type in a `$` stream), as the server does on its own. */
  writeSystemEvent(streamName: string, type: string, data: unknown): void;
  stop(): Promise<void>;
}

const MiB = 1024 * 1024;
const SERVER_VERSION = '24.10.0';
const DEFAULT_SEARCH_WINDOW = 32;

const serviceError = (code: grpc.status, details: string, meta: Record<string, string> = {}) => {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(meta)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
};

const unavailable = () => serviceError(grpc.status.UNAVAILABLE, 'the node went away');

const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

const identifierFor = (streamName: string): StreamIdentifier =>
  new StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));

const uuidOf = (uuid: UUID | undefined): string => {
  if (uuid === undefined) return '';
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured();
  if (structured === undefined) return '';
  const hex = (bits: string) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0');
  const h = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

const proposedOf = (
  message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage,
): Proposed => {
  const meta = message.getMetadataMap();
  return {
    id: uuidOf(message.getId()),
    type: meta.get('type') ?? '',
    contentType: meta.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
};

/** An event's size as EventStoreDB counts it against the maximum append size (`Event.SizeOnDisk`). */
const sizeOnDisk = (event: Proposed): number =>
  event.data.length + event.customMetadata.length + event.type.length * 2;

/** How EventStoreDB answers a call its handler failed: the status, and its words for it. */
const FAILURES = {
  unknown: { code: grpc.status.UNKNOWN, message: 'Exception was thrown by handler.' },
  internal: { code: grpc.status.INTERNAL, message: 'Error when serializing the response message.' },
} as const;

/** EventStoreDB's numeric form of an expected revision, as sent in error metadata. */
const expectedVersionNumber = (expected: Expected): string => {
  switch (expected.kind) {
    case 'any':
      return '-2';
    case 'no_stream':
      return '-1';
    case 'stream_exists':
      return '-4';
    case 'revision':
      return expected.revision.toString();
  }
};

const recordedEvent = (record: LogRecord): ReadResp.ReadEvent.RecordedEvent => {
  const event = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.id))
    .setStreamIdentifier(identifierFor(record.streamName))
    .setStreamRevision(record.revision.toString())
    .setPreparePosition(record.position.toString())
    .setCommitPosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.customMetadata);
  event
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', record.contentType)
    .set('created', record.created.toString());
  return event;
};

const eventResponse = (record: LogRecord): ReadResp =>
  new ReadResp().setEvent(
    new ReadResp.ReadEvent()
      .setEvent(recordedEvent(record))
      .setCommitPosition(record.position.toString()),
  );

const checkpointResponse = (position: bigint): ReadResp =>
  new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint()
      .setCommitPosition(position.toString())
      .setPreparePosition(position.toString()),
  );

/** The server-side filter of a subscription (or none). */
const filterOf = (options: ReadReq.Options): ((record: LogRecord) => boolean) | undefined => {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter();
  if (filter === undefined) return undefined;
  const byType = filter.hasEventType();
  const expression = byType ? filter.getEventType() : filter.getStreamIdentifier();
  if (expression === undefined) return undefined;
  const regex = expression.getRegex() === '' ? undefined : new RegExp(expression.getRegex());
  const prefixes = expression.getPrefixList();
  return (record) => {
    const subject = byType ? record.type : record.streamName;
    if (regex !== undefined) return regex.test(subject);
    return prefixes.length === 0 || prefixes.some((p) => subject.startsWith(p));
  };
};

export const startTestServer = async (options: TestServerOptions = {}): Promise<TestServer> => {
  const ledger = createLedger();
  const maxAppendSize = options.maxAppendSize ?? MiB;
  const faults: Faults = {
    refuseAppends: 0,
    loseAppendReplies: 0,
    appendDelayMs: 0,
    afterNextAppendWritten: undefined,
    failAppends: [],
  };
  const subscriptions = new Set<grpc.ServerWritableStream<ReadReq, ReadResp>>();
  const subscriptionsFrom: (bigint | 'start' | 'end' | 'invalid')[] = [];

  // A fresh node already holds system events in $all; readers must skip them.
  ledger.writeSystemEvent('$settings', '$settings', { $userStreamAcl: {}, $systemStreamAcl: {} });
  ledger.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-cpu': 0 });

  const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  /** Appends, honouring the faults; `undefined` when the fault took the reply away. */
  const appendWithFaults = async (
    streamName: string,
    expected: Expected,
    events: readonly Proposed[],
    deadline?: Date,
  ): Promise<AppendOutcome | 'unavailable' | 'timeout' | keyof typeof FAILURES> => {
    if (faults.appendDelayMs > 0) await delay(faults.appendDelayMs);
    if (faults.refuseAppends > 0) {
      faults.refuseAppends--;
      return 'unavailable';
    }
    const failure = faults.failAppends.shift();
    if (failure !== undefined) return failure;
    // Past its deadline the writer has given up: write nothing.
    if (deadline !== undefined && deadline.getTime() < Date.now()) return 'timeout';
    const outcome = ledger.append(streamName, expected, events);
    const hook = faults.afterNextAppendWritten;
    faults.afterNextAppendWritten = undefined;
    hook?.();
    if (faults.loseAppendReplies > 0) {
      faults.loseAppendReplies--;
      return 'unavailable';
    }
    return outcome;
  };

  const expectedOfAppend = (o: AppendReq.Options): Expected => {
    switch (o.getExpectedStreamRevisionCase()) {
      case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
        return { kind: 'revision', revision: BigInt(o.getRevision()) };
      case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
        return { kind: 'no_stream' };
      case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
        return { kind: 'stream_exists' };
      default:
        return { kind: 'any' };
    }
  };

  const expectedOfBatch = (o: BatchAppendReq.Options): Expected => {
    switch (o.getExpectedStreamPositionCase()) {
      case BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_POSITION:
        return { kind: 'revision', revision: BigInt(o.getStreamPosition()) };
      case BatchAppendReq.Options.ExpectedStreamPositionCase.NO_STREAM:
        return { kind: 'no_stream' };
      case BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_EXISTS:
        return { kind: 'stream_exists' };
      default:
        return { kind: 'any' };
    }
  };

  const expectedOfDelete = (o: DeleteReq.Options | TombstoneReq.Options): Expected => {
    if (o.hasRevision()) return { kind: 'revision', revision: BigInt(o.getRevision()) };
    if (o.hasNoStream()) return { kind: 'no_stream' };
    if (o.hasStreamExists()) return { kind: 'stream_exists' };
    return { kind: 'any' };
  };

  const streamDeletedError = (streamName: string) =>
    serviceError(grpc.status.FAILED_PRECONDITION, `stream ${streamName} is deleted`, {
      exception: 'stream-deleted',
      'stream-name': streamName,
    });

  const tooLargeError = () =>
    serviceError(
      grpc.status.INVALID_ARGUMENT,
      `Maximum Append Size of ${maxAppendSize} Exceeded.`,
      {
        exception: 'maximum-append-size-exceeded',
        'maximum-append-size': String(maxAppendSize),
      },
    );

  // ------------------------------------------------------------------ Append

  const appendHandler = (
    call: grpc.ServerReadableStream<AppendReq, AppendResp>,
    callback: grpc.sendUnaryData<AppendResp>,
  ): void => {
    let options: AppendReq.Options | undefined;
    const events: Proposed[] = [];
    let size = 0;
    let refused = false;
    call.on('data', (req: AppendReq) => {
      if (refused) return;
      if (req.hasOptions()) options = req.getOptions();
      const message = req.getProposedMessage();
      if (message === undefined) return;
      const event = proposedOf(message);
      // As EventStoreDB: the size is counted as the events arrive, and the call refused the
      // moment it passes the limit, before the rest is read.
      size += sizeOnDisk(event);
      if (size > maxAppendSize) {
        refused = true;
        callback(tooLargeError());
        return;
      }
      events.push(event);
    });
    call.on('end', () => {
      if (refused) return;
      if (options === undefined) {
        callback(serviceError(grpc.status.INVALID_ARGUMENT, 'no options sent'));
        return;
      }
      const streamName = streamNameOf(options.getStreamIdentifier());
      const expected = expectedOfAppend(options);
      // Honour the call's own deadline, as a real node does.
      const callDeadline = call.getDeadline();
      const deadline =
        callDeadline instanceof Date
          ? callDeadline
          : Number.isFinite(callDeadline)
            ? new Date(callDeadline)
            : undefined;
      void appendWithFaults(streamName, expected, events, deadline).then((outcome) => {
        if (outcome === 'unavailable') return callback(unavailable());
        if (outcome === 'timeout')
          return callback(serviceError(grpc.status.DEADLINE_EXCEEDED, 'the deadline passed'));
        if (outcome === 'unknown' || outcome === 'internal') {
          const { code, message } = FAILURES[outcome];
          return callback(serviceError(code, message));
        }
        switch (outcome.kind) {
          case 'streamDeleted':
            return callback(streamDeletedError(streamName));
          case 'wrongExpectedVersion': {
            const wrong = new AppendResp.WrongExpectedVersion();
            if (outcome.current === undefined) wrong.setCurrentNoStream(new Empty());
            else wrong.setCurrentRevision(outcome.current.toString());
            if (expected.kind === 'revision')
              wrong.setExpectedRevision(expected.revision.toString());
            else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
            else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
            else wrong.setExpectedAny(new Empty());
            return callback(null, new AppendResp().setWrongExpectedVersion(wrong));
          }
          case 'ok': {
            const success = new AppendResp.Success();
            if (outcome.currentRevision < 0n) success.setNoStream(new Empty());
            else success.setCurrentRevision(outcome.currentRevision.toString());
            if (outcome.position === undefined) success.setNoPosition(new Empty());
            else
              success.setPosition(
                new AppendResp.Position()
                  .setCommitPosition(outcome.position.toString())
                  .setPreparePosition(outcome.position.toString()),
              );
            return callback(null, new AppendResp().setSuccess(success));
          }
        }
      });
    });
  };

  // ------------------------------------------------------------- BatchAppend

  const packed = (
    code: number,
    message: string,
    detail: { serializeBinary(): Uint8Array },
    typeName: string,
  ) => {
    const any = new Any();
    any.pack(detail.serializeBinary(), typeName);
    return new Status().setCode(code).setMessage(message).setDetails(any);
  };

  const batchAppendHandler = (
    call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>,
  ): void => {
    // Requests for one correlation id may come in several chunks; the last one is final.
    const pending = new Map<
      string,
      { options?: BatchAppendReq.Options; events: Proposed[]; size: number }
    >();
    /** Appends refused for their size: their later chunks are ignored, as EventStoreDB does. */
    const refused = new Set<string>();
    call.on('data', (req: BatchAppendReq) => {
      const correlation = uuidOf(req.getCorrelationId());
      if (refused.has(correlation)) {
        if (req.getIsFinal()) refused.delete(correlation);
        return;
      }
      const entry = pending.get(correlation) ?? { events: [], size: 0 };
      pending.set(correlation, entry);
      if (req.hasOptions()) entry.options = req.getOptions();
      for (const message of req.getProposedMessagesList()) {
        const event = proposedOf(message);
        entry.size += sizeOnDisk(event);
        entry.events.push(event);
      }
      // Counted chunk by chunk as they arrive, and refused at once, before the final chunk.
      if (entry.size > maxAppendSize) {
        pending.delete(correlation);
        if (!req.getIsFinal()) refused.add(correlation);
        call.write(
          new BatchAppendResp()
            .setCorrelationId(new UUID().setString(correlation))
            .setStreamIdentifier(identifierFor(streamNameOf(entry.options?.getStreamIdentifier())))
            .setError(
              packed(
                3,
                'MaximumAppendSizeExceeded',
                new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize),
                'event_store.client.MaximumAppendSizeExceeded',
              ),
            ),
        );
        return;
      }
      if (!req.getIsFinal()) return;
      pending.delete(correlation);
      const options = entry.options;
      if (options === undefined) return;
      const streamName = streamNameOf(options.getStreamIdentifier());
      const expected = expectedOfBatch(options);
      const response = new BatchAppendResp()
        .setCorrelationId(new UUID().setString(correlation))
        .setStreamIdentifier(identifierFor(streamName));
      if (expected.kind === 'revision') response.setStreamPosition(expected.revision.toString());
      else if (expected.kind === 'no_stream') response.setNoStream(new GoogleEmpty());
      else if (expected.kind === 'stream_exists') response.setStreamExists(new GoogleEmpty());
      else response.setAny(new GoogleEmpty());
      const deadline = options.getDeadline()?.toDate();
      void appendWithFaults(streamName, expected, entry.events, deadline).then((outcome) => {
        if (outcome === 'unavailable') {
          call.emit('error', unavailable());
          return;
        }
        if (outcome === 'timeout') {
          call.write(
            response.setError(
              packed(4, 'the deadline passed', new Timeout(), 'event_store.client.Timeout'),
            ),
          );
          return;
        }
        if (outcome === 'unknown' || outcome === 'internal') {
          // EventStoreDB's `Status.Unknown` and `Status.InternalError`, as BatchAppend sends them.
          const { code, message } = FAILURES[outcome];
          const status =
            outcome === 'unknown'
              ? packed(code, 'Unknown', new Unknown(), 'event_store.client.Unknown')
              : packed(code, message, new GoogleEmpty(), 'google.protobuf.Empty');
          call.write(response.setError(status));
          return;
        }
        switch (outcome.kind) {
          case 'streamDeleted':
            call.write(
              response.setError(
                packed(
                  9,
                  `stream ${streamName} is deleted`,
                  new StreamDeleted().setStreamIdentifier(identifierFor(streamName)),
                  'event_store.client.StreamDeleted',
                ),
              ),
            );
            return;
          case 'wrongExpectedVersion': {
            const wrong = new WrongExpectedVersion();
            if (outcome.current === undefined) wrong.setCurrentNoStream(new GoogleEmpty());
            else wrong.setCurrentStreamRevision(outcome.current.toString());
            if (expected.kind === 'revision')
              wrong.setExpectedStreamPosition(expected.revision.toString());
            else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new GoogleEmpty());
            else if (expected.kind === 'stream_exists')
              wrong.setExpectedStreamExists(new GoogleEmpty());
            else wrong.setExpectedAny(new GoogleEmpty());
            call.write(
              response.setError(
                packed(
                  9,
                  'wrong expected version',
                  wrong,
                  'event_store.client.WrongExpectedVersion',
                ),
              ),
            );
            return;
          }
          case 'ok': {
            const success = new BatchAppendResp.Success();
            if (outcome.currentRevision < 0n) success.setNoStream(new GoogleEmpty());
            else success.setCurrentRevision(outcome.currentRevision.toString());
            if (outcome.position === undefined) success.setNoPosition(new GoogleEmpty());
            else
              success.setPosition(
                new AllStreamPosition()
                  .setCommitPosition(outcome.position.toString())
                  .setPreparePosition(outcome.position.toString()),
              );
            call.write(response.setSuccess(success));
            return;
          }
        }
      });
    });
    call.on('end', () => call.end());
    call.on('error', () => undefined);
  };

  // -------------------------------------------------------------------- Read

  const readStreamHandler = (
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options,
  ): void => {
    const stream = options.getStream();
    const streamName = streamNameOf(stream?.getStreamIdentifier());
    const from: bigint | 'start' | 'end' =
      stream?.hasRevision() === true
        ? BigInt(stream.getRevision())
        : stream?.hasEnd() === true
          ? 'end'
          : 'start';
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const result = ledger.readStream(streamName, from, backwards, BigInt(options.getCount()));
    if (result.kind === 'deleted') {
      call.emit('error', streamDeletedError(streamName));
      return;
    }
    if (result.kind === 'notFound') {
      call.write(
        new ReadResp().setStreamNotFound(
          new ReadResp.StreamNotFound().setStreamIdentifier(identifierFor(streamName)),
        ),
      );
      call.end();
      return;
    }
    for (const record of result.records) call.write(eventResponse(record));
    call.end();
  };

  /** The position a read of `$all` starts from; undefined when no record starts there. */
  const positionOf = (
    all: ReadReq.Options.AllOptions | undefined,
  ): { commit: bigint } | 'start' | 'end' | undefined => {
    const position = all?.getPosition();
    if (position === undefined || all?.hasPosition() !== true)
      return all?.hasEnd() === true ? 'end' : 'start';
    const commit = BigInt(position.getCommitPosition());
    return ledger.isValidPosition(commit, BigInt(position.getPreparePosition()))
      ? { commit }
      : undefined;
  };

  /** EventStoreDB's answer to a read or subscription from a position no record starts at. */
  const invalidPosition = () =>
    serviceError(grpc.status.UNKNOWN, 'Trying to read from an invalid position.');

  const readAllHandler = (
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options,
  ): void => {
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const from = positionOf(options.getAll());
    if (from === undefined) {
      call.emit('error', invalidPosition());
      return;
    }
    let index: number;
    if (typeof from === 'object') index = ledger.indexFor(from.commit, backwards);
    else if (from === 'end') index = backwards ? ledger.log.length - 1 : ledger.log.length;
    else index = backwards ? -1 : 0;
    let remaining = BigInt(options.getCount());
    const step = backwards ? -1 : 1;
    for (; remaining > 0n; index += step, remaining--) {
      const record = ledger.log[index];
      if (record === undefined) break;
      call.write(eventResponse(record));
    }
    call.end();
  };

  const subscribeToAllHandler = (
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options,
  ): void => {
    const from = positionOf(options.getAll());
    subscriptionsFrom.push(typeof from === 'object' ? from.commit : (from ?? 'invalid'));
    call.write(
      new ReadResp().setConfirmation(
        new ReadResp.SubscriptionConfirmation().setSubscriptionId(crypto.randomUUID()),
      ),
    );
    if (from === undefined) {
      call.emit('error', invalidPosition());
      return;
    }
    // A subscription delivers what comes after its position (exclusive).
    let index =
      typeof from === 'object'
        ? ledger.indexFor(from.commit + 1n, false)
        : from === 'end'
          ? ledger.log.length
          : 0;
    const filter = filterOf(options);
    const filterOptions = options.getFilter();
    const window =
      filterOptions?.hasMax() === true ? filterOptions.getMax() : DEFAULT_SEARCH_WINDOW;
    // As EventStoreDB: a checkpoint every (search window x multiplier) events read, whether the
    // filter took them or not, both catching up and live; and one as the subscription goes live.
    const checkpointEvery =
      window * Math.max(1, filterOptions?.getCheckpointintervalmultiplier() ?? 1);
    let readSinceCheckpoint = 0;
    let lastRead: LogRecord | undefined;
    let live = false;
    let ended = false;
    subscriptions.add(call);
    const pump = (): void => {
      if (ended) return;
      for (let record = ledger.log[index]; record !== undefined; record = ledger.log[index]) {
        index++;
        lastRead = record;
        if (filter === undefined || filter(record)) call.write(eventResponse(record));
        if (filter !== undefined && ++readSinceCheckpoint >= checkpointEvery) {
          readSinceCheckpoint = 0;
          call.write(checkpointResponse(record.position));
        }
      }
      if (!live) {
        live = true;
        const goingLive =
          lastRead?.position ?? (typeof from === 'object' ? from.commit : undefined);
        if (filter !== undefined && goingLive !== undefined)
          call.write(checkpointResponse(goingLive));
        // Live events are counted afresh, by the subscriptions service.
        readSinceCheckpoint = 0;
        call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
      }
    };
    const stop = ledger.onWrite(pump);
    const finish = (): void => {
      ended = true;
      stop();
      subscriptions.delete(call);
    };
    call.on('cancelled', finish);
    call.on('close', finish);
    call.on('error', finish);
    pump();
  };

  const readHandler = (call: grpc.ServerWritableStream<ReadReq, ReadResp>): void => {
    const options = call.request.getOptions();
    if (options === undefined) {
      call.emit('error', serviceError(grpc.status.INVALID_ARGUMENT, 'no options sent'));
      return;
    }
    if (options.hasSubscription()) {
      if (options.hasAll()) return subscribeToAllHandler(call, options);
      call.emit(
        'error',
        serviceError(grpc.status.UNIMPLEMENTED, 'stream subscriptions are not served'),
      );
      return;
    }
    if (options.hasAll()) return readAllHandler(call, options);
    return readStreamHandler(call, options);
  };

  // ---------------------------------------------------------- Delete, Tombstone

  const deletion = (
    streamName: string,
    expected: Expected,
    outcome: AppendOutcome,
  ): { error: ReturnType<typeof serviceError> } | { position: bigint | undefined } => {
    switch (outcome.kind) {
      case 'streamDeleted':
        return { error: streamDeletedError(streamName) };
      case 'wrongExpectedVersion':
        return {
          error: serviceError(grpc.status.FAILED_PRECONDITION, 'wrong expected version', {
            exception: 'wrong-expected-version',
            'stream-name': streamName,
            'expected-version': expectedVersionNumber(expected),
            ...(outcome.current === undefined
              ? {}
              : { 'actual-version': outcome.current.toString() }),
          }),
        };
      case 'ok':
        return { position: outcome.position };
    }
  };

  const deleteHandler = (
    call: grpc.ServerUnaryCall<DeleteReq, DeleteResp>,
    callback: grpc.sendUnaryData<DeleteResp>,
  ) => {
    const options = call.request.getOptions();
    const streamName = streamNameOf(options?.getStreamIdentifier());
    const expected = options === undefined ? ({ kind: 'any' } as const) : expectedOfDelete(options);
    const result = deletion(streamName, expected, ledger.softDelete(streamName, expected));
    if ('error' in result) return callback(result.error);
    const response = new DeleteResp();
    if (result.position === undefined) response.setNoPosition(new Empty());
    else
      response.setPosition(
        new DeleteResp.Position()
          .setCommitPosition(result.position.toString())
          .setPreparePosition(result.position.toString()),
      );
    return callback(null, response);
  };

  const tombstoneHandler = (
    call: grpc.ServerUnaryCall<TombstoneReq, TombstoneResp>,
    callback: grpc.sendUnaryData<TombstoneResp>,
  ) => {
    const options = call.request.getOptions();
    const streamName = streamNameOf(options?.getStreamIdentifier());
    const expected = options === undefined ? ({ kind: 'any' } as const) : expectedOfDelete(options);
    const result = deletion(streamName, expected, ledger.tombstone(streamName, expected));
    if ('error' in result) return callback(result.error);
    const response = new TombstoneResp();
    if (result.position === undefined) response.setNoPosition(new Empty());
    else
      response.setPosition(
        new TombstoneResp.Position()
          .setCommitPosition(result.position.toString())
          .setPreparePosition(result.position.toString()),
      );
    return callback(null, response);
  };

  // ------------------------------------------------------------ ServerFeatures

  const supportedMethods = (): SupportedMethods => {
    const streams = 'event_store.client.streams.Streams';
    const names = [
      'Read',
      'Append',
      'Delete',
      'Tombstone',
      ...(options.batchAppend === false ? [] : ['BatchAppend']),
    ];
    return new SupportedMethods()
      .setEventStoreServerVersion(SERVER_VERSION)
      .setMethodsList(
        names.map((name) => new SupportedMethod().setServiceName(streams).setMethodName(name)),
      );
  };

  const server = new grpc.Server();
  server.addService(StreamsService, {
    read: readHandler,
    append: appendHandler,
    delete: deleteHandler,
    tombstone: tombstoneHandler,
    batchAppend: batchAppendHandler,
  });
  server.addService(ServerFeaturesService, {
    getSupportedMethods: (
      _call: grpc.ServerUnaryCall<unknown, SupportedMethods>,
      callback: grpc.sendUnaryData<SupportedMethods>,
    ) => callback(null, supportedMethods()),
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error === null ? resolve(bound) : reject(error),
    ),
  );

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    faults,
    subscriptionsFrom,
    breakSubscriptions: () => {
      for (const call of [...subscriptions]) {
        subscriptions.delete(call);
        call.emit('error', unavailable());
      }
    },
    setStreamMetadata: (streamName, metadata) => ledger.setMetadata(streamName, metadata),
    writeSystemEvent: (streamName, type, data) => ledger.writeSystemEvent(streamName, type, data),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const call of subscriptions) call.end();
        server.tryShutdown(() => resolve());
        // Open streams would hold a graceful shutdown forever; cut them after a moment.
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 200).unref();
      }),
  };
};
