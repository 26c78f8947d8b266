import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { scaled } from '../support/time-scale';

/**
 * `npm run docs:api` builds the API reference from the public entry point with typedoc, which
 * is told to treat every warning as an error: a type the public API refers to but does not
 * export, or a broken link, fails it.
 */
const root = join(__dirname, '..', '..');

describe('the API reference', () => {
  it(
    'builds from the public entry point with no warning, a page for each function',
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
          expect(functions).toContain(`${name}.html`);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    scaled(300_000),
  );
});
