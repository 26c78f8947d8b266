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
export class CommandIdLog {
  readonly #firstAt = new Map<string, bigint>();

  /** Notes that `commandId` (in lower case) caused the event at `revision`. */
  note(commandId: string, revision: bigint): void {
    const known = this.#firstAt.get(commandId);
    if (known === undefined || revision < known) this.#firstAt.set(commandId, revision);
  }

  /** Whether `commandId` caused an event at `upTo` or before. */
  has(commandId: string, upTo: bigint): boolean {
    const at = this.#firstAt.get(commandId);
    return at !== undefined && at <= upTo;
  }

  /** The ids first seen at `upTo` or before, in the order they were noted. */
  *upTo(upTo: bigint): SetIterator<string> {
    for (const [commandId, at] of this.#firstAt) if (at <= upTo) yield commandId;
  }
}

/** The command ids of a stream up to one revision, as a read-only set over a shared log. */
export class CommandIdsUpTo implements ReadonlySet<string> {
  constructor(
    readonly log: CommandIdLog,
    /** The revision of the last event the fold holds; -1n before the first. */
    readonly revision: bigint,
  ) {}

  has(commandId: string): boolean {
    return this.log.has(commandId, this.revision);
  }

  /** Counted on demand: a command needs only `has`. */
  get size(): number {
    let count = 0;
    for (const _ of this.log.upTo(this.revision)) count++;
    return count;
  }

  forEach(each: (value: string, key: string, set: ReadonlySet<string>) => void): void {
    for (const commandId of this.log.upTo(this.revision)) each(commandId, commandId, this);
  }

  *entries(): SetIterator<[string, string]> {
    for (const commandId of this.log.upTo(this.revision)) yield [commandId, commandId];
  }

  keys(): SetIterator<string> {
    return this.log.upTo(this.revision);
  }

  values(): SetIterator<string> {
    return this.log.upTo(this.revision);
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.log.upTo(this.revision);
  }
}
