import fs from "node:fs";
import path from "node:path";

/**
 * A lock file next to the embedded database's data directory. PGlite has no
 * lock between processes and two processes on one directory silently lose
 * writes, so the second one must be refused. The file holds the owner's pid;
 * a lock left by a dead process (crash, SIGKILL, reboot) is taken over.
 */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is already open by process ${ownerPid}. ` +
        `Stop that process, or give this one its own database: set DATABASE_URL (PostgreSQL) or CORSBOARD_DATA_DIR.`,
    );
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Deletes the lock file if it is still ours. Synchronous so it can run in an 'exit' handler. */
  release(): void;
}

/** `<parent>/<name>.lock` for data directory `<parent>/<name>`: outside the directory PGlite owns. */
export function lockFileFor(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = lockFileFor(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // A few rounds at most: each round either creates the file, refuses, or removes a stale lock.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file)) return makeLock(file);
    const owner = readOwner(file);
    if (owner === undefined) continue; // vanished between our attempts: retry
    if (owner !== process.pid && isAlive(owner)) throw new DataDirLockedError(dataDir, owner);
    removeStale(file, owner);
  }
  throw new Error(`Could not take the lock ${file}: it keeps changing. Is another process starting on ${dataDir}?`);
}

function tryCreate(file: string): boolean {
  try {
    // 'wx' = O_CREAT|O_EXCL: exactly one process can create it.
    fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

/** The pid in the lock file; NaN-safe: an unreadable/garbled file counts as stale (pid 0). */
function readOwner(file: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : 0;
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/**
 * Removes a stale lock without ever deleting a fresh one another process just
 * created: move it aside atomically, check it is the stale one we judged, and
 * put it back if not.
 */
function removeStale(file: string, stalePid: number): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  if (readOwner(aside) !== stalePid) {
    // Someone took the lock in between: restore theirs (link fails if yet another exists).
    try {
      fs.linkSync(aside, file);
    } catch {
      /* the newer lock wins */
    }
  }
  fs.rmSync(aside, { force: true });
}

function makeLock(file: string): DataDirLock {
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      try {
        if (readOwner(file) === process.pid) fs.rmSync(file, { force: true });
      } catch {
        /* best effort on the way out */
      }
    },
  };
}
