/** Jest: every suite under test/, TypeScript through ts-jest. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.jest.json' }] },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  testTimeout: 30000,
  // Two workers on the 2-core CI machine: the suites mostly wait on the database and sockets, and
  // one worker left a core idle (test/conversation took 90 s on one worker, 47 s on two). Each
  // worker has its own MySQL database (test/helpers/test-db.ts).
  maxWorkers: 2,
};
