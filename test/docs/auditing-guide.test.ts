import * as E from 'fp-ts/Either';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import * as library from '../../src';

const guide = readFileSync(join(__dirname, '..', '..', 'docs', 'auditing.md'), 'utf8');

/** The guide's TypeScript blocks, joined: together they form one module exporting `audit`. */
const program = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');

describe('the guide "Auditing a history"', () => {
  it('runs as written against the Pakistan–Bahrain history', async () => {
    const { outputText } = ts.transpileModule(program, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    const logged: string[] = [];
    const modules: Record<string, unknown> = { 'diplomatic-ledger': library, 'fp-ts/Either': E };
    const exports: {
      audit?: (store: library.EventStore) => Promise<void>;
      witness?: (store: library.EventStore) => Promise<void>;
    } = {};
    const run = new Function('require', 'exports', 'console', 'anotherStore', outputText) as (
      ...args: unknown[]
    ) => void;
    run(
      (name: string) => modules[name],
      exports,
      { log: (...args: unknown[]) => logged.push(args.map(String).join(' ')) },
      () => library.createInMemoryEventStore(),
    );
    // Recorded the day after the meeting, as the guide's dates assume.
    const store = library.createInMemoryEventStore({ now: () => new Date('2025-09-11T09:00:00Z') });
    await recordPakistanBahrain2025(store);
    await exports.audit?.(store);
    expect(logged[0]).toMatch(
      /^Integrity of \$all: 11 events checked, chain intact\n {2}running digest: [0-9a-f]{64}\n {2}tree head: size 11, root [A-Za-z0-9+/]{43}=$/,
    );
    expect(logged.filter((l) => l.includes('MoUProposed'))).toHaveLength(3);
    expect(logged[4]).toBe('proposed');
    expect(logged).toContain('proposed,proposed,proposed');
    expect(logged.at(-2)).toMatch(/^\{"end":true,"events":11,"digest":"[0-9a-f]{64}"\}$/);
    expect(logged.at(-1)).toBe('true');

    // Section 5: a checkpoint signed, written to a witness file, and held to.
    logged.length = 0;
    await exports.witness?.(store);
    expect(logged[0]).toMatch(
      /^records\.example\/ledger\n11\n[A-Za-z0-9+/]{43}=\ntime 2025-09-11T09:00:00\.000Z\n\n— records\.example\/ledger [A-Za-z0-9+/]+=*\n$/,
    );
    expect(logged[1]).toContain('checkpoints: 1 of 1 hold');
    expect(logged[1]).toContain('chain intact');
  });
});
