import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { scaled } from '../support/time-scale';

const root = join(__dirname, '..', '..');

/** Builds the package as it ships (tsconfig.build.json) into a new folder, and names it. */
const buildPackage = (): string => {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'build-'));
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
  return outDir;
};

describe('the published package', () => {
  it(
    'builds to JavaScript with type declarations that export the public API',
    () => {
      const outDir = buildPackage();
      try {
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
        // The contract suite is its own entry point, and only there.
        expect(existsSync(join(outDir, 'testing', 'index.d.ts'))).toBe(true);
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the built output as a user would
        const testing = require(join(outDir, 'testing', 'index.js')) as Record<string, unknown>;
        expect(Object.keys(testing).sort()).toEqual([
          'commandSpecification',
          'deciderSpecification',
          'defineEventStoreContract',
          'eventStoreContract',
          'projectionSpecification',
        ]);
        expect(api['defineEventStoreContract']).toBeUndefined();
        expect(api['eventStoreContract']).toBeUndefined();
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    },
    scaled(60_000),
  );

  it('points its exports map at the built files', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(pkg.exports['./testing']).toEqual({
      types: './dist/testing/index.d.ts',
      default: './dist/testing/index.js',
    });
    expect(pkg.main).toBe('./dist/index.js');
    expect(pkg.engines.node).toBe('>=20');
    const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
    expect(build.compilerOptions.outDir).toBe('dist');
  });
});

