import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import {
  keysForSealing,
  subjectsToSeal,
  withDigestTags,
  type PersonalKeys,
} from '../personal/sealed-data';
import { commandDigest, type CheckedInput } from './command-input';
import type { DomainEvent, EventCatalog } from './event';
import type { EventStore } from './event-store';
import { mapPersonal, personalFields } from './personal-fields';
import type { PersonalDataRefused } from './recorded-event';

/**
 * The keys a command's personal values are sealed with, fetched from the store's key store before
 * anything is decided, and the command's digest taken over their tags instead of the names (see
 * `digestTag`): a digest of a name could be tested against guesses long after the name's erasure.
 */

const refusal = (
  eventType: string,
  problem: PersonalDataRefused['problem'],
  pointer: string,
  subjectId: string,
  message: string,
): PersonalDataRefused => ({
  kind: 'PersonalDataRefused',
  eventType,
  problem,
  pointer,
  subjectId,
  message,
});

type CommandSealing<Command> = E.Either<
  PersonalDataRefused,
  { readonly input: CheckedInput<Command>; readonly keys: PersonalKeys | undefined }
>;

/**
 * The command with its digest over tags, and the keys of the subjects it names. Answers at once,
 * not a promise, for a command that names no one (most): nothing is asked of the key store.
 */
export const sealingKeysForCommand = <Command extends { readonly type: string }>(
  store: EventStore,
  codec: t.Mixed,
  input: CheckedInput<Command>,
): CommandSealing<Command> | Promise<CommandSealing<Command>> => {
  const fields = personalFields(codec);
  if (fields.length === 0) return E.right({ input, keys: undefined });
  const subjects = subjectsToSeal(fields, input.command);
  if (subjects.size === 0) return E.right({ input, keys: undefined });
  return keysOfCommand(store, fields, subjects, input);
};

const keysOfCommand = async <Command extends { readonly type: string }>(
  store: EventStore,
  fields: ReturnType<typeof personalFields>,
  subjects: ReadonlySet<string>,
  input: CheckedInput<Command>,
): Promise<CommandSealing<Command>> => {
  const { type } = input.command;
  const [first] = mapPersonal(fields, input.command).found.filter(
    (f) => typeof f.subjectId === 'string' && subjects.has(f.subjectId),
  );
  const pointer = first?.pointer ?? '';
  if (store.keys === undefined)
    return E.left(
      refusal(
        type,
        'NoKeyStore',
        pointer,
        String(first?.subjectId),
        `${type} names a person at ${pointer}, and the store has no key store to seal the name with; open the store with one (withKeyStore) rather than record it in plain text`,
      ),
    );
  const keys = (await keysForSealing(store.keys, subjects)) ?? new Map();
  for (const [subjectId, key] of keys)
    if (!('key' in key))
      return E.left(
        refusal(
          type,
          'SubjectErased',
          pointer,
          subjectId,
          `${type} names subject ${subjectId}, whose personal data was erased at ${key.erasedAt}; nothing new is recorded for them`,
        ),
      );
  const digest = commandDigest(withDigestTags(fields, input.command, keys), input.context);
  return E.right({ input: { ...input, digest }, keys });
};

/**
 * `keys` with those of the subjects `events` name besides (a decider may copy a post from the
 * state), fetched from the store's key store. Erased subjects stay erasures, which the encoder
 * refuses to seal for, unless the value is the placeholder the state holds.
 */
export const sealingKeysForEvents = <Event extends DomainEvent>(
  store: EventStore,
  catalog: EventCatalog<Event>,
  events: readonly Event[],
  keys: PersonalKeys | undefined,
): PersonalKeys | undefined | Promise<PersonalKeys | undefined> => {
  const missing = new Set<string>();
  for (const event of events) {
    const fields = catalog.lookup(event.type)?.personal ?? [];
    if (fields.length === 0) continue;
    for (const subjectId of subjectsToSeal(fields, event.data))
      if (keys?.has(subjectId) !== true) missing.add(subjectId);
  }
  if (missing.size === 0 || store.keys === undefined) return keys;
  return keysForSealing(store.keys, missing).then(
    (more) => new Map([...(keys ?? []), ...(more ?? [])]),
  );
};
