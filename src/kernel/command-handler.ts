import * as E from 'fp-ts/Either';
import {
  tracedCommand,
  type CommandOutcome,
  type CommandProbe,
} from '../telemetry/command-telemetry';
import type { Aggregate } from './aggregate';
import { streamIdOf } from './aggregate';
import type { CommandFailure, CommandIdReused, KernelRule, StreamDeleted } from './command-failure';
import { checkInput, recordMetadata } from './command-input';
import { refuse, type RuleViolation } from './decider';
import type { DomainEvent } from './event';
import { eventIdFor } from './event-id';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision } from './event-store';
import {
  encodeEvent,
  type CommandContext,
  type DecodeError,
  type RecordedEvent,
} from './recorded-event';
import { sealingKeysForCommand, sealingKeysForEvents } from './personal-keys';
import { isDatedAfter, latestDateAnywhere } from './recording-time';
import type { StateCache } from './state-cache';
import { isStoreError } from './store-errors';
import { extendedBy, readFold, readStreamEvents, remember, TOMBSTONED } from './stream-fold';
import { withoutIntegrity } from './written-json';

export type {
  CommandFailure,
  CommandIdReused,
  ConcurrencyConflict,
  CorruptHistory,
  InvalidCommand,
  KernelRule,
  StreamDeleted,
} from './command-failure';
export { readStreamEvents } from './stream-fold';

export interface CommandResult<Event extends DomainEvent, State> {
  readonly streamId: string;
  /** The events this command recorded, in order (or recorded earlier, when `alreadyHandled`). */
  readonly events: readonly Event[];
  /** The state after the command. */
  readonly state: State;
  /** The revision of the stream's last event after the command; `undefined` if still empty. */
  readonly revision: bigint | undefined;
  /** The same command (same id, same digest) was found in the stream: answered without writing. */
  readonly alreadyHandled: boolean;
}

export interface HandleCommandOptions {
  /** How many read-decide-append cycles to try when other writers get in first. Default 5. */
  readonly maxAttempts?: number;
  /**
   * Folded states kept from earlier commands (see `createStateCache`). With one, a command reads
   * only the events appended since the fold it finds, instead of its whole stream: keep one per
   * service and pass it to every command.
   */
  readonly cache?: StateCache;
}

const deleted = (streamId: string): StreamDeleted => ({
  kind: 'StreamDeleted',
  streamId,
  message: `${streamId} is deleted for good and takes no more events`,
});

/** The first event dated certainly after `now` (see `isDatedAfter`). */
const datedAfter = <Event extends DomainEvent>(
  events: readonly Event[],
  now: Date,
): { readonly event: Event; readonly today: string } | undefined => {
  const event = events.find((e) => isDatedAfter(e.occurredOn, now));
  return event === undefined ? undefined : { event, today: latestDateAnywhere(now) };
};

/** The earlier command under this id, when it was another one. */
const reuseOf = (
  streamId: string,
  commandId: string,
  digest: string,
  earlier: RecordedEvent,
): CommandIdReused | undefined => {
  const recorded = earlier.metadata.commandDigest;
  // Events written before digests were recorded cannot tell a retry from a reuse: a retry it is,
  // as it always was.
  if (recorded === undefined || recorded === digest) return undefined;
  return {
    kind: 'CommandIdReused',
    streamId,
    commandId,
    earlier: {
      revision: earlier.revision,
      eventType: earlier.event.type,
      recordedAt: earlier.recordedAt,
      commandDigest: recorded,
    },
    commandDigest: digest,
    message: `command id ${commandId} already recorded another command in ${streamId} (${earlier.event.type} at revision ${earlier.revision}, recorded ${earlier.recordedAt.toISOString()}); give this command an id of its own, or repeat the earlier command exactly to retry it`,
  };
};

/**
 * Handles one command against one aggregate on any store: read the stream, fold, decide, append
 * with the revision that was read. When another writer got in first the whole cycle runs again,
 * up to `maxAttempts` times. A command whose id is already in the stream is answered from the
 * stream and writes nothing, so a retry after a lost reply is safe; the same id sent with another
 * command is refused (`CommandIdReused`).
 *
 * Besides the decider's rules, every command keeps two (`KernelRule`): the record is made on
 * behalf of one of the engagement's parties, and no act is dated after the day it is recorded.
 * Refusals are values, whatever the caller passed; only a store that cannot be reached (or
 * another infrastructure fault) rejects the promise.
 */
