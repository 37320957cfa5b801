#!/usr/bin/env node
// The dashboard as the e2e tests meet it: the production build and server, a brand-new
// embedded database (so the first-run setup screen shows), an admin API token
// for API tests, and no sign-in rate limit.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { E2E_ADMIN_TOKEN, E2E_DATA_DIR, E2E_PORT } from "./test-env.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  CORSBOARD_DATA_DIR: E2E_DATA_DIR,
  CORSBOARD_INIT_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
  CORSBOARD_AUTH_RATE_LIMIT: "0",
  CORSBOARD_PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
  LOG_LEVEL: "warn",
  // The tester's e2e targets live on *.test names on this machine (as in
  // Chromium's --host-resolver-rules), i.e. on loopback.
  CORSBOARD_PROBE_ALLOW_PRIVATE: "1",
  CORSBOARD_PROBE_HOST_MAP: "*.test=127.0.0.1",
  CORSBOARD_PROBE_RATE_LIMIT: "1000",
};
delete env.DATABASE_URL;

rmSync(path.dirname(E2E_DATA_DIR) === E2E_DATA_DIR ? "/nonexistent" : E2E_DATA_DIR, { recursive: true, force: true });
if (!existsSync(path.join(root, process.env.CORSBOARD_DIST_DIR || ".next", "BUILD_ID"))) {
  const build = spawnSync(nextBin, ["build"], { cwd: root, stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The production custom server (what `npm start` runs): the config API's fast path ahead of Next.
const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], { cwd: root, stdio: "inherit", env: { ...env, PORT: String(E2E_PORT), HOSTNAME: "127.0.0.1" } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => {
  rmSync(E2E_DATA_DIR, { recursive: true, force: true });
  process.exit(code ?? 0);
});
