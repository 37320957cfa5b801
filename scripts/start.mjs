#!/usr/bin/env node
// `npm start`: build when the sources changed since the last build (or were
// never built) — waiting for a build another start is running on this
// checkout — then run the production server. Honours PORT and HOSTNAME.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "./build-once.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

try {
  if ((await ensureBuilt({ root })) === "up-to-date") console.log("Corsboard: build is up to date.");
} catch (error) {
  console.error(error.message);
  process.exit(error.exitCode ?? 1);
}
startServer();

/** The production server, in its own process; signals are passed on and its exit code is ours. */
function startServer() {
  const port = process.env.PORT ?? "3000";
  const args = ["start", "-p", port];
  if (process.env.HOSTNAME) args.push("-H", process.env.HOSTNAME);
  console.log(`Corsboard: starting on http://${process.env.HOSTNAME ?? "localhost"}:${port}`);
  const server = spawn(nextBin, args, { cwd: root, stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
