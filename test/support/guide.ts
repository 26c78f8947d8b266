import * as E from 'fp-ts/Either';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import * as library from '../../src';
import * as testing from '../../src/testing';

/**
 * Runs a guide in `docs/` as written: its TypeScript blocks, joined, form one module importing
 * only `diplomatic-ledger`, `diplomatic-ledger/testing` and `fp-ts/Either`. Returns what the module exports and what it logs;
 * `globals` are further names its code may use (an `anotherStore()`, say).
 */
export const runGuide = (
  file: string,
  globals: Record<string, unknown> = {},
): { readonly exports: Record<string, unknown>; readonly logged: string[] } => {
  const guide = readFileSync(join(__dirname, '..', '..', 'docs', file), 'utf8');
  const program = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
  const { outputText } = ts.transpileModule(program, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  const logged: string[] = [];
  const modules: Record<string, unknown> = {
    'diplomatic-ledger': library,
    'diplomatic-ledger/testing': testing,
    'fp-ts/Either': E,
  };
  const exports: Record<string, unknown> = {};
  const names = Object.keys(globals);
  const run = new Function('require', 'exports', 'console', ...names, outputText) as (
    ...args: unknown[]
  ) => void;
  run(
    (name: string) => modules[name],
    exports,
    { log: (...args: unknown[]) => logged.push(args.map(String).join(' ')) },
    ...names.map((name) => globals[name]),
  );
  return { exports, logged };
};
