// `npm run test:wordpress`: the WordPress plugin in a real WordPress (MariaDB, php-fpm, nginx),
// kept out of `npm test` for its length; .ci/run calls it after `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['wordpress/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
