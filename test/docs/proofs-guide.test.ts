import * as E from 'fp-ts/Either';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import * as library from '../../src';
import { context } from '../support/context';

const guide = readFileSync(join(__dirname, '..', '..', 'docs', 'proofs.md'), 'utf8');

/** The guide's TypeScript blocks, joined: together they form one module exporting `prove`. */
const program = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');

describe('the guide "Proofs anyone can check"', () => {
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
      prove?: (store: library.EventStore, recordMore: () => Promise<void>) => Promise<void>;
    } = {};
    const run = new Function('require', 'exports', 'console', outputText) as (
      ...args: unknown[]
    ) => void;
    run((name: string) => modules[name], exports, {
      log: (...args: unknown[]) => logged.push(args.map(String).join(' ')),
    });
    const store = library.createInMemoryEventStore({ now: () => new Date('2025-09-11T09:00:00Z') });
    await recordPakistanBahrain2025(store);
    const recordMore = async (): Promise<void> => {
      const done = await library.handleCommand(
        store,
        library.MoU,
        {
          type: 'RecordNegotiationRound',
          mouId: 'pk-bh-extradition',
          round: 1,
          venue: 'Manama',
          occurredOn: '2025-09-10',
        },
        context(),
      );
      expect(E.isRight(done)).toBe(true);
    };
    expect(exports.prove).toBeDefined();
    await exports.prove?.(store, recordMore);
    expect(logged).toEqual(['verified inclusion', 'verified consistency', 'treeSizeMismatch']);
  });
});
