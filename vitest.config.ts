import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,cli,stream,test,bench,scripts}/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
