import type { ErasureStamp } from './key-store';

/**
 * The text shown in place of an erased personal value, in reads, projections, the audit trail and
 * exports: `[erased on YYYY-MM-DD]`, the date being the UTC day of the erasure, or
 * `[erased on YYYY-MM-DD by WHO]` when the caller names who erased it (a role or an office, as
 * the erasure record gives it; never a name of the person erased). The brackets keep it from
 * being read as a name, and it holds nothing of the value it replaces.
 */
export const erasedPlaceholder = (stamp: Pick<ErasureStamp, 'erasedAt'>, by?: string): string => {
  const day = stamp.erasedAt.slice(0, 10);
  const who = by?.trim() ?? '';
  return who === '' ? `[erased on ${day}]` : `[erased on ${day} by ${who}]`;
};
