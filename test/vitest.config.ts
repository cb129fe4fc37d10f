import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // The WordPress plugin's test runs on its own: npm run test:wordpress.
    exclude: ['node_modules/**', 'wordpress/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
