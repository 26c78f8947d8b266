// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config file
const os = require('node:os');

// A machine with two cores or fewer, shared with other work, runs every test several times
// slower: each timeout grows in proportion (see test/support/time-scale.ts). Timings are never
// asserted, so this changes only how long a test may take before it counts as hung.
const cores =
  typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
process.env.TEST_TIMEOUT_SCALE ??= String(cores <= 2 ? 3 : 1);
const scale = Math.max(1, Number(process.env.TEST_TIMEOUT_SCALE) || 1);

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 5_000 * scale,
  // One throwaway PostgreSQL cluster for the run, unless POSTGRES_URL names a server.
  globalSetup: '<rootDir>/test/support/postgres-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/postgres-global-teardown.ts',
  transform: {
    // Type-checking is done once by `tsc --noEmit`; per-file transpilation keeps tests fast.
    '^.+\\.ts$': 'ts-jest',
  },
};
