import type { Tx } from "@/lib/server/db/types";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import { policyContentFromColumn } from "@/lib/server/policies/policy-content-column";

export interface LiveVersion {
  number: number;
  content: PolicyContent;
}

/** The latest published version of an environment (what services get), or null before the first publish. */
export async function liveVersion(db: Tx, environmentId: string): Promise<LiveVersion | null> {
  const row = await db.policyVersion.findFirst({
    where: { environmentId },
    orderBy: { number: "desc" },
    select: { number: true, content: true },
  });
  return row ? { number: row.number, content: policyContentFromColumn(row.content) } : null;
}

/** Just the live version's number (cheap: no content). */
export async function liveVersionNumber(db: Tx, environmentId: string): Promise<number | null> {
  const row = await db.policyVersion.findFirst({ where: { environmentId }, orderBy: { number: "desc" }, select: { number: true } });
  return row?.number ?? null;
}
