#!/usr/bin/env node
// `npm run pack:packages`: builds @corsboard/sdk and @corsboard/cli from the
// sources in lib/ into dist/packages/build/{sdk,cli}, and packs them as
// dist/packages/corsboard-sdk-<version>.tgz and corsboard-cli-<version>.tgz
// (version = this repository's package.json), which the dashboard serves
// under /downloads/. `--check` also runs `npm publish --dry-run` on both.
//
// As a function: `await packPackages({ check })` → { version, tarballs }.
//
// - SDK: lib/sdk + lib/cors (and tldts) bundled by esbuild to one ESM and one
//   CommonJS file; type declarations by tsc (emitDeclarationOnly).
// - CLI: lib/cli/bin.ts bundled to one CommonJS file with a shebang (zod, the
//   probe engine and the SDK client inside). The build fails if anything of
//   the dashboard's server (Next, Prisma, database drivers, React) got in.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { cliManifest, sdkManifest } from "./packages/manifests.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PACKAGES_DIR = path.join(root, "dist", "packages");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** What must never be inside a package: the dashboard's server side. */
const FORBIDDEN_INPUT = /(^|\/)node_modules\/(next|react|react-dom|@prisma\/[^/]+|prisma|pg|@electric-sql\/[^/]+|better-auth|pino)\/|(^|\/)lib\/server\/(db|auth)\//;

function writeJson(file, value) {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

async function bundle(options) {
  const result = await build({
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    target: "node20",
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
    tsconfig: path.join(root, "tsconfig.json"),
    ...options,
  });
  const forbidden = Object.keys(result.metafile.inputs).filter((input) => FORBIDDEN_INPUT.test(input));
  if (forbidden.length > 0) throw new Error(`${options.outfile}: the bundle pulls in the dashboard's server code: ${forbidden.slice(0, 5).join(", ")}`);
  return result;
}

async function buildSdk(out, version) {
  for (const [format, file] of [["esm", "index.mjs"], ["cjs", "index.cjs"]]) {
    await bundle({ entryPoints: ["lib/sdk/index.ts"], format, outfile: path.join(out, file), banner: { js: `// @corsboard/sdk ${version}` } });
  }
  const tsc = spawnSync(
    path.join(root, "node_modules", ".bin", "tsc"),
    ["-p", path.join(root, "lib", "sdk", "tsconfig.json"), "--emitDeclarationOnly", "--outDir", path.join(out, "types"), "--sourceMap", "false"],
    { stdio: "inherit" },
  );
  if (tsc.status !== 0) throw new Error("tsc could not emit the SDK's type declarations");
  writeJson(path.join(out, "package.json"), sdkManifest(version));
  cpSync(path.join(root, "lib", "sdk", "package", "README.md"), path.join(out, "README.md"));
}

async function buildCli(out, version) {
  await bundle({
    entryPoints: ["lib/cli/bin.ts"],
    format: "cjs",
    outfile: path.join(out, "bin", "corsboard.cjs"),
    banner: { js: `#!/usr/bin/env node\n// @corsboard/cli ${version}` },
    define: { CORSBOARD_CLI_VERSION: JSON.stringify(version) },
    // zod (with its locales) is most of it: minified, the file is a third of the size.
    minify: true,
  });
  writeJson(path.join(out, "package.json"), cliManifest(version));
  cpSync(path.join(root, "lib", "cli", "package", "README.md"), path.join(out, "README.md"));
}

/** `npm pack` of a built directory into dist/packages; returns the tarball's path. */
function pack(dir) {
  const [info] = JSON.parse(execFileSync(npm, ["pack", dir, "--pack-destination", PACKAGES_DIR, "--json", "--ignore-scripts"], { cwd: PACKAGES_DIR, encoding: "utf8" }));
  return path.join(PACKAGES_DIR, info.filename);
}

/**
 * `npm publish --dry-run`: npm's own checks of the manifest and contents.
 * It still tries the registry (and would retry for a minute without one):
 * --offline, no retries and a loopback registry keep it on this machine.
 */
function publishDryRun(dir) {
  return execFileSync(npm, ["publish", "--dry-run", "--ignore-scripts", "--offline", "--fetch-retries", "0", "--registry", "http://127.0.0.1:9/", dir], {
    cwd: PACKAGES_DIR,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export async function packPackages({ check = false } = {}) {
  const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const buildDir = path.join(PACKAGES_DIR, "build");
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  const dirs = { sdk: path.join(buildDir, "sdk"), cli: path.join(buildDir, "cli") };
  await buildSdk(dirs.sdk, version);
  await buildCli(dirs.cli, version);
  const tarballs = { sdk: pack(dirs.sdk), cli: pack(dirs.cli) };
  if (check) for (const dir of Object.values(dirs)) publishDryRun(dir);
  return { version, dirs, tarballs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { tarballs } = await packPackages({ check: process.argv.includes("--check") });
  for (const file of Object.values(tarballs)) console.log(path.relative(root, file));
}
