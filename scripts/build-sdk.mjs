#!/usr/bin/env node
// `npm run build:sdk`: the SDK (lib/sdk) and the core it uses (lib/cors) as
// CommonJS JavaScript + type declarations in dist/sdk, the target of this
// package's `"./sdk"` export (`import { createCorsboardClient } from "corsboard/sdk"`).
// See lib/sdk/tsconfig.json for why CommonJS.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist", "sdk");
rmSync(out, { recursive: true, force: true });
const tsc = spawnSync(path.join(root, "node_modules", ".bin", "tsc"), ["-p", path.join(root, "lib", "sdk", "tsconfig.json")], { stdio: "inherit" });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
mkdirSync(out, { recursive: true });
// The package is "type": "module"; these files are CommonJS.
writeFileSync(path.join(out, "package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
console.log(`SDK built in ${path.relative(root, out)} (entry: dist/sdk/sdk/index.js)`);
