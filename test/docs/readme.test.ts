import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scaled } from '../support/time-scale';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('shows the two commands first: the example and the tests', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstBlock).toMatch(/^npm ci && npm run example/m);
    expect(firstBlock).toMatch(/^npm test/m);
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.example).toContain('examples/pakistan-bahrain-2025.ts');
    expect(scripts.test).toContain('jest');
  });

  it(
    'has a quick start that runs as written',
    () => {
      const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
      expect(snippet).toBeDefined();
      // Inside the project, so the snippet resolves the project's own dependencies.
      const cache = join(root, 'node_modules', '.cache');
      mkdirSync(cache, { recursive: true });
      const dir = mkdtempSync(join(cache, 'readme-'));
      try {
        // The snippet uses top-level await; run its body in an async function of a CommonJS file.
        const file = join(dir, 'quick-start.ts');
        const lines = (snippet ?? '').split('\n');
        const imports = lines.filter((l) => l.startsWith('import '));
        const body = lines.filter((l) => !l.startsWith('import '));
        const source = [
          ...imports.map((l) =>
            l.replace("from 'diplomatic-ledger'", `from ${JSON.stringify(join(root, 'src'))}`),
          ),
          'void (async () => {',
          ...body,
          '})();',
        ].join('\n');
        writeFileSync(file, source);
        const output = execFileSync(
          process.execPath,
          [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), file],
          { cwd: root, encoding: 'utf8' },
        );
        expect(output.trim()).toBe('proposed');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    scaled(30_000),
  );
});
