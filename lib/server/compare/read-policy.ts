import type { Tx } from "@/lib/server/db/types";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import type { EnvironmentRef } from "@/lib/server/environments/find-environment";
import { readDraftState } from "@/lib/server/drafts/get-draft";
import { EMPTY_POLICY } from "@/lib/api/policy-defaults";
import { liveVersion } from "@/lib/server/versions/live-version";

/** An environment's draft, or its live version (the empty policy before the first publish). */
export async function readPolicy(db: Tx, env: EnvironmentRef, source: "draft" | "live"): Promise<PolicyContent> {
  if (source === "draft") return (await readDraftState(db, env)).content;
  return (await liveVersion(db, env.id))?.content ?? EMPTY_POLICY;
}
