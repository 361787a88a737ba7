import { defineConfig } from 'vitest/config';

// Unit tests (domain, pure helpers) and integration tests (server against a real database).
// TEST_ENGINE=postgres with TEST_PG_URL runs the integration tests on a real PostgreSQL server;
// otherwise they run on in-process PGlite. scripts/test.mjs runs both.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/server/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'packages/web/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
