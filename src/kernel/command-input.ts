import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import type { Aggregate } from './aggregate';
import { invalidCommand, type InvalidCommand } from './command-failure';
import { decode } from './decode';
import { canonicalJson, sha256 } from './integrity';
import { isPersonalPlaceholder } from '../personal/sealed-data';
import { droppedParts, plainData } from './plain-data';
import { mapPersonal, personalFields } from './personal-fields';
import { CommandContext } from './recorded-event';
import { toIssues } from './validation';

/** A command and its context as the handler works with them: copied, decoded, complete. */
export interface CheckedInput<Command> {
  readonly command: Command;
  /** The context, with its command and correlation ids in lower case. */
  readonly context: CommandContext;
  /** What the command id stands for: see `commandDigest`. */
  readonly digest: string;
}

/**
 * What a command id stands for: SHA-256 over the canonical JSON (RFC 8785) of the command, as
 * decoded, and who sent it, for whom, why and on what source. A retry carries the same digest;
 * another command under the same id does not.
 */
export const commandDigest = (command: unknown, context: CommandContext): string =>
  sha256(
    canonicalJson({
      command,
      actor: context.actor,
      onBehalfOf: context.onBehalfOf,
      reason: context.reason,
      source: context.source,
    }),
  );

/**
 * Reads one part of the input (`where` names it in issues): a plain copy first, so that nothing
 * the value does when read reaches the codec, then decoded, then held to account for anything
 * decoding would have left out.
 */
const read = <A>(
  where: (copy: unknown) => string,
  codec: t.Type<A, unknown, unknown>,
  value: unknown,
): E.Either<InvalidCommand, A> => {
  const copy = plainData(value);
  if (E.isLeft(copy)) return E.left(invalidCommand(where(undefined), [copy.left]));
  const decoded = decode(codec, copy.right);
  if (E.isLeft(decoded)) return E.left(invalidCommand(where(copy.right), toIssues(decoded.left)));
  const dropped = droppedParts(copy.right, decoded.right);
  if (dropped.length > 0) return E.left(invalidCommand(where(copy.right), dropped));
  return E.right(decoded.right);
};

/** The command's type, to name it in issues, if it has one. */
const commandName = (copy: unknown): string => {
  const type =
    typeof copy === 'object' && copy !== null ? (copy as { type?: unknown }).type : undefined;
  return typeof type === 'string' && type.length > 0 && type.length <= 100 ? type : 'command';
};

/**
 * The first personal value (a name) given without the id of the person it is about: it could not
 * be sealed under their key, nor erased with the rest of their data.
 */
const personalWithoutSubject = (codec: t.Mixed, command: unknown) => {
  for (const found of mapPersonal(personalFields(codec), command).found)
    if (
      typeof found.value === 'string' &&
      !isPersonalPlaceholder(found.value) &&
      found.subjectId === undefined
    )
      return {
        path: found.subjectPointer.slice(1).replace(/\//g, '.'),
        expected: 'a subject id',
        actual: 'undefined',
        problem: `${found.pointer.slice(1).replace(/\//g, '.')} is personal data, so the id of its data subject must be given beside it`,
      };
  return undefined;
};

/**
 * Checks what a caller hands to `handleCommand`, whatever it is: anything but a well-formed
 * context and command of this aggregate is an `InvalidCommand` naming what is wrong, never a
 * throw. Command and correlation ids are kept in lower case, the canonical form of a UUID.
 */
export const checkInput = <Command extends { readonly type: string }>(
  aggregate: Pick<Aggregate<Command, never, unknown, string>, 'commands' | 'onBehalfOf'>,
  command: unknown,
  context: unknown,
): E.Either<InvalidCommand, CheckedInput<Command>> => {
  const ctx = read(() => 'context', CommandContext, context);
  if (E.isLeft(ctx)) return ctx;
  if (aggregate.onBehalfOf !== undefined) {
    const party = decode(aggregate.onBehalfOf, ctx.right.onBehalfOf);
    if (E.isLeft(party)) return E.left(invalidCommand('context.onBehalfOf', toIssues(party.left)));
  }
  const cmd = read(commandName, aggregate.commands, command);
  if (E.isLeft(cmd)) return cmd;
  const unowned = personalWithoutSubject(aggregate.commands, cmd.right);
  if (unowned !== undefined) return E.left(invalidCommand(commandName(cmd.right), [unowned]));
  const { commandId, correlationId } = ctx.right;
  const normalised: CommandContext = {
    ...ctx.right,
    commandId: commandId.toLowerCase(),
    ...(correlationId === undefined ? {} : { correlationId: correlationId.toLowerCase() }),
  };
  return E.right({
    command: cmd.right,
    context: normalised,
    digest: commandDigest(cmd.right, normalised),
  });
};

/**
 * What every event a checked command records carries beside its data: who, for whom, why, on
 * what source, the correlation and causation ids, and what the command id stands for.
 */
export const recordMetadata = ({ context, digest }: CheckedInput<unknown>) => ({
  actor: context.actor,
  onBehalfOf: context.onBehalfOf,
  reason: context.reason,
  source: context.source,
  correlationId: context.correlationId ?? context.commandId,
  causationId: context.commandId,
  commandDigest: digest,
});
