/**
 * The command ids of one stream, kept once for every fold of it instead of copied into each.
 *
 * A fold of a stream up to revision `r` needs the ids its events carry up to `r`, so a retried
 * command is recognised. Copying a set per fold made every command cost O(ids in the stream). A
 * log instead notes each id once, with the first revision it appears at, and is shared by all the
 * folds read from one history; each fold sees it through `CommandIdsUpTo`, bounded by its own
 * revision.
 *
 * Why sharing a growing log is safe:
 * - Only facts are noted: an id read from the store at its revision (after the fold it extends
 *   was confirmed against the store), or one the store just accepted at the revision the fold
 *   expected. A failed or conflicting append notes nothing, so a command that loses a race and
 *   retries is not taken for one already handled.
 * - A note is never removed, and a first revision only ever moves down, so a fold that saw an id
 *   keeps seeing it: no retry is missed, however many commands came after it.
 * - A fold bounded at `r` ignores ids noted for later revisions, so concurrent commands reading
 *   an older fold answer as that fold. Should a history written behind the cache's back leave a
 *   note too many, the command handler reads the whole stream for that id, as for any id a fold
 *   claims: a wrong claim costs a read, never an answer.
 */
export interface CommandIdLog {
  /** Notes that `commandId` (in lower case) caused the event at `revision`. */
  readonly note: (commandId: string, revision: bigint) => void;
  /** Whether `commandId` caused an event at `upTo` or before. */
  readonly has: (commandId: string, upTo: bigint) => boolean;
  /** The ids first seen at `upTo` or before, in the order they were noted. */
  readonly upTo: (upTo: bigint) => IterableIterator<string>;
}

export const commandIdLog = (): CommandIdLog => {
  const firstAt = new Map<string, bigint>();
  return {
    note: (commandId, revision) => {
      const known = firstAt.get(commandId);
      if (known === undefined || revision < known) firstAt.set(commandId, revision);
    },
    has: (commandId, upTo) => {
      const at = firstAt.get(commandId);
      return at !== undefined && at <= upTo;
    },
    upTo: function* (upTo) {
      for (const [commandId, at] of firstAt) if (at <= upTo) yield commandId;
    },
  };
};

/**
 * The command ids a fold holds: enough to recognise a retried command and to list them. A
 * `Set<string>` is one; the folds `handleCommand` makes are views over a shared log.
 */
export interface CommandIds extends Iterable<string> {
  readonly has: (commandId: string) => boolean;
}

/** The command ids of a stream up to one revision, as a view over a shared log. */
export interface CommandIdsUpTo extends CommandIds {
  readonly log: CommandIdLog;
  /** The revision of the last event the fold holds; -1n before the first. */
  readonly revision: bigint;
}

export const commandIdsUpTo = (log: CommandIdLog, revision: bigint): CommandIdsUpTo => ({
  log,
  revision,
  has: (commandId) => log.has(commandId, revision),
  [Symbol.iterator]: () => log.upTo(revision),
});

/** Whether `ids` is a view this module made (and so has a log to share). */
export const isCommandIdsUpTo = (ids: CommandIds): ids is CommandIdsUpTo =>
  'log' in ids && 'revision' in ids;
