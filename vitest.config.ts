import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,scenarios,server,client}/{src,test}/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and process tests share two cores; keep the file-level parallelism modest.
    maxWorkers: 2,
  },
});
