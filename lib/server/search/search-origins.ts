import { compilePolicy, parseOrigin, type CompiledPolicy } from "@/lib/cors";
import { prisma } from "@/lib/server/db/client";
import type { SearchHit, SearchResult } from "@/lib/api/schemas/editing";
import { policyContentFromColumn } from "@/lib/server/policies/policy-content-column";

/** At most this many hits are returned (exact and pattern hits first). */
const MAX_HITS = 1_000;

const MATCH_RANK: Record<SearchHit["match"], number> = { exact: 0, pattern: 1, substring: 2 };

/**
 * Where is an origin allowed? Across every project (archived ones included),
 * in drafts and live versions:
 * - `exact`: the allowlist lists it;
 * - `pattern`: a wildcard entry (`https://*.example.com`, `http://localhost:*`,
 *   `*`) lets it in — decided by lib/cors's own matcher, the one services use;
 * - `substring`: the entry contains the searched text (case-insensitive),
 *   e.g. `old.example` finds `https://old.example.com:8443`.
 * The search text is matched as the canonical origin lib/cors makes of it
 * (`Old.Example.com` → `https://old.example.com`), when it is one.
 * Expired entries are reported with their expiry (they no longer match
 * requests, but are still listed).
 */
export async function searchOrigins(text: string): Promise<SearchResult> {
  const query = text.trim();
  const parsed = parseOrigin(query);
  const origin = parsed.ok ? (parsed.origin.kind === "exact" ? parsed.origin.value : null) : exactFix(parsed.problem.fix);
  const needle = query.toLowerCase();

  const projects = await prisma.project.findMany({
    orderBy: { name: "asc" },
    select: {
      slug: true,
      name: true,
      environments: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          slug: true,
          draft: { select: { origins: { select: { value: true, expiresAt: true } } } },
        },
      },
    },
  });
  // The live version of every environment, in one query (not every version's content).
  const liveRows = await prisma.$queryRaw<{ environmentId: string; content: unknown }[]>`
    SELECT DISTINCT ON ("environmentId") "environmentId", "content" FROM "policy_version" ORDER BY "environmentId", "number" DESC`;
  const live = new Map(liveRows.map((r) => [r.environmentId, policyContentFromColumn(r.content)]));

  const matchers = new Map<string, CompiledPolicy | null>();
  const patternMatches = (value: string): boolean => {
    if (origin === null || !(value === "*" || value.includes("*"))) return false;
    let compiled = matchers.get(value);
    if (compiled === undefined) {
      const result = compilePolicy({ origins: [value] });
      compiled = result.ok ? result.policy : null;
      matchers.set(value, compiled);
    }
    // Expiry is reported, not applied: the question is which entries allow it.
    return compiled?.match(origin).matched ?? false;
  };
  const classify = (value: string): SearchHit["match"] | null => {
    if (origin !== null && value === origin) return "exact";
    if (patternMatches(value)) return "pattern";
    if (value.toLowerCase().includes(needle)) return "substring";
    return null;
  };

  const hits: SearchHit[] = [];
  for (const project of projects) {
    for (const env of project.environments) {
      const sources: [SearchHit["where"], { value: string; expiresAt: string | null }[]][] = [
        ["draft", (env.draft?.origins ?? []).map((o) => ({ value: o.value, expiresAt: o.expiresAt?.toISOString() ?? null }))],
        ["live", (live.get(env.id)?.origins ?? []).map((o) => ({ value: o.value, expiresAt: o.expiresAt }))],
      ];
      for (const [where, origins] of sources) {
        for (const o of origins) {
          const match = classify(o.value);
          if (match) hits.push({ project: project.slug, projectName: project.name, environment: env.slug, value: o.value, match, where, expiresAt: o.expiresAt });
        }
      }
    }
  }
  hits.sort((a, b) => MATCH_RANK[a.match] - MATCH_RANK[b.match]);
  return { query, origin, hits: hits.slice(0, MAX_HITS) };
}

/** The canonical origin a fix proposes, when it is an exact origin (not a pattern). */
function exactFix(fix: string | undefined): string | null {
  if (fix === undefined) return null;
  const again = parseOrigin(fix);
  return again.ok && again.origin.kind === "exact" ? again.origin.value : null;
}
