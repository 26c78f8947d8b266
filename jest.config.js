/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is done once by `tsc --noEmit`; per-file transpilation keeps tests fast.
    '^.+\\.ts$': 'ts-jest',
  },
};
