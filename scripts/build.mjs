#!/usr/bin/env node
// `npm run build`: `next build`, then the stamp `npm start` checks, so a
// deploy that builds first and starts later does not build twice. Waits
// for a build already running on this checkout (see build-once.mjs).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "./build-once.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
try {
  const result = await ensureBuilt({ root, force: true });
  if (result === "up-to-date") console.log("Corsboard: build is up to date (built by the process we waited for).");
} catch (error) {
  console.error(error.message);
  process.exit(error.exitCode ?? 1);
}
