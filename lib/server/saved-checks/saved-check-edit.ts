import { maskSecretHeaders } from "@/lib/api/schemas/saved-check";
import type { Tx } from "@/lib/server/db/types";
import { notFound } from "@/lib/server/errors";
import { assertEditable, findEnvironment, type EnvironmentRef } from "@/lib/server/environments/find-environment";

/** What the audit log keeps of a check: its definition (credential header values masked), not its last result. */
export function auditView(c: { name: string; url: string; origin: string; method: string; headers: unknown; credentials: string; expect: string; sendActual: boolean; engines: string[] }) {
  const headers = maskSecretHeaders((c.headers ?? {}) as Record<string, string>);
  return { name: c.name, url: c.url, origin: c.origin, method: c.method, headers, credentials: c.credentials, expect: c.expect, sendActual: c.sendActual, engines: c.engines };
}

export async function editableEnvironment(tx: Tx, projectSlug: string, environmentSlug: string): Promise<EnvironmentRef> {
  const found = await findEnvironment(tx, projectSlug, environmentSlug);
  assertEditable(found);
  // Serialise writers of this environment's checks (the cap is counted, then a row inserted).
  await tx.$queryRaw`SELECT "id" FROM "environment" WHERE "id" = ${found.id} FOR NO KEY UPDATE`;
  return found;
}

export async function existingCheck(tx: Tx, env: EnvironmentRef, id: string) {
  const row = await tx.savedCheck.findFirst({ where: { id, environmentId: env.id } });
  if (!row) throw notFound(`Saved check "${id}" of ${env.projectSlug}/${env.slug}`);
  return row;
}
