import { conflict } from "@/lib/server/errors";

/** Tries in all (the first and two retries). */
const ATTEMPTS = 3;

/**
 * Run a whole transaction again when PostgreSQL aborted it to break a
 * deadlock (SQLSTATE 40P01) or a serialization failure (40001): the retry
 * reads the state the other transaction committed, so it does only what is
 * still missing. After the last try the caller gets a 409 saying to try
 * again, never a 500. The embedded database runs one transaction at a time
 * and never fails this way.
 */
export async function retryOnLockConflict<T>(run: () => Promise<T>, attempts = ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isLockConflict(error)) throw error;
      if (attempt >= attempts) {
        throw conflict("concurrent_change", "Other changes to the same drafts were being saved at the same moment and this one could not be applied. Nothing was changed by it: try again.");
      }
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.floor(Math.random() * 30)));
    }
  }
}

/** Prisma's P2034 (write conflict or deadlock), or the SQLSTATE in a raw query's or driver adapter's error. */
export function isLockConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; meta?: unknown; cause?: unknown };
  if (e.code === "P2034" || e.code === "40P01" || e.code === "40001") return true;
  const text = `${typeof e.message === "string" ? e.message : ""} ${safeJson(e.meta)}`;
  if (/\b(40P01|40001)\b|deadlock detected|could not serialize access/i.test(text)) return true;
  return e.cause !== undefined && e.cause !== error && isLockConflict(e.cause);
}

function safeJson(value: unknown): string {
  try {
    return value === undefined ? "" : JSON.stringify(value);
  } catch {
    return "";
  }
}
