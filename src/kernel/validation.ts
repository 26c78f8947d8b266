import type * as t from 'io-ts';

/** One reason a value was refused: where in the value, what was expected there, what was found. */
export interface ValidationIssue {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
  /** What exactly was wrong, when the codec said (`contains the control character U+0000...`). */
  readonly problem?: string;
}

/**
 * Characters JSON leaves as they are that would hide or reorder the message showing them (ZWNJ
 * and ZWJ only join letters, and stay): written as escapes.
 */
const HIDDEN =
  /[\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

const escapeHidden = (text: string): string =>
  text.replace(HIDDEN, (found) =>
    found
      .split('')
      .map((unit) => `\\u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
      .join(''),
  );

/** A value as an issue shows it: as JSON, cut short, with hidden characters escaped. */
export const showValue = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') return `${value}n`;
  try {
    const text = escapeHidden(JSON.stringify(value));
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
};

/**
 * Turns io-ts errors into issues a person can act on: `parties.1: expected Party, got "XX"`, with
 * the codec's own account of the problem when it gave one (`t.failure(value, context, message)`).
 */
export const toIssues = (errors: t.Errors): ValidationIssue[] => {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const keys: string[] = [];
    // The type named at the deepest path key (an intersection's own name, not one of its parts).
    let expected = error.context[0]?.type.name ?? 'a valid value';
    error.context.forEach((entry, i) => {
      const parent = error.context[i - 1]?.type as { _tag?: string } | undefined;
      // Members of intersections and unions are keyed by index; they are not part of the path.
      if (i === 0 || parent?._tag === 'IntersectionType' || parent?._tag === 'UnionType') return;
      keys.push(entry.key);
      expected = entry.type.name;
    });
    const path = keys.join('.') || '(root)';
    const issue: ValidationIssue =
      error.message === undefined
        ? { path, expected, actual: showValue(error.value) }
        : { path, expected, actual: showValue(error.value), problem: error.message };
    const key = `${issue.path}|${issue.expected}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
};

export const formatIssues = (issues: readonly ValidationIssue[]): string =>
  issues
    .map((i) => {
      const problem = i.problem === undefined ? '' : ` — ${i.problem}`;
      return `${i.path}: expected ${i.expected}, got ${i.actual}${problem}`;
    })
    .join('; ');
