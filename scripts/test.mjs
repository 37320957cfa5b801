#!/usr/bin/env node
// `npm test`: the whole suite, in order of cost, stopping at the first failure:
// typecheck, lint, schema drift, unit, integration (embedded, plus PostgreSQL
// when TEST_DATABASE_URL is set), production build, Playwright end-to-end.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const steps = [
  ["typecheck", bin("next"), ["typegen"]],
  ["typecheck", bin("tsc"), ["--noEmit"]],
  ["lint", bin("eslint"), [".", "--max-warnings=0"]],
  ["schema drift", bin("tsx"), ["scripts/db-drift.ts"]],
  ["unit tests", bin("vitest"), ["run", "--project", "unit"]],
  ["integration tests", bin("vitest"), ["run", "--project", "integration"]],
  ["build", process.execPath, ["scripts/build.mjs"]],
  ["end-to-end tests", bin("playwright"), ["test"]],
];

const only = process.argv.slice(2);
const started = Date.now();
for (const [name, cmd, args] of steps) {
  if (only.length > 0 && !only.some((o) => name.startsWith(o))) continue;
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${path.basename(cmd)} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n=== ${name} FAILED after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ${name} passed in ${seconds}s`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
