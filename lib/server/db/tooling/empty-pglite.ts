import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

/**
 * A fresh, empty in-memory PGlite, fast: initdb takes 5–25 s on a busy
 * 2-core machine, restoring a snapshot of a freshly initialised database
 * ~1.5 s. The snapshot (4–5 MB) is cached in node_modules/.cache per PGlite
 * version and made on first use. Dev tooling only.
 */
export async function openEmptyPglite(): Promise<PGlite> {
  const snapshot = snapshotPath();
  if (fs.existsSync(snapshot)) {
    try {
      const db = new PGlite("memory://", { loadDataDir: new Blob([fs.readFileSync(snapshot)]) });
      await db.waitReady;
      return db;
    } catch {
      fs.rmSync(snapshot, { force: true }); // corrupt or incompatible: rebuild below
    }
  }
  const db = new PGlite("memory://");
  await db.waitReady;
  await saveSnapshot(db, snapshot).catch(() => {}); // a cache: failing to write it is harmless
  return db;
}

async function saveSnapshot(db: PGlite, file: string): Promise<void> {
  const dump = await db.dumpDataDir("gzip");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename, so a concurrent run never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, file);
}

function snapshotPath(): string {
  const require = createRequire(import.meta.url);
  // The package's "exports" hide package.json: walk up from its entry point.
  let dir = path.dirname(require.resolve("@electric-sql/pglite"));
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  return path.resolve(process.cwd(), "node_modules", ".cache", "corsboard", `pglite-${version}-empty.tar.gz`);
}
