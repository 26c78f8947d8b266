import { AssertionError, deepStrictEqual } from 'node:assert';
import * as E from 'fp-ts/Either';
import { v4 as uuidv4 } from 'uuid';
import { streamIdOf, type Aggregate } from '../kernel/aggregate';
import type { CommandFailure } from '../kernel/command-failure';
import { handleCommand, type HandleCommandOptions } from '../kernel/command-handler';
import type { DomainEvent } from '../kernel/event';
import type { EventStore } from '../kernel/event-store';
import type { CommandContext } from '../kernel/recorded-event';
import { isStoreError } from '../kernel/store-errors';
import { createInMemoryEventStore } from '../store/in-memory-event-store';
import { createInMemoryKeyStore } from '../personal/in-memory-key-store';
import { withKeyStore } from '../personal/with-key-store';

/** The default store: in memory, with a key store of its own, so that names are sealed as anywhere. */
const inMemoryWithKeys = () => withKeyStore(createInMemoryEventStore(), createInMemoryKeyStore());
import { describeCommand } from './decider-specification';
import {
  assertAccepted,
  assertEvents,
  assertFailed,
  assertList,
  assertRefused,
} from './outcome-assertions';

/** Who records the commands of a specification, and why: each gets a fresh command id. */
export type RecordedBy = Omit<CommandContext, 'commandId' | 'correlationId'>;

export interface CommandSpecificationOptions<Command> {
  /** The store each specification starts from; a new in-memory store by default. */
  readonly store?: () => EventStore;
  /** The context of a command given without one, with a fresh command id each time. */
  readonly recordedBy: RecordedBy | ((command: Command) => RecordedBy);
  /** Passed to `handleCommand` (a state cache, the attempts). */
  readonly handle?: HandleCommandOptions;
}

/** A command already handled, with the context it was handled in (to send again, as a retry). */
export interface HandledCommand<Command> {
  readonly command: Command;
  readonly context: CommandContext;
}

/** What handling the command given to `when` did, to assert on. Each assertion reads the store. */
export interface CommandThen<Event extends DomainEvent, State, Rule extends string> {
  /**
   * Accepted, recording exactly these events (and the stream gained exactly them). The object
   * is not a promise, though its `then` makes it look like one: await what `then` returns.
   */
  readonly then: (expected: readonly Event[]) => Promise<void>;
  /** Refused by `rule` (the aggregate's or the kernel's), with nothing recorded. */
  readonly thenRefused: (
    rule: Rule | CommandFailureRule,
    message?: string | RegExp,
  ) => Promise<void>;
  /** Failed with `kind` (`InvalidCommand`, `CommandIdReused`, ...), with nothing recorded. */
  readonly thenFailed: (kind: CommandFailure['kind'], message?: string | RegExp) => Promise<void>;
  /** Accepted without recording anything: a retry of a command already handled. */
  readonly thenNothingRecorded: () => Promise<void>;
  /** Accepted, leaving this state. */
  readonly thenState: (expected: State) => Promise<void>;
  /** The store the specification ran on, to look further. */
  readonly store: () => Promise<EventStore>;
}

/** The kernel's own rules, which any command can break besides its aggregate's. */
type CommandFailureRule = Extract<CommandFailure, { kind: 'RuleViolated' }>['rule'];

export interface CommandGiven<Command, Event extends DomainEvent, State, Rule extends string> {
  /** Handles `command`, with `context` or a fresh one from `recordedBy`. */
  readonly when: (command: Command, context?: CommandContext) => CommandThen<Event, State, Rule>;
}

export interface CommandSpecification<
  Command,
  Event extends DomainEvent,
  State,
  Rule extends string,
> {
  /**
   * The commands handled before, in order, each accepted (or the specification fails saying
   * which was not): bare commands get a fresh context, `{ command, context }` the one given.
   */
  readonly given: (
    history?: readonly (Command | HandledCommand<Command>)[],
  ) => CommandGiven<Command, Event, State, Rule>;
}

interface Ran {
  readonly store: EventStore;
  readonly result: Awaited<ReturnType<typeof handleCommand>>;
  readonly before: readonly string[];
  readonly after: readonly string[];
}

