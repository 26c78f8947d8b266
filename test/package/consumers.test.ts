import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../../src/testing';
import { startTestServer } from '../support/eventstoredb-server/server';
import { scaled } from '../support/time-scale';

/**
 * The package as a user gets it: the tarball `npm pack` makes, installed into fresh projects of
 * the six kinds a service may be (TypeScript CommonJS with node10 and node16 resolution, ES
 * modules with nodenext and bundler resolution, plain JavaScript ES modules and CommonJS), each
 * compiled strictly with no `skipLibCheck`, each running the README's quick start as the README
 * has it. The driver of the embedded store is not installed: nothing may need it. Then an
 * adapter author's test file, running the contract suite from `diplomatic-ledger/testing` with
 * `node:test`, and the installed command line, first without the driver, then with it added.
 */

const root = join(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};
const locked = (name: string): string => {
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (version === undefined) throw new Error(`${name} is not in the lock file`);
  return `${name}@${version}`;
};

/** The README's quick start: its first TypeScript block, imports apart from the body. */
const quickStart = (() => {
  const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const lines = snippet.split('\n');
  return {
    imports: lines.filter((l) => l.startsWith('import ')),
    body: lines.filter((l) => !l.startsWith('import ')).join('\n'),
  };
})();

/** `import { a, b } from 'm'` as `const { a, b } = require('m')`. */
const asRequire = (line: string): string =>
  line.replace(/^import \{([^}]*)\} from ('[^']+');$/, 'const {$1} = require($2);');

const strict = {
  strict: true,
  noEmitOnError: true,
  target: 'es2022',
  lib: ['es2022'],
  types: ['node'],
  outDir: 'out',
};

interface Kind {
  readonly packageType: 'commonjs' | 'module';
  readonly tsconfig?: Record<string, unknown>;
  readonly file: string;
  readonly source: string;
  /** What to run once compiled, from the kind's folder. */
  readonly run: string;
}

const esm = [...quickStart.imports, quickStart.body].join('\n');
const cjs = [
  ...quickStart.imports.map(asRequire),
  'void (async () => {',
  quickStart.body,
  '})();',
].join('\n');

const kinds: Record<string, Kind> = {
  'TypeScript, CommonJS, node10 resolution': {
    packageType: 'commonjs',
    // TypeScript 6 still reads node10 resolution, once told that it is deprecated.
    tsconfig: {
      ...strict,
      module: 'commonjs',
      moduleResolution: 'node10',
      ignoreDeprecations: '6.0',
    },
    file: 'quick-start.ts',
    source: [
      'export {};',
      ...quickStart.imports,
      'void (async () => {',
      quickStart.body,
      '})();',
    ].join('\n'),
    run: 'out/quick-start.js',
  },
  'TypeScript, CommonJS, node16 resolution': {
    packageType: 'commonjs',
    tsconfig: { ...strict, module: 'node16', moduleResolution: 'node16' },
    file: 'quick-start.ts',
    source: [...quickStart.imports, 'void (async () => {', quickStart.body, '})();'].join('\n'),
    run: 'out/quick-start.js',
  },
  'TypeScript, ES modules, nodenext resolution': {
    packageType: 'module',
    tsconfig: { ...strict, module: 'nodenext', moduleResolution: 'nodenext' },
    file: 'quick-start.ts',
    source: esm,
    run: 'out/quick-start.js',
  },
  'TypeScript, ES modules, bundler resolution': {
    packageType: 'module',
    tsconfig: { ...strict, module: 'es2022', moduleResolution: 'bundler' },
    file: 'quick-start.ts',
    source: esm,
    run: 'out/quick-start.js',
  },
  'JavaScript, ES modules': {
    packageType: 'module',
    file: 'quick-start.mjs',
    source: esm,
    run: 'quick-start.mjs',
  },
  'JavaScript, CommonJS': {
    packageType: 'commonjs',
    file: 'quick-start.cjs',
    source: cjs,
    run: 'quick-start.cjs',
  },
};

/**
 * Node.js releases the package is tested under besides the one running the tests: the registry's
 * `node-<platform>-<arch>` packages are the release binaries. (The embedded store's driver is
 * built for the running Node only, so these run everything but the embedded store.)
 */
const OTHER_NODES = ['22.23.5', '24.22.3'];

