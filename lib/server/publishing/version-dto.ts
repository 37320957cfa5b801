import type { VersionSummary } from "@/lib/api/schemas/editing";

export interface VersionRow {
  number: number;
  message: string;
  authorLabel: string | null;
  author?: { email: string } | null;
  approvedByLabel: string | null;
  rollbackOf: number | null;
  createdAt: Date;
  contentHash: string;
  originCount: number;
}

export const versionSummarySelect = {
  number: true,
  message: true,
  authorLabel: true,
  author: { select: { email: true } },
  approvedByLabel: true,
  rollbackOf: true,
  createdAt: true,
  contentHash: true,
  originCount: true,
} as const;

export function toVersionSummary(row: VersionRow): VersionSummary {
  return {
    number: row.number,
    message: row.message,
    author: row.authorLabel ?? row.author?.email ?? null,
    createdAt: row.createdAt.toISOString(),
    contentHash: row.contentHash,
    originCount: row.originCount,
    approvedBy: row.approvedByLabel,
    rollbackOf: row.rollbackOf,
  };
}