const isHandled = <Command>(
  entry: Command | HandledCommand<Command>,
): entry is HandledCommand<Command> =>
  typeof entry === 'object' &&
  entry !== null &&
  'command' in entry &&
  'context' in entry &&
  Object.keys(entry).length === 2;

const eventIdsOf = async (store: EventStore, streamId: string): Promise<string[]> => {
  const ids: string[] = [];
  try {
    for await (const event of store.readStream(streamId)) ids.push(event.eventId);
  } catch (error) {
    if (isStoreError(error, 'StreamNotFound')) return [];
    throw error;
  }
  return ids;
};

/**
 * Given, when, then for whole command handling (`handleCommand`) against a store, in memory by
 * default: validation, the aggregate's rules and the kernel's, idempotent retries and what is
 * written. Assertions throw `AssertionError`s, so any test runner reports them.
 *
 * ```ts
 * const mou = commandSpecification(MoU, { recordedBy });
 * await mou.given([propose]).when(agree).then([textAgreed]);
 * ```
 */
export const commandSpecification = <
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Rule extends string,
>(
  aggregate: Aggregate<Command, Event, State, Rule>,
  options: CommandSpecificationOptions<Command>,
): CommandSpecification<Command, Event, State, Rule> => {
  const contextFor = (command: Command): CommandContext => ({
    ...(typeof options.recordedBy === 'function'
      ? options.recordedBy(command)
      : options.recordedBy),
    commandId: uuidv4(),
  });
  return {
    given: (history = []) => ({
      when: (command, context) => {
        const what = `when ${describeCommand(command)}`;
        // Run once, when the first assertion asks: a `when` nobody asserts on does nothing.
        let running: Promise<Ran> | undefined;
        const run = (): Promise<Ran> =>
          (running ??= (async (): Promise<Ran> => {
            const store = (options.store ?? inMemoryWithKeys)();
            for (const [index, entry] of history.entries()) {
              const given = isHandled(entry)
                ? entry
                : { command: entry, context: contextFor(entry) };
              const result = await handleCommand(
                store,
                aggregate,
                given.command,
                given.context,
                options.handle,
              );
              if (E.isLeft(result))
                throw new AssertionError({
                  message: `given command ${index + 1} (${describeCommand(given.command)}) was not accepted: ${result.left.message}`,
                  actual: result.left,
                  expected: 'accepted',
                });
            }
            const streamId = streamIdOf(aggregate.name, aggregate.idOf(command));
            const before = await eventIdsOf(store, streamId);
            const result = await handleCommand(
              store,
              aggregate,
              command,
              context ?? contextFor(command),
              options.handle,
            );
            const after = await eventIdsOf(store, streamId);
            return { store, result, before, after };
          })());
        const outcome = async () => {
          const { result } = await run();
          return E.isLeft(result)
            ? E.left(result.left)
            : E.right(result.right.alreadyHandled ? [] : result.right.events);
        };
        /** Nothing was appended to the command's stream. */
        const unchanged = async (): Promise<void> => {
          const { before, after } = await run();
          deepStrictEqual(
            after,
            before,
            `${what}: the stream changed although nothing was to be recorded`,
          );
        };
        return {
          then: async (expected) => {
            assertList(expected);
            const { before, after, result } = await run();
            if (E.isRight(result) && result.right.alreadyHandled)
              throw new AssertionError({
                message: `${what}: the command was answered as a retry of one already handled, recording nothing`,
                actual: [],
                expected,
              });
            assertEvents(await outcome(), expected, what);
            deepStrictEqual(
              after.length - before.length,
              expected.length,
              `${what}: the stream gained ${after.length - before.length} event(s), not ${expected.length}`,
            );
          },
          thenRefused: async (rule, message) => {
            assertRefused(await outcome(), rule, what, message);
            await unchanged();
          },
          thenFailed: async (kind, message) => {
            assertFailed(await outcome(), kind, what, message);
            await unchanged();
          },
          thenNothingRecorded: async () => {
            assertEvents(await outcome(), [], what);
            await unchanged();
          },
          thenState: async (expected) => {
            assertAccepted(await outcome(), what);
            const { result } = await run();
            if (E.isRight(result)) deepStrictEqual(result.right.state, expected);
          },
          store: async () => (await run()).store,
        };
      },
    }),
  };
};
