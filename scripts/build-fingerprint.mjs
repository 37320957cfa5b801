// The inputs of `next build` and of the production server, hashed: `npm start`
// rebuilds only when one of them changed since the last build, so a second
// start is instant. Anything that changes what the server runs belongs here:
// a missing input means a stale build served as if it were current.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import path from "node:path";

const INPUT_DIRS = ["app", "components", "lib", "public", "prisma"];
const INPUT_FILES = [
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "instrumentation.ts",
  "proxy.ts",
  "middleware.ts",
];
/**
 * The scripts that build and serve (start, build, the build lock, the
 * production custom server): matched by pattern so a new server file is an
 * input the day it is added.
 */
const SERVER_SCRIPTS = /^(start|build|serve|server)[\w.-]*\.mjs$/;
const SKIP = new Set(["node_modules", ".next", "generated"]);

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (!/\.(test|int\.test)\.tsx?$/.test(entry.name)) out.push(full);
  }
}

/** Every file the fingerprint covers, sorted (exported for tests). */
export function buildInputs(root) {
  const files = [];
  for (const dir of INPUT_DIRS) if (existsSync(path.join(root, dir))) walk(path.join(root, dir), files);
  for (const file of INPUT_FILES) if (existsSync(path.join(root, file))) files.push(path.join(root, file));
  const scripts = path.join(root, "scripts");
  if (existsSync(scripts)) {
    for (const name of readdirSync(scripts)) if (SERVER_SCRIPTS.test(name) && !name.endsWith("test.mjs")) files.push(path.join(scripts, name));
  }
  return files.filter((file) => statSync(file).isFile()).sort();
}

export function buildFingerprint(root) {
  const hash = createHash("sha256");
  for (const file of buildInputs(root)) hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}
