// Build the dashboard once per source state, one process at a time.
//
// - The stamp `<build dir>/corsboard-build.sha256` holds the fingerprint of
//   the sources the build was made from (build-fingerprint.mjs). `npm run
//   build` and `npm start` both write it, so `npm run build && npm start`
//   builds once.
// - The lock `<build dir>.build-lock` (next to the build directory: `next
//   build` empties the directory itself) makes concurrent starts on one
//   checkout take turns: one builds, the others wait, then find the stamp
//   current and start without building.
// - A lock whose holder is dead (same host, pid gone) or that is older than
//   STALE_LOCK_MS (a holder on another host or PID namespace that we cannot
//   check) is taken over, so a killed build never needs a hand.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildFingerprint } from "./build-fingerprint.mjs";

/** No build takes this long: a lock this old is left over whoever holds it. */
const STALE_LOCK_MS = 60 * 60 * 1000;
/** A lock file younger than this may still be being written by its creator. */
const FRESH_LOCK_MS = 5_000;
const WAIT_POLL_MS = 250;

export function buildPaths(root, env = process.env) {
  const distDir = path.resolve(root, env.CORSBOARD_DIST_DIR || ".next");
  return { distDir, stampFile: path.join(distDir, "corsboard-build.sha256"), lockFile: `${distDir}.build-lock` };
}

function isUpToDate({ distDir, stampFile }, fingerprint) {
  if (!fs.existsSync(path.join(distDir, "BUILD_ID")) || !fs.existsSync(stampFile)) return false;
  return fs.readFileSync(stampFile, "utf8").trim() === fingerprint;
}

/**
 * Builds unless the build directory already holds a build of the current
 * sources. With `force` (`npm run build`), builds even then — unless another
 * process built the current sources while we waited for its lock.
 * @returns "up-to-date" or "built"; throws (with `exitCode`) when the build fails.
 */
export async function ensureBuilt({ root, force = false, env = process.env, log = console.log }) {
  const paths = buildPaths(root, env);
  let waitedFor = null;
  for (;;) {
    const fingerprint = buildFingerprint(root);
    const skipIfCurrent = !force || waitedFor !== null;
    if (skipIfCurrent && isUpToDate(paths, fingerprint)) return "up-to-date";
    const lock = tryLock(paths.lockFile);
    if (lock.acquired) {
      try {
        // Another process may have finished between our check and our lock.
        if (skipIfCurrent && isUpToDate(paths, fingerprint)) return "up-to-date";
        log(force ? "Corsboard: building the dashboard…" : "Corsboard: building the dashboard (first start or sources changed)…");
        runBuild(root, env);
        fs.writeFileSync(paths.stampFile, `${fingerprint}\n`);
        return "built";
      } finally {
        lock.release();
      }
    }
    if (waitedFor !== lock.holder.pid) {
      waitedFor = lock.holder.pid;
      const where = lock.holder.hostname && lock.holder.hostname !== os.hostname() ? ` on ${lock.holder.hostname}` : "";
      log(`Corsboard: waiting for the build started by process ${lock.holder.pid}${where}…`);
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
}

/**
 * `next build` (its output directory follows CORSBOARD_DIST_DIR through
 * next.config.ts). CORSBOARD_BUILD_COMMAND replaces it with a shell command:
 * for the tests of this file only, which must not pay for real builds.
 */
function runBuild(root, env) {
  const buildEnv = { ...env, NEXT_TELEMETRY_DISABLED: "1" };
  // `next build` adds `<dist dir>/types/**` to tsconfig.json's "include" for a
  // build directory other than `.next`. tsconfig.json is a build input: left
  // so, the stamp would never match and every start would build again (and
  // the checkout would show a change nobody made). Put it back as it was.
  const tsconfig = path.join(root, "tsconfig.json");
  const tsconfigBefore = fs.existsSync(tsconfig) ? fs.readFileSync(tsconfig, "utf8") : null;
  const result = env.CORSBOARD_BUILD_COMMAND
    ? spawnSync(env.CORSBOARD_BUILD_COMMAND, { cwd: root, stdio: "inherit", env: buildEnv, shell: true })
    : spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, stdio: "inherit", env: buildEnv });
  if (tsconfigBefore !== null && fs.readFileSync(tsconfig, "utf8") !== tsconfigBefore) fs.writeFileSync(tsconfig, tsconfigBefore);
  if (result.status !== 0) {
    const error = new Error(`Corsboard: the build failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}).`);
    error.exitCode = result.status || 1;
    throw error;
  }
  if (env.CORSBOARD_BUILD_COMMAND) return;
  // The SDK and CLI tarballs the dashboard serves at /downloads (its own
  // version), built from the same sources as the dashboard, so a service
  // installs exactly what this build's config API speaks.
  const pack = spawnSync(process.execPath, [path.join(root, "scripts", "pack-packages.mjs")], { cwd: root, stdio: "inherit", env: buildEnv });
  if (pack.status !== 0) {
    const error = new Error(`Corsboard: packing @corsboard/sdk and @corsboard/cli failed (${pack.error?.message ?? `exit ${pack.status ?? pack.signal}`}).`);
    error.exitCode = pack.status || 1;
    throw error;
  }
}

function tryLock(file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    const me = JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() });
    try {
      fs.writeFileSync(file, me, { flag: "wx" }); // O_EXCL: exactly one creator
      return { acquired: true, release: () => releaseIfMine(file, me) };
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
    const seen = readLock(file);
    if (seen === null) continue; // released meanwhile: try again
    if (!isStale(seen)) return { acquired: false, holder: seen.holder ?? { pid: "?" } };
    removeIfUnchanged(file, seen.text);
  }
  throw new Error(`Corsboard: could not take the build lock ${file}: it keeps changing.`);
}

function readLock(file) {
  try {
    const text = fs.readFileSync(file, "utf8");
    const ageMs = Date.now() - fs.statSync(file).mtimeMs;
    let holder = null;
    try {
      const parsed = JSON.parse(text);
      if (Number.isInteger(parsed.pid)) holder = parsed;
    } catch {
      /* being written, or garbage */
    }
    return { text, ageMs, holder };
  } catch (e) {
    if (e.code === "ENOENT") return null;
    throw e;
  }
}

function isStale({ holder, ageMs }) {
  if (ageMs > STALE_LOCK_MS) return true;
  if (!holder) return ageMs > FRESH_LOCK_MS; // unreadable: give its creator time to write it
  return holder.hostname === os.hostname() && !isAlive(holder.pid);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

/** Deletes a stale lock, unless another process replaced it since we read it (then it is put back). */
function removeIfUnchanged(file, staleText) {
  const aside = `${file}.stale-${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch (e) {
    if (e.code === "ENOENT") return;
    throw e;
  }
  if (fs.readFileSync(aside, "utf8") !== staleText) {
    try {
      fs.linkSync(aside, file);
    } catch {
      /* a newer lock exists: it wins */
    }
  }
  fs.rmSync(aside, { force: true });
}

function releaseIfMine(file, me) {
  try {
    if (fs.readFileSync(file, "utf8") === me) fs.rmSync(file, { force: true });
  } catch {
    /* already gone */
  }
}
