import type { AuditTrailOptions } from '../audit/audit-trail';
import type { AsOf } from '../audit/point-in-time';
import { aggregates } from '../domain/ledger';
import { isParty, type Party } from '../domain/shared/party';
import { categoryOf } from '../kernel/event-registry';
import { isPartialDate, type PartialDate } from '../kernel/partial-date';
import { badInput } from './exit';

/** The command line's arguments, checked before any store is opened. */

export const parseParties = (text: string): [Party, Party] => {
  const codes = text.split(',').map((s) => s.trim());
  const [a, b] = codes;
  if (codes.length !== 2 || a === undefined || b === undefined || !isParty(a) || !isParty(b))
    throw badInput(`--parties takes two ISO 3166-1 alpha-2 codes such as PK,BH, got "${text}"`);
  return [a, b];
};

const parsePartialDate = (flag: string, text: string): PartialDate => {
  if (!isPartialDate(text))
    throw badInput(`${flag} takes a date such as 2025, 2025-09 or 2025-09-10, got "${text}"`);
  return text;
};

/** An instant; a bare date means the end of that day (UTC) for `to`, its start for `from`. */
const parseInstant = (flag: string, text: string, end: 'start' | 'end'): Date => {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const date = dateOnly
    ? new Date(`${text}T${end === 'end' ? '23:59:59.999' : '00:00:00.000'}Z`)
    : new Date(text);
  if (Number.isNaN(date.getTime()) || (dateOnly && !isPartialDate(text)))
    throw badInput(`${flag} takes a date or an ISO 8601 instant, got "${text}"`);
  return date;
};

const parseRevision = (text: string): bigint => {
  if (!/^(0|[1-9]\d*)$/.test(text))
    throw badInput(`--as-of-revision takes a revision such as 3, got "${text}"`);
  return BigInt(text);
};

export const asOfFrom = (options: {
  asOfRecorded?: string;
  asOfOccurred?: string;
  asOfRevision?: string;
}): AsOf => ({
  ...(options.asOfRecorded === undefined
    ? {}
    : { recordedAt: parseInstant('--as-of-recorded', options.asOfRecorded, 'end') }),
  ...(options.asOfOccurred === undefined
    ? {}
    : { occurredOn: parsePartialDate('--as-of-occurred', options.asOfOccurred) }),
  ...(options.asOfRevision === undefined ? {} : { revision: parseRevision(options.asOfRevision) }),
});

/** The aggregate a stream belongs to, and the aggregate's id, or a clear refusal. */
export const aggregateOfStream = (streamId: string): { aggregate: string; id: string } => {
  const category = categoryOf(streamId);
  if (!aggregates.some((a) => a.name === category) || streamId.length <= category.length + 1)
    throw badInput(
      `"${streamId}" is not a stream of this library; streams are named <aggregate>-<id> with an aggregate among ${aggregates.map((a) => a.name).join(', ')}`,
    );
  return { aggregate: category, id: streamId.slice(category.length + 1) };
};

export const auditOptionsFrom = (options: {
  stream?: string;
  aggregate?: string;
  from?: string;
  to?: string;
  occurredFrom?: string;
  occurredTo?: string;
}): AuditTrailOptions => {
  if (options.aggregate !== undefined && !aggregates.some((a) => a.name === options.aggregate))
    throw badInput(
      `--aggregate takes one of ${aggregates.map((a) => a.name).join(', ')}, got "${options.aggregate}"`,
    );
  return {
    ...(options.stream === undefined ? {} : { streamId: options.stream }),
    ...(options.aggregate === undefined ? {} : { aggregate: options.aggregate }),
    ...(options.from === undefined
      ? {}
      : { recordedFrom: parseInstant('--from', options.from, 'start') }),
    ...(options.to === undefined ? {} : { recordedTo: parseInstant('--to', options.to, 'end') }),
    ...(options.occurredFrom === undefined
      ? {}
      : { occurredFrom: parsePartialDate('--occurred-from', options.occurredFrom) }),
    ...(options.occurredTo === undefined
      ? {}
      : { occurredTo: parsePartialDate('--occurred-to', options.occurredTo) }),
  };
};