let dir: string;
let tarball: string;
/** Each Node.js to run under: its version and its binary. */
const runtimes: { version: string; node: string }[] = [
  { version: process.versions.node, node: process.execPath },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'consumers-'));
  // `npm pack` builds the package (its `prepare` script) and writes the tarball users install.
  const packed = execFileSync(npm, ['pack', '--json', '--pack-destination', dir], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(packed) as { filename: string }[];
  if (info === undefined) throw new Error('npm pack made no tarball');
  tarball = join(dir, info.filename);
  // One install for every kind; each lives in a folder of its own under it.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumers', private: true }));
  execFileSync(
    npm,
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      tarball,
      locked('@types/node'),
      // The optional peer a service installs to use EventStoreDB.
      locked('@eventstore/db-client'),
    ],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  for (const version of OTHER_NODES) {
    const prefix = join(dir, `node-${version}`);
    const name = `node-${process.platform}-${process.arch}`;
    execFileSync(
      npm,
      ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `${name}@${version}`],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    runtimes.push({ version, node: join(prefix, 'node_modules', name, 'bin', 'node') });
  }
}, scaled(600_000));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed package, installed', () => {
  it(
    'brings no native module and no compiler with it',
    () => {
      const installed = readdirSync(join(dir, 'node_modules'));
      expect(installed).toContain('diplomatic-ledger');
      expect(installed).not.toContain('better-sqlite3');
      const files = JSON.parse(
        readFileSync(join(dir, 'node_modules', 'diplomatic-ledger', 'package.json'), 'utf8'),
      ) as { dependencies: Record<string, string> };
      expect(Object.keys(files.dependencies)).not.toContain('better-sqlite3');
    },
    scaled(180_000),
  );

  it.each(Object.keys(kinds))(
    'compiles strictly and runs the quick start: %s',
    (name) => {
      const kind = kinds[name] as Kind;
      const folder = join(dir, name.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, 'package.json'),
        JSON.stringify({ name: 'consumer', private: true, type: kind.packageType }),
      );
      writeFileSync(join(folder, kind.file), kind.source);
      if (kind.tsconfig !== undefined) {
        writeFileSync(
          join(folder, 'tsconfig.json'),
          JSON.stringify({ compilerOptions: kind.tsconfig, files: [kind.file] }),
        );
        const compiled = spawnSync(process.execPath, [tsc, '-p', folder], {
          cwd: folder,
          encoding: 'utf8',
        });
        expect(compiled.stdout + compiled.stderr).toBe('');
        expect(compiled.status).toBe(0);
      }
      for (const { version, node } of runtimes) {
        const ran = spawnSync(node, [kind.run], { cwd: folder, encoding: 'utf8' });
        expect({ version, stderr: ran.stderr, stdout: ran.stdout.trim() }).toEqual({
          version,
          stderr: '',
          stdout: 'proposed',
        });
      }
    },
    scaled(180_000),
  );

  it(
    'runs the contract suite and a specification from diplomatic-ledger/testing with node:test, under every Node.js tested',
    () => {
      const folder = join(dir, 'javascript-node-test');
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, 'package.json'),
        JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
      );
      // What an adapter's author writes, with the in-memory store as the adapter.
      writeFileSync(
        join(folder, 'contract.test.mjs'),
        [
          "import { describe, test } from 'node:test';",
          "import { createInMemoryEventStore } from 'diplomatic-ledger';",
          "import { defineEventStoreContract } from 'diplomatic-ledger/testing';",
          'defineEventStoreContract(',
          "  'the in-memory store',",
          '  () => ({ store: createInMemoryEventStore(), dispose: async () => {} }),',
          '  { test, describe, startsEmpty: true },',
          ');',
        ].join('\n'),
      );
      // And a decider's specification, as a service's author writes one: one that holds, and one
      // whose failure must reach node:test as an AssertionError.
      writeFileSync(
        join(folder, 'specification.test.mjs'),
        [
          "import { AssertionError, throws } from 'node:assert';",
          "import { test } from 'node:test';",
          "import { MoU } from 'diplomatic-ledger';",
          "import { deciderSpecification } from 'diplomatic-ledger/testing';",
          "const propose = { type: 'ProposeMoU', mouId: 'm', title: 'An MoU', subject: 'narcotics',",
          "  parties: ['PK', 'BH'], proposedBy: 'PK', legalCharacter: 'nonBinding', occurredOn: '2025-09-10' };",
          "const proposed = { type: 'MoUProposed', occurredOn: '2025-09-10', data: { mouId: 'm', title: 'An MoU',",
          "  subject: 'narcotics', parties: ['PK', 'BH'], proposedBy: 'PK', legalCharacter: 'nonBinding' } };",
          "test('a proposal is recorded', () => deciderSpecification(MoU).given().when(propose).then([proposed]));",
          "test('a second proposal is refused', () => {",
          "  deciderSpecification(MoU).given([proposed]).when(propose).thenRefused('MoUAlreadyProposed');",
          '  throws(() => deciderSpecification(MoU).given([proposed]).when(propose).then([proposed]), AssertionError);',
          '});',
        ].join('\n'),
      );
      const cases = eventStoreContract().length + 2;
      for (const { version, node } of runtimes) {
        const ran = spawnSync(
          node,
          ['--test', '--test-reporter=tap', 'contract.test.mjs', 'specification.test.mjs'],
          {
            cwd: folder,
            encoding: 'utf8',
            timeout: 120_000,
          },
        );
        const count = (name: string) =>
          Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(ran.stdout)?.[1]);
        expect({
          version,
          status: ran.status,
          stderr: ran.stderr,
          tests: count('tests'),
          pass: count('pass'),
          fail: count('fail'),
        }).toEqual({ version, status: 0, stderr: '', tests: cases, pass: cases, fail: 0 });
      }
    },
    scaled(180_000),
  );

  it(
    'runs the installed command line under every Node.js tested',
    () => {
      const main = join(dir, 'node_modules', 'diplomatic-ledger', 'dist', 'cli', 'main.js');
      for (const { version, node } of runtimes) {
        const versionOut = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
        expect(versionOut.stdout.trim()).toBe(version);
        const demo = spawnSync(node, [main, 'demo', '--store', 'memory', '--json'], {
          cwd: dir,
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect({ version, status: demo.status, stderr: demo.stderr }).toEqual({
          version,
          status: 0,
          stderr: '',
        });
      }
    },
    scaled(180_000),
  );

  it(
    'uses the EventStoreDB adapter with the client it installed, compiled strictly',
    async () => {
      const server = await startTestServer();
      try {
        const folder = join(dir, 'typescript-eventstoredb');
        mkdirSync(folder, { recursive: true });
        writeFileSync(
          join(folder, 'package.json'),
          JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
        );
        // The quick start, on EventStoreDB instead of in memory.
        const source = [
          "import { EventStoreDBClient } from '@eventstore/db-client';",
          ...quickStart.imports.map((l) => l.replace('{ ', '{ createEventStoreDBEventStore, ')),
          "const client = EventStoreDBClient.connectionString(process.env.ESDB_URL ?? '');",
          quickStart.body.replace(
            'createInMemoryEventStore()',
            'createEventStoreDBEventStore(client)',
          ),
          'await client.dispose();',
        ].join('\n');
        expect(source).toContain('createEventStoreDBEventStore(client)');
        writeFileSync(join(folder, 'quick-start.ts'), source);
        writeFileSync(
          join(folder, 'tsconfig.json'),
          JSON.stringify({
            compilerOptions: { ...strict, module: 'nodenext', moduleResolution: 'nodenext' },
            files: ['quick-start.ts'],
          }),
        );
        const compiled = spawnSync(process.execPath, [tsc, '-p', folder], {
          cwd: folder,
          encoding: 'utf8',
        });
        expect(compiled.stdout + compiled.stderr).toBe('');
        // Asynchronously: the server answering it runs in this process.
        const ran = await new Promise<{ code: number | null; out: string; err: string }>(
          (resolve) => {
            const child = spawn(process.execPath, ['out/quick-start.js'], {
              cwd: folder,
              env: { ...process.env, ESDB_URL: server.connectionString },
            });
            let out = '';
            let err = '';
            child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
            child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
            child.on('close', (code) => resolve({ code, out, err }));
          },
        );
        expect(ran).toEqual({ code: 0, out: 'proposed\n', err: '' });
      } finally {
        await server.stop();
      }
    },
    scaled(180_000),
  );

  it(
    'runs the installed command line, and the embedded store once its driver is added',
    () => {
      const work = mkdtempSync(join(dir, 'cli-'));
      const bin = join(dir, 'node_modules', '.bin', 'diplomatic-ledger');
      const cli = (...args: string[]) =>
        spawnSync(bin, args, { cwd: work, encoding: 'utf8', timeout: 120_000 });
      expect(cli('demo', '--store', 'memory').status).toBe(0);
      const refused = cli('demo');
      expect(refused.status).toBe(3);
      expect(refused.stderr).toContain('npm install better-sqlite3');
      expect(readdirSync(work)).toEqual([]);

      // Adding the driver, as `npm install better-sqlite3` places it (copied from this project's
      // own install, so that the test compiles nothing).
      for (const name of ['better-sqlite3', 'bindings', 'file-uri-to-path'])
        cpSync(join(root, 'node_modules', name), join(dir, 'node_modules', name), {
          recursive: true,
        });
      const demo = cli('demo');
      expect(demo.stderr).toBe('');
      expect(demo.status).toBe(0);
      const verified = cli('audit', 'verify');
      expect(verified.status).toBe(0);
      expect(verified.stdout).toContain('chain intact');
    },
    scaled(180_000),
  );
});