describe("the published package without the embedded store's driver", () => {
  let outDir: string;
  beforeAll(() => {
    outDir = buildPackage();
  }, scaled(60_000));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('declares its public types with no reference to a package it does not depend on', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const allowed = (specifier: string): boolean =>
      specifier.startsWith('node:') ||
      builtinModules.includes(specifier) ||
      Object.keys(pkg.dependencies).some((d) => specifier === d || specifier.startsWith(`${d}/`));
    const seen = new Set<string>();
    const foreign: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from ['"]([^'"]+)['"]|import\(['"]([^'"]+)['"]\)/g)) {
        const specifier = m[1] ?? m[2] ?? '';
        if (!specifier.startsWith('.')) {
          if (!allowed(specifier)) foreign.push(`${file}: ${specifier}`);
          continue;
        }
        const target = resolve(dirname(file), specifier);
        visit(existsSync(`${target}.d.ts`) ? `${target}.d.ts` : join(target, 'index.d.ts'));
      }
    };
    visit(join(outDir, 'index.d.ts'));
    visit(join(outDir, 'testing', 'index.d.ts'));
    expect(seen.size).toBeGreaterThan(50);
    expect(seen).toContain(join(outDir, 'testing', 'define-event-store-contract.d.ts'));
    expect(foreign).toEqual([]);
  });

  it('runs the testing kit with nothing but Node.js and its own dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const folder = join(outDir, 'testing');
    const required = readdirSync(folder)
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) =>
        [...readFileSync(join(folder, f), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map(
          (m) => m[1] ?? '',
        ),
      )
      .filter((s) => !s.startsWith('.'));
    expect(required).toContain('node:assert/strict');
    // A package's name: `fp-ts/Either` is `fp-ts`, `@scope/name/sub` is `@scope/name`.
    const packageOf = (s: string): string =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/');
    expect(
      required.filter((s) => !s.startsWith('node:') && !(packageOf(s) in pkg.dependencies)),
    ).toEqual([]);
  });

  it('ships source maps that carry their own sources', () => {
    const maps: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true }))
        if (entry.isDirectory()) walk(join(folder, entry.name));
        else if (entry.name.endsWith('.js.map')) maps.push(join(folder, entry.name));
    };
    walk(outDir);
    expect(maps.length).toBeGreaterThan(50);
    for (const file of maps) {
      const map = JSON.parse(readFileSync(file, 'utf8')) as { sourcesContent?: unknown[] };
      expect({ file, carried: map.sourcesContent?.every((s) => typeof s === 'string') }).toEqual({
        file,
        carried: true,
      });
    }
  });

  // A preload that makes the drivers (better-sqlite3, pg) unresolvable, as in a project that never
  // installed them.
  const blockDriver = `
    const Module = require('node:module');
    const resolveFilename = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      if (request === 'better-sqlite3' || request === 'pg') {
        const error = new Error("Cannot find module '" + request + "'");
        error.code = 'MODULE_NOT_FOUND';
        throw error;
      }
      return resolveFilename.call(this, request, ...rest);
    };
  `;
  const preload = (): string => {
    const file = join(outDir, 'block-driver.js');
    writeFileSync(file, blockDriver);
    return file;
  };
  const withoutDriver = (script: string) =>
    spawnSync(
      process.execPath,
      [
        '-r',
        preload(),
        '-e',
        `const api = require(${JSON.stringify(join(outDir, 'index.js'))});
        (async () => { ${script} })().catch((e) => { console.error(e); process.exit(1); });`,
      ],
      { cwd: outDir, encoding: 'utf8', timeout: 60_000 },
    );

  /**
   * Each of `calls` (expressions on the built `api`) awaited without the driver, in order: what
   * it was refused with, or `{ opened: true }` if it was not. Nothing may reach standard error.
   */
  const refusalsWithoutDriver = (calls: readonly string[]): Record<string, unknown>[] => {
    const run = withoutDriver(
      calls
        .map(
          (call) => `
      try { await ${call}; console.log(JSON.stringify({ opened: true })); }
      catch (e) { console.log(JSON.stringify({ kind: e.kind, message: e.message })); }`,
        )
        .join('\n'),
    );
    expect(run.stderr).toBe('');
    return run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  };

  it('runs the command line on another store, and refuses the default one in one line', () => {
    const cwd = mkdtempSync(join(outDir, 'cli-'));
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['-r', preload(), join(outDir, 'cli', 'main.js'), ...args], {
        cwd,
        encoding: 'utf8',
        timeout: 60_000,
      });
    expect(cli('demo', '--store', 'memory').status).toBe(0);
    const refused = cli('demo');
    expect(refused.status).toBe(3);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('npm install better-sqlite3');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('loads, and runs the worked case in memory, without loading the driver', () => {
    const run = withoutDriver(`
      const store = api.createInMemoryEventStore();
      await api.recordPakistanBahrain2025(store);
      const report = await api.verifyAll(store);
      const loaded = Object.keys(require.cache).some((k) => k.includes('better-sqlite3') || k.includes('/node_modules/pg/'));
      const testing = Object.keys(require.cache).some((k) => k.startsWith(${JSON.stringify(join(outDir, 'testing'))}));
      console.log(JSON.stringify({ intact: report.intact, events: report.eventsChecked, loaded, testing }));
    `);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as {
      intact: boolean;
      events: number;
      loaded: boolean;
      testing: boolean;
    };
    // Nor the contract suite: the main entry point carries no test code.
    expect(out).toMatchObject({ intact: true, loaded: false, testing: false });
    expect(out.events).toBeGreaterThan(5);
  });

  it('refuses the embedded store with one error naming the package to install, creating nothing', () => {
    const file = join(outDir, 'never.db');
    const lines = refusalsWithoutDriver([
      `api.openSqliteEventStore(${JSON.stringify(file)})`,
      `api.openEventStore('sqlite:${file}')`,
      `api.openSqliteTreeFile(${JSON.stringify(file)})`,
    ]);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.kind).toBe('StoreUnavailable');
      expect(line.message).toContain('npm install better-sqlite3');
    }
    expect(existsSync(file)).toBe(false);
  });

  it('refuses the PostgreSQL store with one error naming the package to install', () => {
    const lines = refusalsWithoutDriver([
      "api.openPostgresEventStore('postgres://ledger@localhost/ledger')",
      "api.openEventStore('postgresql://ledger@localhost/ledger')",
    ]);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.kind).toBe('StoreUnavailable');
      expect(line.message).toContain('npm install pg');
    }
  });
});
