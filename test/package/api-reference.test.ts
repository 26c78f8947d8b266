import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { scaled } from '../support/time-scale';

/**
 * `npm run docs:api` builds the API reference from the public entry points (the package and its
 * `testing` subpath, each a module named as it is imported) with typedoc, which is told to treat
 * every warning as an error: a type the public API refers to but does not export, or a broken
 * link, fails it.
 */
const root = join(__dirname, '..', '..');

describe('the API reference', () => {
  it('documents every entry point the exports map names', () => {
    const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
    const exportsMap = read('package.json').exports as Record<string, string | { types?: string }>;
    const sources = Object.values(exportsMap).flatMap((target) =>
      typeof target === 'object' && target.types !== undefined
        ? [target.types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts')]
        : [],
    );
    expect(sources).toEqual(['src/index.ts', 'src/testing/index.ts']);
    expect(read('typedoc.json').entryPoints).toEqual(sources);
  });

  it(
    'builds from the public entry points with no warning, a page for each function',
    () => {
      const cache = join(root, 'node_modules', '.cache');
      mkdirSync(cache, { recursive: true });
      const out = mkdtempSync(join(cache, 'api-'));
      try {
        const built = spawnSync(
          process.execPath,
          [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out],
          { cwd: root, encoding: 'utf8', timeout: 240_000 },
        );
        expect(built.stdout).not.toContain('[warning]');
        expect(built.status).toBe(0);
        expect(existsSync(join(out, 'index.html'))).toBe(true);
        const functions = readdirSync(join(out, 'functions'));
        for (const name of ['handleCommand', 'keepTree', 'verifyAll', 'openSqliteEventStore'])
          expect(functions).toContain(`diplomatic-ledger.${name}.html`);
        for (const name of ['defineEventStoreContract', 'eventStoreContract'])
          expect(functions).toContain(`diplomatic-ledger_testing.${name}.html`);
        // The main entry stays free of test code.
        expect(functions).not.toContain('diplomatic-ledger.defineEventStoreContract.html');
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    scaled(300_000),
  );
});
