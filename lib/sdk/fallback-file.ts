import fs from "node:fs/promises";
import { writeFileAtomic } from "./atomic-write";
import { checkDocument, type ConfigDocument, type DocumentCheck } from "./document";

const FORMAT = "corsboard-fallback/1";

/**
 * The last-known-good file: the last document applied from the server, with
 * when it was saved. Written atomically (writeFileAtomic), so a crash
 * mid-write leaves the previous file.
 */
export async function writeFallbackFile(file: string, document: ConfigDocument): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify({ format: FORMAT, savedAt: new Date().toISOString(), document }, null, 2)}\n`, 0o600);
}

export type FallbackRead = { kind: "missing" } | { kind: "invalid"; reason: string } | ({ kind: "ok"; savedAt: string | null } & Extract<DocumentCheck, { ok: true }>);

/** Reads and fully validates the file (shape, project/environment, hash, compile). Never throws. */
export async function readFallbackFile(file: string, expected: { project: string; environment: string }): Promise<FallbackRead> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    return { kind: "invalid", reason: `unreadable: ${error instanceof Error ? error.message : String(error)}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: "invalid", reason: "not valid JSON (corrupted or truncated)" };
  }
  const wrapper = parsed as { format?: unknown; savedAt?: unknown; document?: unknown } | null;
  if (!wrapper || typeof wrapper !== "object" || wrapper.format !== FORMAT) return { kind: "invalid", reason: `not a ${FORMAT} file` };
  const check = checkDocument(wrapper.document, expected);
  if (!check.ok) return { kind: "invalid", reason: check.reason };
  return { kind: "ok", savedAt: typeof wrapper.savedAt === "string" ? wrapper.savedAt : null, ...check };
}