export const handleCommand = <
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Rule extends string,
>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Rule>,
  command: Command,
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<E.Either<CommandFailure<Rule>, CommandResult<Event, State>>> =>
  tracedCommand(
    aggregate.name,
    (command as { readonly type?: unknown } | null | undefined)?.type,
    (probe) => decideAndRecord(store, aggregate, command, context, options, probe),
    outcomeOf,
  );

/** How a command ended, for its span and the commands counter. */
const outcomeOf = (
  result: E.Either<CommandFailure, CommandResult<DomainEvent, unknown>>,
): CommandOutcome =>
  E.isLeft(result)
    ? {
        outcome: result.left.kind,
        ...(result.left.kind === 'RuleViolated' ? { rule: result.left.rule } : {}),
      }
    : {
        outcome: result.right.alreadyHandled
          ? 'alreadyHandled'
          : result.right.events.length === 0
            ? 'nothingToRecord'
            : 'recorded',
        streamId: result.right.streamId,
      };

const decideAndRecord = async <
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Rule extends string,
>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Rule>,
  command: Command,
  context: CommandContext,
  options: HandleCommandOptions,
  probe: CommandProbe,
): Promise<E.Either<CommandFailure<Rule>, CommandResult<Event, State>>> => {
  const checked = checkInput(aggregate, command, context);
  if (E.isLeft(checked)) return checked;
  const sealingOrPending = sealingKeysForCommand(store, aggregate.commands, checked.right);
  const sealing = sealingOrPending instanceof Promise ? await sealingOrPending : sealingOrPending;
  if (E.isLeft(sealing)) return sealing;
  const { input } = sealing.right;
  const { command: cmd, context: ctx, digest } = input;
  const streamId = streamIdOf(aggregate.name, aggregate.idOf(cmd));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const { cache } = options;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const read = await probe.read(streamId, () =>
      readFold(store, aggregate, streamId, ctx.commandId, cache),
    );
    if (E.isLeft(read))
      return E.left({ kind: 'CorruptHistory', error: read.left, message: read.left.message });
    if (read.right === TOMBSTONED) return E.left(deleted(streamId));
    const fold = read.right;
    const { state } = fold;
    const revision = fold.last?.revision;
    if (fold.news) remember(cache, store, aggregate, streamId, fold);

    const [first] = fold.earlier;
    if (first !== undefined) {
      const reused = reuseOf(streamId, ctx.commandId, digest, first);
      if (reused !== undefined) return E.left(reused);
      return E.right({
        streamId,
        events: fold.earlier.map((recorded) => recorded.event),
        state,
        revision,
        alreadyHandled: true,
      });
    }

    const decision = aggregate.decide(cmd, state);
    if (E.isLeft(decision)) return decision;
    const events = decision.right;
    if (events.length === 0)
      return E.right({ streamId, events, state, revision, alreadyHandled: false });
    let after = state;
    for (const event of events) after = aggregate.evolve(after, event);
    // The moment of recording, stamped here and sealed with each event.
    const now = store.now?.() ?? new Date();
    const refused = kernelRuleBroken(aggregate, after, ctx.onBehalfOf, events, now);
    if (refused !== undefined) return refused;

    const keysOrPending = sealingKeysForEvents(store, aggregate.events, events, sealing.right.keys);
    const personalKeys = keysOrPending instanceof Promise ? await keysOrPending : keysOrPending;
    const toAppend: EventToAppend[] = [];
    let previousHash = fold.last?.lastHash ?? null;
    for (const [index, event] of events.entries()) {
      const encoded = encodeEvent(aggregate.events, event, {
        streamId,
        eventId: eventIdFor(streamId, ctx.commandId, index),
        previousHash,
        recordedAt: now,
        // The command span's trace context, if any: not part of the digest, so a retry under
        // another trace is still the same command.
        metadata: { ...recordMetadata(input), ...probe.traceContext },
        ...(personalKeys === undefined ? {} : { personalKeys }),
      });
      if (E.isLeft(encoded)) return encoded;
      toAppend.push(withoutIntegrity(encoded.right));
      previousHash = encoded.right.integrity.hash;
    }

    const expectedRevision: ExpectedRevision = revision ?? 'no_stream';
    let appended: AppendResult;
    try {
      appended = await probe.append(streamId, toAppend.length, () =>
        store.appendToStream(streamId, toAppend, { expectedRevision }),
      );
    } catch (error) {
      if (isStoreError(error, 'ConcurrencyConflict')) {
        probe.conflicted();
        continue;
      }
      if (isStoreError(error, 'StreamDeleted')) {
        cache?.forget(store, streamId);
        return E.left(deleted(streamId));
      }
      throw error;
    }
    const lastAppended = toAppend[toAppend.length - 1];
    // Only events that landed right after the fold extend it; an idempotent answer about an
    // earlier append does not say what the stream holds now.
    if (
      lastAppended !== undefined &&
      previousHash !== null &&
      appended.nextExpectedRevision === (revision ?? -1n) + BigInt(toAppend.length)
    )
      remember(cache, store, aggregate, streamId, {
        state: after,
        last: {
          revision: appended.nextExpectedRevision,
          lastEventId: lastAppended.eventId,
          lastHash: previousHash,
        },
        commandIds: extendedBy(
          fold,
          ctx.commandId,
          (revision ?? -1n) + 1n,
          appended.nextExpectedRevision,
        ),
      });
    else cache?.forget(store, streamId);
    return E.right({
      streamId,
      events,
      state: after,
      revision: appended.nextExpectedRevision,
      alreadyHandled: false,
    });
  }
  return E.left({
    kind: 'ConcurrencyConflict',
    streamId,
    attempts: maxAttempts,
    message: `${streamId} kept changing while the command was decided (${maxAttempts} attempts); try again`,
  });
};

