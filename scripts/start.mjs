#!/usr/bin/env node
// `npm start`: build when the sources changed since the last build (or were
// never built), then run the production server. Honours PORT and HOSTNAME.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildFingerprint } from "./build-fingerprint.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");
const stampFile = path.join(root, ".next", "corsboard-build.sha256");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const fingerprint = buildFingerprint(root);
const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === fingerprint;

if (!built) {
  console.log("Corsboard: building the dashboard (first start or sources changed)…");
  const result = spawnSync(nextBin, ["build"], { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stampFile, fingerprint);
} else {
  console.log("Corsboard: build is up to date.");
}

// The custom server (scripts/server.mjs): the config API's fast path ahead of Next. Honours PORT and HOSTNAME.
console.log(`Corsboard: starting on http://${process.env.HOSTNAME ?? "localhost"}:${process.env.PORT ?? "3000"}`);
const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], { cwd: root, stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
