"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useSearch, type SearchHit } from "@/lib/queries/search";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { OriginSearchBox } from "@/components/search/origin-search-box";

const MATCH_RANK: Record<SearchHit["match"], number> = { exact: 0, pattern: 1, substring: 2 };
const MATCH_LABEL: Record<SearchHit["match"], { text: string; tone: "green" | "amber" | "neutral" }> = {
  exact: { text: "exact entry", tone: "green" },
  pattern: { text: "wildcard matches it", tone: "amber" },
  substring: { text: "contains the text", tone: "neutral" },
};

interface EntryGroup {
  value: string;
  match: SearchHit["match"];
  where: Set<SearchHit["where"]>;
  expiresAt: string | null;
}
interface EnvGroup {
  environment: string;
  entries: EntryGroup[];
}
interface ProjectGroup {
  project: string;
  projectName: string;
  environments: EnvGroup[];
}

/** Hits grouped by project, then environment; one row per allowlist entry with where it is (draft, live). */
export function groupHits(hits: SearchHit[]): ProjectGroup[] {
  const projects = new Map<string, ProjectGroup>();
  for (const h of hits) {
    let p = projects.get(h.project);
    if (!p) projects.set(h.project, (p = { project: h.project, projectName: h.projectName, environments: [] }));
    let env = p.environments.find((e) => e.environment === h.environment);
    if (!env) p.environments.push((env = { environment: h.environment, entries: [] }));
    let entry = env.entries.find((e) => e.value === h.value);
    if (!entry) env.entries.push((entry = { value: h.value, match: h.match, where: new Set(), expiresAt: h.expiresAt }));
    else if (MATCH_RANK[h.match] < MATCH_RANK[entry.match]) entry.match = h.match;
    entry.where.add(h.where);
  }
  for (const p of projects.values()) for (const e of p.environments) e.entries.sort((a, b) => MATCH_RANK[a.match] - MATCH_RANK[b.match] || a.value.localeCompare(b.value));
  return [...projects.values()];
}

export function SearchPage() {
  const origin = useSearchParams().get("origin")?.trim() ?? "";
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <OriginSearchBox key={origin} initial={origin} wide />
        <p className="mt-2 text-xs text-slate-600">Finds exact entries, wildcard patterns that match the origin, and entries containing the text — in drafts and in live versions.</p>
      </Card>
      {origin ? <Results origin={origin} /> : <EmptyState title="Search for an origin">e.g. https://old.example.com before retiring a domain, or just old.example.</EmptyState>}
    </div>
  );
}

function Results({ origin }: { origin: string }) {
  const { data, error, isPending, refetch } = useSearch(origin);
  if (isPending) return <Loading label="Searching…" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  if (data.hits.length === 0) {
    return (
      <EmptyState title={`“${origin}” is allowed nowhere`}>No allowlist entry, draft or live, is, matches or contains it.</EmptyState>
    );
  }
  const groups = groupHits(data.hits);
  const liveAllowed = new Set(data.hits.filter((h) => h.where === "live" && h.match !== "substring").map((h) => `${h.project}/${h.environment}`));
  const envCount = groups.reduce((n, p) => n + p.environments.length, 0);
  return (
    <section aria-labelledby="results-heading" className="flex flex-col gap-4">
      {data.origin && data.origin !== origin ? (
        <p className="text-sm text-slate-700">
          Matched as the origin <code className="break-all font-mono text-slate-900">{data.origin}</code>.
        </p>
      ) : null}
      <h2 id="results-heading" className="text-base font-semibold text-slate-900">
        {envCount} {envCount === 1 ? "environment" : "environments"} in {groups.length} {groups.length === 1 ? "project" : "projects"}
        <span className="block text-sm font-normal text-slate-700">
          {liveAllowed.size === 0 ? "No live version allows it." : `Live versions allow it in ${liveAllowed.size} ${liveAllowed.size === 1 ? "environment" : "environments"}.`}
        </span>
      </h2>
      {groups.map((p) => (
        <Card key={p.project} title={<Link href={`/projects/${p.project}`} className="hover:underline">{p.projectName}</Link>}>
          <ul className="flex flex-col divide-y divide-slate-100" aria-label={`Matches in ${p.projectName}`}>
            {p.environments.map((env) => (
              <li key={env.environment} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:gap-4">
                <div className="sm:w-40 sm:shrink-0">
                  <Link href={`/projects/${p.project}/${env.environment}`} className="font-medium text-indigo-700 hover:underline">
                    {env.environment}
                    <span className="sr-only"> of {p.projectName}: open the editor</span>
                  </Link>
                </div>
                <ul className="flex min-w-0 flex-1 flex-col gap-1.5">
                  {env.entries.map((e) => (
                    <li key={e.value} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm" data-testid="search-hit">
                      <span className="min-w-0 break-all font-mono text-slate-900">{e.value}</span>
                      <Badge tone={MATCH_LABEL[e.match].tone}>{MATCH_LABEL[e.match].text}</Badge>
                      {e.where.has("live") ? <Badge tone="indigo">live</Badge> : null}
                      {e.where.has("draft") ? <Badge>draft</Badge> : null}
                      {e.expiresAt ? (
                        <span className="text-xs text-slate-600">
                          {new Date(e.expiresAt) <= new Date() ? "expired" : "expires"} {new Date(e.expiresAt).toLocaleDateString()}
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </section>
  );
}
