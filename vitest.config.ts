import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,cli,stream,api,web,infra,test,bench,scripts}/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // The AWS SDK's notice that Node 20 support ends in 2027 would otherwise print in every test file.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    coverage: {
      provider: 'v8',
      // Node-side sources. The browser code (web/src) runs in Chromium, where v8 coverage of this process cannot
      // see it; its behaviour is covered by the browser suites instead.
      include: ['core/**/*.ts', 'cli/**/*.ts', 'stream/**/*.ts', 'api/**/*.ts', 'infra/**/*.ts'],
      exclude: ['**/*.test.ts', '**/test-support.ts', '**/*-test-harness.ts', 'core/data/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'artifacts/coverage',
      thresholds: { statements: 80, lines: 80 },
    },
  },
});
