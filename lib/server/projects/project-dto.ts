import type { EnvironmentSummary, ProjectSummary } from "@/lib/api/schemas/project";

export interface EnvironmentRow {
  id: string;
  slug: string;
  name: string;
  position: number;
  protected: boolean;
  baseUrls: string[];
  draft: { _count: { origins: number } } | null;
  versions: { number: number }[];
}

export const environmentSummaryInclude = {
  draft: { select: { _count: { select: { origins: true } } } },
  versions: { select: { number: true }, orderBy: { number: "desc" }, take: 1 },
} as const;

export function toEnvironmentSummary(row: EnvironmentRow): EnvironmentSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    position: row.position,
    protected: row.protected,
    baseUrls: row.baseUrls,
    originCount: row.draft?._count.origins ?? 0,
    latestVersion: row.versions[0]?.number ?? null,
  };
}

export function toProjectSummary(row: {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  archivedAt: Date | null;
  environments: EnvironmentRow[];
}): ProjectSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    archived: row.archivedAt !== null,
    environments: row.environments.map(toEnvironmentSummary),
  };
}
