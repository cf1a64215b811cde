import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,gateway,electron,renderer,lab,build}/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
