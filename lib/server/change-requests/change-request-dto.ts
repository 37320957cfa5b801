import type { Tx } from "@/lib/server/db/types";
import type { ChangeRequest } from "@/lib/api/schemas/editing";
import { diffPolicies } from "@/lib/server/policies/diff-policies";
import { policyContentFromColumn } from "@/lib/server/policies/policy-content-column";

export const changeRequestInclude = {
  environment: { select: { id: true, slug: true, projectId: true, project: { select: { slug: true } } } },
} as const;

export interface ChangeRequestRow {
  id: string;
  status: ChangeRequest["status"];
  message: string;
  content: unknown;
  baseVersion: number | null;
  rollbackOf: number | null;
  authorLabel: string;
  reviewerLabel: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  versionNumber: number | null;
  createdAt: Date;
  environment: { id: string; slug: string; projectId: string; project: { slug: string } };
}

/** A change request with its diff vs the version it was based on. */
export async function toChangeRequestDto(db: Tx, row: ChangeRequestRow): Promise<ChangeRequest> {
  const content = policyContentFromColumn(row.content);
  const base =
    row.baseVersion === null
      ? null
      : await db.policyVersion.findUnique({
          where: { environmentId_number: { environmentId: row.environment.id, number: row.baseVersion } },
          select: { content: true },
        });
  return {
    id: row.id,
    project: row.environment.project.slug,
    environment: row.environment.slug,
    status: row.status,
    message: row.message,
    author: row.authorLabel,
    createdAt: row.createdAt.toISOString(),
    reviewer: row.reviewerLabel,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewComment: row.reviewComment,
    baseVersion: row.baseVersion,
    rollbackOf: row.rollbackOf,
    version: row.versionNumber,
    content,
    diff: diffPolicies(base ? policyContentFromColumn(base.content) : null, content),
  };
}

/** Whom a change request belongs to: users by id, tokens by id (never by a changeable label). */
export function actorKey(actor: { kind: "user" | "token"; id: string }): string {
  return `${actor.kind}:${actor.id}`;
}
