import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/server/db/client";
import type { Tx } from "@/lib/server/db/types";
import { AppError } from "@/lib/server/errors";
import { isLoopbackRequest } from "@/lib/server/http/client-address";
import { isLoopbackAddress } from "@/lib/server/http/ip-range";

const SETUP_CODE_KEY = "setup.code";
/** Crockford's base32 without look-alikes: easy to copy from a log by hand. */
const ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

function newCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

/**
 * First run, like Grafana's and Jenkins's initial password: until the first
 * admin exists, creating it from another machine needs a one-time code that
 * only someone who can read the server's log has. (From this machine —
 * loopback, no proxy in between — no code is needed.) The code is created
 * once, in the database, so every instance on one PostgreSQL prints and
 * accepts the same one; it is deleted with the creation of the first admin.
 * Returns it (for the startup banner).
 */
export async function ensureSetupCode(): Promise<string> {
  await prisma.appSetting.createMany({ data: [{ key: SETUP_CODE_KEY, value: newCode() }], skipDuplicates: true });
  return (await prisma.appSetting.findUniqueOrThrow({ where: { key: SETUP_CODE_KEY } })).value;
}

/** The startup banner: printed to stdout whatever LOG_LEVEL says, since nothing else can tell the person at the server the code. */
export function printSetupCode(code: string, url: string): void {
  console.log(
    [
      "",
      "Corsboard has no account yet. Open the dashboard to create the first admin:",
      `  ${url}/setup`,
      `From another machine, the setup screen asks for this one-time code: ${code}`,
      "(From this machine no code is needed. Or set CORSBOARD_ADMIN_EMAIL and CORSBOARD_ADMIN_PASSWORD.)",
      "",
    ].join("\n"),
  );
}

/** Whether the setup screen must ask for the code: the request is not from this machine, or not addressed to it by a loopback name. */
export function setupCodeRequired(headers: Headers): boolean {
  return !isLoopbackRequest(headers) || !addressedToThisMachine(headers.get("host"));
}

/**
 * DNS rebinding: a page of attacker.example, open in a browser on the
 * server's machine, re-resolves its own name to 127.0.0.1 and then posts to
 * /api/setup "same-origin" — over loopback, from the operator's browser. Its
 * Host is still the attacker's name, so loopback counts only for a request
 * addressed to a loopback name or address (localhost, *.localhost, 127.x,
 * [::1]). Not the public URL's host either: through a same-host proxy that
 * passes Host on and adds no forwarding header, that is every remote
 * request. No Host at all (HTTP/1.0) can't come from a browser.
 */
function addressedToThisMachine(host: string | null): boolean {
  if (host === null) return true;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  return hostname === "localhost" || hostname.endsWith(".localhost") || isLoopbackAddress(hostname.replace(/^\[(.*)\]$/, "$1"));
}

/**
 * Refuse a first-run setup from another machine without the right code
 * (403 naming `body.setupCode`). Compared in constant time, on hashes, so a
 * wrong guess learns nothing about the right one.
 */
export async function assertSetupAllowed(headers: Headers, code: string | undefined): Promise<void> {
  if (!setupCodeRequired(headers)) return;
  const why = "Setting up Corsboard from another machine needs the one-time setup code printed in the server's log at startup (or set CORSBOARD_ADMIN_EMAIL and CORSBOARD_ADMIN_PASSWORD and restart).";
  if (!code) {
    throw new AppError(403, "setup_code_required", why, [{ field: "body.setupCode", code: "required", message: "Enter the setup code from the server's log." }]);
  }
  const stored = await prisma.appSetting.findUnique({ where: { key: SETUP_CODE_KEY } });
  const digest = (s: string) => createHash("sha256").update(s.trim().toUpperCase()).digest();
  if (!stored || !timingSafeEqual(digest(stored.value), digest(code))) {
    throw new AppError(403, "setup_code_wrong", `That is not the setup code. ${why}`, [{ field: "body.setupCode", code: "wrong", message: "This is not the code in the server's log: check it and try again." }]);
  }
}

/** The code is one-time: gone with the first admin (in that transaction). */
export async function deleteSetupCode(tx: Tx): Promise<void> {
  await tx.appSetting.deleteMany({ where: { key: SETUP_CODE_KEY } });
}
