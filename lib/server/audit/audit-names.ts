import { prisma } from "@/lib/server/db/client";

export interface AuditNameRow {
  targetType: string;
  targetId: string | null;
  projectId: string | null;
  environmentId: string | null;
}

export interface AuditNames {
  project(id: string | null): string | null;
  environment(id: string | null): string | null;
  /** The target in words: a user's email, a token's name, `project/environment`, a project's slug; null once it is gone. */
  target(row: AuditNameRow): string | null;
}

const ids = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];

/**
 * The names behind the ids a page of audit events refers to, read in four
 * queries (not one per event): project and environment slugs, users' emails,
 * tokens' names. Anything deleted since has no name and shows by id.
 */
export async function resolveAuditNames(rows: readonly AuditNameRow[]): Promise<AuditNames> {
  const targetIds = (type: string) => ids(rows.filter((r) => r.targetType === type).map((r) => r.targetId));
  const [projects, environments, users, tokens] = await Promise.all([
    prisma.project.findMany({ where: { id: { in: ids([...rows.map((r) => r.projectId), ...targetIds("project")]) } }, select: { id: true, slug: true } }),
    prisma.environment.findMany({
      where: { id: { in: ids([...rows.map((r) => r.environmentId), ...targetIds("environment")]) } },
      select: { id: true, slug: true, project: { select: { slug: true } } },
    }),
    prisma.user.findMany({ where: { id: { in: targetIds("user") } }, select: { id: true, email: true } }),
    prisma.apiToken.findMany({ where: { id: { in: targetIds("token") } }, select: { id: true, name: true } }),
  ]);
  const projectSlug = new Map(projects.map((p) => [p.id, p.slug]));
  const environmentSlug = new Map(environments.map((e) => [e.id, e.slug]));
  const environmentPath = new Map(environments.map((e) => [e.id, `${e.project.slug}/${e.slug}`]));
  const userEmail = new Map(users.map((u) => [u.id, u.email]));
  const tokenName = new Map(tokens.map((t) => [t.id, t.name]));
  return {
    project: (id) => (id ? (projectSlug.get(id) ?? null) : null),
    environment: (id) => (id ? (environmentSlug.get(id) ?? null) : null),
    target: (row) => {
      if (!row.targetId) return null;
      switch (row.targetType) {
        case "user":
          return userEmail.get(row.targetId) ?? null;
        case "token":
          return tokenName.get(row.targetId) ?? null;
        case "project":
          return projectSlug.get(row.targetId) ?? null;
        case "environment":
          return environmentPath.get(row.targetId) ?? null;
        default:
          return null;
      }
    },
  };
}
