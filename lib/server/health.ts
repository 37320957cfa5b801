import type { Health } from "@/lib/api/schemas/health";
import { dbKind, pingDatabase } from "@/lib/server/db/client";
import { CORSBOARD_VERSION } from "@/lib/server/version";

/** Liveness and database reachability, for load balancers and `npm start` scripts. */
export async function checkHealth(): Promise<{ status: 200 | 503; body: Health }> {
  const ping = await pingDatabase();
  const base = { db: dbKind(), version: CORSBOARD_VERSION } as const;
  if (ping.ok) return { status: 200, body: { status: "ok", ...base } };
  return { status: 503, body: { status: "unavailable", ...base, reason: ping.reason } };
}
