import { prisma } from "@/lib/server/db/client";
import type { CompareQuery, CompareResult } from "@/lib/api/schemas/editing";
import { findEnvironment } from "@/lib/server/environments/find-environment";
import { canonicalJson } from "@/lib/cors";
import { SETTING_FIELDS } from "@/lib/api/policy-defaults";
import { readPolicy } from "@/lib/server/compare/read-policy";

/**
 * Compare two environments of a project (drafts, or live versions): origins
 * only in one, in both, and the settings that differ. Promote then copies
 * chosen origins from one into the other's draft.
 */
export async function compareEnvironments(projectSlug: string, query: CompareQuery): Promise<CompareResult> {
  const [fromEnv, toEnv] = await Promise.all([findEnvironment(prisma, projectSlug, query.from), findEnvironment(prisma, projectSlug, query.to)]);
  const [from, to] = await Promise.all([readPolicy(prisma, fromEnv, query.source), readPolicy(prisma, toEnv, query.source)]);
  const fromValues = new Set(from.origins.map((o) => o.value));
  const toValues = new Set(to.origins.map((o) => o.value));
  return {
    from: fromEnv.slug,
    to: toEnv.slug,
    source: query.source,
    onlyInFrom: from.origins.filter((o) => !toValues.has(o.value)).map((o) => o.value),
    onlyInTo: to.origins.filter((o) => !fromValues.has(o.value)).map((o) => o.value),
    inBoth: from.origins.filter((o) => toValues.has(o.value)).map((o) => o.value),
    settings: SETTING_FIELDS.filter((f) => canonicalJson(from[f]) !== canonicalJson(to[f])).map((field) => ({ field, from: from[field], to: to[field] })),
  };
}