/** The kernel's own rules, judged on the events decided and the state they lead to. */
const kernelRuleBroken = <Event extends DomainEvent, State>(
  aggregate: Pick<Aggregate<never, Event, State, string>, 'name' | 'partiesOf'>,
  after: State,
  onBehalfOf: string,
  events: readonly Event[],
  now: Date,
): E.Either<RuleViolation<KernelRule>, never> | undefined => {
  const parties = aggregate.partiesOf?.(after);
  if (parties !== undefined && !parties.includes(onBehalfOf))
    return refuse(
      aggregate.name,
      'OnBehalfOfMustBeAParty',
      `a record of ${aggregate.name} between ${parties.join(' and ')} is made on behalf of one of them, not ${onBehalfOf}`,
    );
  const future = datedAfter(events, now);
  if (future !== undefined)
    return refuse(
      aggregate.name,
      'DatedAfterRecording',
      `${future.event.type} is dated ${future.event.occurredOn}, after the day it is recorded (${future.today} at the latest anywhere); record an act once it has happened`,
    );
  return undefined;
};

/** A state folded from a stream, with how far the fold went. */
export interface LoadedState<State> {
  readonly state: State;
  /** The last revision folded in; `undefined` when nothing was. */
  readonly revision: bigint | undefined;
  readonly eventsApplied: number;
}

/**
 * The state of one aggregate, folded from its stream. `include` leaves events out of the fold
 * (a point-in-time read keeps only what was known then); by default every event counts.
 */
export const loadState = async <
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Rule extends string,
>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Rule>,
  id: string,
  include: (recorded: RecordedEvent<Event>) => boolean = () => true,
): Promise<E.Either<DecodeError, LoadedState<State>>> => {
  const loaded = await readStreamEvents(store, aggregate, streamIdOf(aggregate.name, id));
  if (E.isLeft(loaded)) return loaded;
  let state = aggregate.initialState;
  let revision: bigint | undefined;
  let eventsApplied = 0;
  for (const recorded of loaded.right.events) {
    if (!include(recorded)) continue;
    state = aggregate.evolve(state, recorded.event);
    revision = recorded.revision;
    eventsApplied++;
  }
  return E.right({ state, revision, eventsApplied });
};
