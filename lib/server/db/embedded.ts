import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { env } from "../env";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock";

/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) running
 * in this process on a data directory.
 *
 * - One process per directory, across PID namespaces and hosts: guarded by a
 *   lock file with a heartbeat (see data-dir-lock.ts).
 * - One instance per directory within the process, memoised on globalThis so
 *   `next dev` hot reloads (which re-evaluate this module) reuse it.
 * - The lock is released when the process exits, including on SIGINT/SIGTERM.
 */

interface EmbeddedEntry {
  db: Promise<PGlite>;
  lock: DataDirLock;
}

const globalKey = Symbol.for("corsboard.embedded-databases");
type Registry = Map<string, EmbeddedEntry>;
const registry: Registry = ((globalThis as Record<symbol, unknown>)[globalKey] as Registry | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[globalKey] = registry;

/**
 * Opens (once per process) the PGlite database in `dataDir`, creating it and
 * its parent directories if needed. The first open of a new directory runs
 * initdb, which takes several seconds.
 * @throws DataDirLockedError when another live process has the directory open.
 */
export function openEmbedded(dataDir: string): Promise<PGlite> {
  const dir = path.resolve(dataDir);
  const existing = registry.get(dir);
  if (existing) return existing.db;

  if (process.env.NEXT_PHASE === "phase-production-build") {
    // `next build` runs several worker processes: they would fight over the lock.
    throw new Error(
      `The embedded database was opened during \`next build\`. A page that reads the database must be dynamic ` +
        `(export const dynamic = "force-dynamic"), and nothing may query it at import time.`,
    );
  }

  const lock = acquireDataDirLock(dir, { staleAfterMs: env().CORSBOARD_DATA_DIR_LOCK_STALE_SECONDS * 1000 });
  installExitHandlers();
  const db = (async () => {
    // PGlite creates the directory itself but not its parents.
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const instance = new PGlite(dir);
    await instance.waitReady;
    return instance;
  })();
  const entry: EmbeddedEntry = { db, lock };
  registry.set(dir, entry);
  db.catch(() => {
    // A failed open must not keep the directory locked or memoised.
    if (registry.get(dir) === entry) registry.delete(dir);
    lock.release();
  });
  return db;
}

/** Closes the database in `dataDir` (if open here) and releases its lock. */
export async function closeEmbedded(dataDir: string): Promise<void> {
  const dir = path.resolve(dataDir);
  const entry = registry.get(dir);
  if (!entry) return;
  registry.delete(dir);
  try {
    const db = await entry.db.catch(() => undefined);
    if (db && !db.closed) await db.close();
  } finally {
    entry.lock.release();
  }
}

const handlersKey = Symbol.for("corsboard.embedded-exit-handlers");

/**
 * 'exit' releases every lock synchronously (covers process.exit(), the end of
 * the event loop, and Next.js' own signal handlers, which call process.exit).
 * On SIGINT/SIGTERM with no other listener, we close the databases cleanly,
 * then re-raise the signal so the process ends as it would have without us.
 */
function installExitHandlers(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[handlersKey]) return;
  g[handlersKey] = true;

  process.on("exit", () => {
    for (const entry of registry.values()) entry.lock.release();
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return; // someone else handles shutdown; 'exit' cleans up
      process.removeListener(signal, onSignal);
      const dirs = [...registry.keys()];
      const timeout = new Promise((resolve) => setTimeout(resolve, 3000).unref());
      void Promise.race([Promise.allSettled(dirs.map((d) => closeEmbedded(d))), timeout]).finally(() => {
        for (const entry of registry.values()) entry.lock.release();
        process.kill(process.pid, signal);
      });
    };
    process.on(signal, onSignal);
  }
}
