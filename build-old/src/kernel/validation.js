"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatIssues = exports.toIssues = void 0;
const show = (value) => {
    if (value === undefined)
        return 'nothing';
    if (typeof value === 'bigint')
        return `${value}n`;
    try {
        const text = JSON.stringify(value);
        return text.length > 60 ? `${text.slice(0, 57)}...` : text;
    }
    catch {
        return String(value);
    }
};
/**
 * Turns io-ts errors into issues a person can act on: `parties.1: expected Party, got "XX"`.
 */
const toIssues = (errors) => {
    const seen = new Set();
    const issues = [];
    for (const error of errors) {
        const keys = [];
        // The type named at the deepest path key (an intersection's own name, not one of its parts).
        let expected = error.context[0]?.type.name ?? 'a valid value';
        error.context.forEach((entry, i) => {
            const parent = error.context[i - 1]?.type;
            // Members of intersections and unions are keyed by index; they are not part of the path.
            if (i === 0 || parent?._tag === 'IntersectionType' || parent?._tag === 'UnionType')
                return;
            keys.push(entry.key);
            expected = entry.type.name;
        });
        const issue = { path: keys.join('.') || '(root)', expected, actual: show(error.value) };
        const key = `${issue.path}|${issue.expected}`;
        if (!seen.has(key)) {
            seen.add(key);
            issues.push(issue);
        }
    }
    return issues;
};
exports.toIssues = toIssues;
const formatIssues = (issues) => issues.map((i) => `${i.path}: expected ${i.expected}, got ${i.actual}`).join('; ');
exports.formatIssues = formatIssues;
