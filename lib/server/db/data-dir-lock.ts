import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * One writer per embedded data directory, whatever the PID namespace or host.
 *
 * PGlite has no lock between processes, and two processes on one directory
 * silently lose writes. Two containers sharing a volume see different PIDs
 * (each may be pid 1), so a pid alone proves nothing. The lock file next to
 * the directory is a lease:
 *
 * - It names its owner: a random instance id, hostname, pid, PID namespace
 *   (the inode of /proc/self/ns/pid) and a heartbeat time the owner rewrites
 *   every `staleAfterMs / 3` (atomically: temp file + rename).
 * - A newcomer refuses while the heartbeat is fresh. It takes over a lock
 *   whose heartbeat is older than `staleAfterMs` (owner crashed, host gone),
 *   and at once a lock whose owner is provably dead: same host AND same PID
 *   namespace AND pid not running — so `kill -9` then restart is immediate.
 * - Take-over is race-free: the stale file is renamed aside (only one
 *   newcomer's rename succeeds), checked to be the one judged stale, and the
 *   new lock is created with link() (fails if any lock exists). Of two
 *   newcomers, exactly one ends up the owner; the other reads its fresh lock
 *   and refuses.
 * - At each beat the owner checks the file still names it. If it doesn't
 *   (it was stalled longer than the window and someone took over), it exits
 *   rather than write on: the lease's one unavoidable gap is the time between
 *   a stall's end and the next beat.
 */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
    staleAfterMs: number,
  ) {
    const ns = owner.pidNamespace ? `, PID namespace ${owner.pidNamespace}` : "";
    const beat = owner.heartbeatAt ? `, last heartbeat ${owner.heartbeatAt}` : "";
    super(
      `The embedded database in ${dataDir} is already open by process ${owner.pid} on host ${owner.hostname || "(unknown)"}${ns} ` +
        `(since ${owner.startedAt || "(unknown)"}${beat}). Stop that process, or give this one its own database: ` +
        `set DATABASE_URL (PostgreSQL) or CORSBOARD_DATA_DIR. If that process is gone, its lock expires ` +
        `${Math.round(staleAfterMs / 1000)} s after its last heartbeat and the next start takes it over.`,
    );
  }
  /** The owner's pid (as before the lock became a lease). */
  get ownerPid(): number {
    return this.owner.pid;
  }
}

export interface LockOwner {
  instanceId: string;
  hostname: string;
  pid: number;
  /** `pid:[4026531836]`, or "" where /proc is not available. */
  pidNamespace: string;
  startedAt: string;
  heartbeatAt: string;
}

export interface DataDirLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Stops the heartbeat and deletes the lock file if it is still ours. Synchronous so it can run in an 'exit' handler. */
  release(): void;
}

export interface DataDirLockOptions {
  /** A heartbeat older than this means the owner is gone (default 15 s). The owner beats three times per window. */
  staleAfterMs?: number;
  /** Called when the owner finds its lock taken over; default: print the reason and exit(1). */
  onLost?: (message: string) => void;
}

export const DEFAULT_STALE_AFTER_MS = 15_000;

/** `<parent>/<name>.lock` for data directory `<parent>/<name>`: outside the directory PGlite owns. */
export function lockFileFor(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
}

export function acquireDataDirLock(dataDir: string, options: DataDirLockOptions = {}): DataDirLock {
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const file = lockFileFor(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const now = new Date().toISOString();
  const me: LockOwner = { instanceId: randomUUID(), hostname: os.hostname(), pid: process.pid, pidNamespace: pidNamespace(), startedAt: now, heartbeatAt: now };
  // A few rounds at most: each round creates the file, refuses, or moves a stale lock aside.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, me)) return holdLock(file, me, dataDir, staleAfterMs, options.onLost ?? exitOnLost);
    const seen = readLock(file);
    if (seen === undefined) continue; // released between our attempts: retry
    if (!canTakeOver(seen, staleAfterMs)) throw new DataDirLockedError(dataDir, seen.owner, staleAfterMs);
    moveAsideIfUnchanged(file, seen.text, me.instanceId);
  }
  throw new Error(`Could not take the lock ${file}: it keeps changing. Is another process starting on ${dataDir}?`);
}

