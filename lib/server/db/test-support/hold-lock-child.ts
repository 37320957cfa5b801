/**
 * Child process for data-dir-lock.int.test.ts: takes the lock of the data
 * directory argv[2] (stale window argv[3] ms), prints READY and holds it until
 * killed; prints the refusal and exits 1 when the directory is locked. With
 * `--after <file>`, waits for that file to exist first (a start line for races).
 */
import fs from "node:fs";
import { acquireDataDirLock } from "../data-dir-lock";

const [dataDir, staleAfterMs] = [process.argv[2] as string, Number(process.argv[3])];
const after = process.argv.indexOf("--after");
if (after > 0) {
  const gate = process.argv[after + 1] as string;
  console.log("WAITING");
  while (!fs.existsSync(gate)) await new Promise((r) => setTimeout(r, 5));
}
try {
  acquireDataDirLock(dataDir, { staleAfterMs });
  console.log("READY");
  setInterval(() => {}, 1000); // hold until killed (the lock's own timer is unref'd)
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
