import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('the published package', () => {
  it('builds to JavaScript with type declarations that export the public API', () => {
    const cache = join(root, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const outDir = mkdtempSync(join(cache, 'build-'));
    try {
      execFileSync(
        process.execPath,
        [
          join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
          '-p',
          'tsconfig.build.json',
          '--outDir',
          outDir,
        ],
        { cwd: root, encoding: 'utf8' },
      );
      expect(existsSync(join(outDir, 'index.d.ts'))).toBe(true);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the built output as a user would
      const api = require(join(outDir, 'index.js')) as Record<string, unknown>;
      for (const name of [
        'handleCommand',
        'loadState',
        'createInMemoryEventStore',
        'MoU',
        'JointWorkingGroup',
        'DrugLiaisonPosting',
        'BilateralMeeting',
        'readCurrentStates',
        'bilateralOverview',
        'auditTrail',
        'isStoreError',
      ])
        expect(api[name]).toBeDefined();
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('points its exports map at the built files', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(pkg.main).toBe('./dist/index.js');
    expect(pkg.engines.node).toBe('>=20');
    const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
    expect(build.compilerOptions.outDir).toBe('dist');
  });
});
