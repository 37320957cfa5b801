#!/usr/bin/env node
// `npm start`: build when the sources changed since the last build (or were
// never built) — waiting for a build another start is running on this
// checkout — then run the production server. Honours PORT and HOSTNAME.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "./build-once.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

try {
  if ((await ensureBuilt({ root })) === "up-to-date") console.log("Corsboard: build is up to date.");
} catch (error) {
  console.error(error.message);
  process.exit(error.exitCode ?? 1);
}
startServer();

/**
 * The production server (scripts/server.mjs: the config API's fast path ahead
 * of Next), in its own process; honours PORT and HOSTNAME. Signals are passed
 * on and its exit code is ours.
 */
function startServer() {
  console.log(`Corsboard: starting on http://${process.env.HOSTNAME ?? "localhost"}:${process.env.PORT ?? "3000"}`);
  const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], { cwd: root, stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
