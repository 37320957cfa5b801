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
          // Integration tests start databases and servers; run files one at a time
          // on this 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
