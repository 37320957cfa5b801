import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * Replaces `file` with `body` atomically: a temporary file in the same
 * directory (same file system, so rename is atomic), written and fsynced,
 * then renamed over the target and the directory fsynced. A crash or a full
 * disk mid-write leaves the previous file intact — never a truncated one.
 */
export async function writeFileAtomic(file: string, body: string | Uint8Array, mode = 0o600): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await fs.open(temp, "w", mode);
    try {
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  // The rename itself is durable once the directory entry is on disk (best effort: not every platform can open a directory).
  const dirHandle = await fs.open(dir, "r").catch(() => null);
  await dirHandle?.sync().catch(() => {});
  await dirHandle?.close();
}
