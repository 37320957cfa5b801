import type { Tx } from "@/lib/server/db/types";
import type { Actor } from "@/lib/server/auth/actor";
import { AppError, conflict, notFound } from "@/lib/server/errors";
import { lockEnvironment, type EnvironmentRef } from "@/lib/server/environments/find-environment";
import { actorKey, changeRequestInclude } from "@/lib/server/change-requests/change-request-dto";

/**
 * A change request to review, read under its environment's lock (so two
 * reviewers can't both act on it): 404 when unknown, 409 `not_open` when it
 * was already approved, rejected or withdrawn.
 */
export async function loadOpenChangeRequest(tx: Tx, id: string) {
  const first = await tx.changeRequest.findUnique({ where: { id }, select: { environment: { select: { id: true, protected: true, name: true } } } });
  if (!first) throw notFound(`Change request ${id}`);
  // The environment is re-read below, after the lock.
  await lockEnvironment(tx, first.environment);
  const row = await tx.changeRequest.findUniqueOrThrow({
    where: { id },
    include: {
      ...changeRequestInclude,
      environment: { include: { project: { select: { id: true, slug: true, name: true, archivedAt: true } } } },
    },
  });
  if (row.status !== "open") {
    throw conflict("not_open", `Change request ${id} is already ${row.status}${row.reviewerLabel ? ` (by ${row.reviewerLabel})` : ""}: nothing to do.`);
  }
  const e = row.environment;
  const env: EnvironmentRef = {
    id: e.id,
    slug: e.slug,
    name: e.name,
    position: e.position,
    protected: e.protected,
    baseUrls: e.baseUrls,
    createdAt: e.createdAt,
    projectId: e.project.id,
    projectSlug: e.project.slug,
    projectName: e.project.name,
    archived: e.project.archivedAt !== null,
  };
  return { row, env };
}

/** 403 for the author reviewing their own request: protected environments need a second person. */
export function assertNotAuthor(row: { authorKey: string }, actor: Actor): void {
  if (row.authorKey === actorKey(actor)) {
    throw new AppError(403, "own_change_request", "You made this change request: another editor or admin has to review it.");
  }
}
