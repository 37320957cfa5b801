import type { Token } from "@/lib/api/schemas/token";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scope: Token["scope"];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  project?: { slug: string } | null;
  environment?: { slug: string } | null;
  createdBy?: { email: string } | null;
}

export function toTokenDto(row: TokenRow): Token {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    project: row.project?.slug ?? null,
    environment: row.environment?.slug ?? null,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.email ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export const tokenDtoInclude = {
  project: { select: { slug: true } },
  environment: { select: { slug: true } },
  createdBy: { select: { email: true } },
} as const;
