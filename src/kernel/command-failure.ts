import type { RuleViolation } from './decider';
import type { DecodeError, InvalidEventError, PersonalDataRefused } from './recorded-event';
import { formatIssues, type ValidationIssue } from './validation';

/** The command or its context is malformed: nothing was read or written. */
export interface InvalidCommand {
  readonly kind: 'InvalidCommand';
  readonly issues: readonly ValidationIssue[];
  readonly message: string;
}

/**
 * The command id was used before in the stream, for another command: a retry must repeat the
 * command exactly (same type, fields, actor, party, reason and source). Nothing was written.
 */
export interface CommandIdReused {
  readonly kind: 'CommandIdReused';
  readonly streamId: string;
  readonly commandId: string;
  /** The first event the earlier command recorded. */
  readonly earlier: {
    readonly revision: bigint;
    readonly eventType: string;
    readonly recordedAt: Date;
    readonly commandDigest: string;
  };
  /** The digest of the command refused now. */
  readonly commandDigest: string;
  readonly message: string;
}

/** Another writer kept changing the stream; every attempt met a newer revision. */
export interface ConcurrencyConflict {
  readonly kind: 'ConcurrencyConflict';
  readonly streamId: string;
  readonly attempts: number;
  readonly message: string;
}

/** The stream is tombstoned; it can never be written again. */
export interface StreamDeleted {
  readonly kind: 'StreamDeleted';
  readonly streamId: string;
  readonly message: string;
}

/** The stream holds an event that cannot be decoded; no decision is taken on a history misread. */
export interface CorruptHistory {
  readonly kind: 'CorruptHistory';
  readonly error: DecodeError;
  readonly message: string;
}

/**
 * Rules every aggregate keeps, checked by the command handler rather than by each decider:
 * - `OnBehalfOfMustBeAParty`: a record of an engagement is made on behalf of one of its parties;
 * - `DatedAfterRecording`: an act is not dated certainly after the moment it is recorded.
 */
export type KernelRule = 'OnBehalfOfMustBeAParty' | 'DatedAfterRecording';

export type CommandFailure<Rule extends string = string> =
  | InvalidCommand
  | RuleViolation<Rule | KernelRule>
  | InvalidEventError
  | PersonalDataRefused
  | CorruptHistory
  | CommandIdReused
  | ConcurrencyConflict
  | StreamDeleted;

/** An `InvalidCommand` for issues found under `where` (`context`, or the command's type). */
export const invalidCommand = (
  where: string,
  issues: readonly ValidationIssue[],
): InvalidCommand => {
  const prefixed = issues.map((i) => ({
    ...i,
    path: i.path === '(root)' ? where : `${where}.${i.path}`,
  }));
  return { kind: 'InvalidCommand', issues: prefixed, message: `invalid ${formatIssues(prefixed)}` };
};
