import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,cli,stream,api,web,infra,test,bench,scripts}/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // The AWS SDK's notice that Node 20 support ends in 2027 would otherwise print in every test file.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
