import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The telemetry guide's tables name every attribute and instrument the library reports: checked
 * against the source, so that neither can change without the other.
 */
const guide = readFileSync(join(__dirname, '../../docs/telemetry.md'), 'utf8');
const source = [
  'telemetry/command-telemetry.ts',
  'telemetry/projection-telemetry.ts',
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
});
