import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The telemetry guide's tables name every attribute, instrument and audit span the library
 * reports: checked against the source, so that neither can change without the other.
 */
const guide = readFileSync(join(__dirname, '../../docs/telemetry.md'), 'utf8');
const source = [
  'telemetry/command-telemetry.ts',
  'telemetry/projection-telemetry.ts',
  'telemetry/audit-telemetry.ts',
  'audit/verify.ts',
  'projections/runner.ts',
]
  .map((file) => readFileSync(join(__dirname, '../../src', file), 'utf8'))
  .join('\n');

const quotedIn = (text: string, pattern: RegExp): Set<string> =>
  new Set([...text.matchAll(pattern)].map((m) => m[1] ?? ''));

describe('the telemetry guide', () => {
  it('names exactly the attributes and instruments the library reports', () => {
    const names = /'((?:ledger|db)\.[a-z_.]+)'/g;
    const documented = /`((?:ledger|db)\.[a-z_.]+)`/g;
    expect(quotedIn(guide, documented)).toEqual(quotedIn(source, names));
  });

  it('names exactly the audit spans the library starts', () => {
    const spans = quotedIn(source, /'(audit\.[a-z.]+)'/g);
    expect(spans.size).toBeGreaterThan(1);
    expect(quotedIn(guide, /`(audit\.[a-z.]+)`/g)).toEqual(spans);
  });
});