/** The inode of this process's PID namespace (Linux); "" elsewhere. */
export function pidNamespace(): string {
  try {
    return fs.readlinkSync("/proc/self/ns/pid");
  } catch {
    return "";
  }
}

/** Creates the lock only if none exists, never visible half-written: write a temp file, then link() it (atomic, fails on EEXIST). */
function tryCreate(file: string, me: LockOwner): boolean {
  const temp = `${file}.${me.instanceId}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(me));
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

interface SeenLock {
  text: string;
  owner: LockOwner;
  /** When the owner last proved it is alive (its heartbeat; the file's mtime for old or garbled files). */
  heartbeatMs: number;
}

function readLock(file: string): SeenLock | undefined {
  let text: string;
  let mtimeMs: number;
  try {
    text = fs.readFileSync(file, "utf8");
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  const owner = parseOwner(text);
  const beat = Date.parse(owner.heartbeatAt);
  return { text, owner, heartbeatMs: Number.isFinite(beat) ? beat : mtimeMs };
}

/** The JSON record; a bare pid (the lock of earlier versions) or garbage gives what can be read. */
function parseOwner(text: string): LockOwner {
  const blank: LockOwner = { instanceId: "", hostname: "", pid: 0, pidNamespace: "", startedAt: "", heartbeatAt: "" };
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (parsed && typeof parsed === "object") return { ...blank, ...parsed, pid: Number.isInteger(parsed.pid) ? (parsed.pid as number) : 0 };
  } catch {
    /* not JSON */
  }
  const pid = Number.parseInt(text.trim(), 10);
  return { ...blank, pid: Number.isInteger(pid) && pid > 0 ? pid : 0 };
}

function canTakeOver({ owner, heartbeatMs }: SeenLock, staleAfterMs: number): boolean {
  if (Date.now() - heartbeatMs > staleAfterMs) return true; // no heartbeat for the whole window
  if (!owner.instanceId) return !isAlive(owner.pid); // an old pid-only lock, fresh: judge by the pid as before
  const sameSpace = owner.hostname === os.hostname() && owner.pidNamespace === pidNamespace();
  if (!sameSpace) return false; // its pid means nothing here: only the heartbeat counts
  return owner.pid === process.pid || !isAlive(owner.pid); // provably dead (or a leftover of ours)
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
 * wrote: rename it aside (one newcomer wins the rename), check it is the
 * stale one we judged, and put it back if not.
 */
function moveAsideIfUnchanged(file: string, staleText: string, instanceId: string): void {
  const aside = `${file}.${instanceId}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  if (fs.readFileSync(aside, "utf8") !== staleText) {
    try {
      fs.linkSync(aside, file); // fails if yet another lock exists: the newest wins, the other's heartbeat notices
    } catch {
      /* see above */
    }
  }
  fs.rmSync(aside, { force: true });
}

function holdLock(file: string, me: LockOwner, dataDir: string, staleAfterMs: number, onLost: (message: string) => void): DataDirLock {
  let released = false;
  const beat = () => {
    if (released) return;
    const seen = readLock(file);
    if (seen?.owner.instanceId !== me.instanceId) {
      clearInterval(timer);
      released = true;
      const by = seen ? `process ${seen.owner.pid} on host ${seen.owner.hostname || "(unknown)"}` : "someone who deleted the lock file";
      onLost(`The lock on the embedded database in ${dataDir} (${file}) was taken over by ${by}. Stopping so that two processes never write to it.`);
      return;
    }
    me.heartbeatAt = new Date().toISOString();
    const temp = `${file}.${me.instanceId}.tmp`;
    try {
      fs.writeFileSync(temp, JSON.stringify(me));
      fs.renameSync(temp, file); // atomic: a reader sees the old beat or the new one
    } catch (e) {
      // A full disk must not stop the server; a missed beat only makes the lock look older.
      console.error(`Could not refresh the lock ${file}: ${(e as Error).message}`);
    }
  };
  const timer = setInterval(beat, Math.max(100, Math.floor(staleAfterMs / 3)));
  timer.unref(); // the lock never keeps the process alive
  return {
    file,
    owner: me,
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      try {
        if (readLock(file)?.owner.instanceId === me.instanceId) fs.rmSync(file, { force: true });
      } catch {
        /* best effort on the way out */
      }
    },
  };
}

function exitOnLost(message: string): void {
  console.error(message);
  process.exit(1);
}
