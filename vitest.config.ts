import os from "node:os";
import { defineConfig } from "vitest/config";

// Two suites: `unit` (pure, fast, next to the code: *.test.ts) and
// `integration` (real databases, real servers: *.int.test.ts).
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ".next/**"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Each file has its own databases (an embedded data directory copied
          // from a template built once in globalSetup, a PostgreSQL database of
          // its own), servers on ports the OS picks and its own temp dirs, and
          // runs in its own process (env, globalThis): files run in parallel,
          // one per core by default. CORSBOARD_TEST_WORKERS=1 runs them one at
          // a time (to measure, or to read interleaved logs).
          globalSetup: ["lib/server/test-support/integration-setup.ts"],
          maxWorkers: Number(process.env.CORSBOARD_TEST_WORKERS) || Math.max(1, Math.min(os.availableParallelism(), 4)),
        },
      },
    ],
  },
});
