import type { FieldError } from "@/lib/api/problem";

/** Slugs that are path segments of the API next to `/projects/{project}` (e.g. POST /api/v1/projects/import). */
export const RESERVED_PROJECT_SLUGS = new Set(["import"]);

export function reservedSlugError(slug: string, field: string): FieldError | null {
  return RESERVED_PROJECT_SLUGS.has(slug)
    ? { field, code: "reserved", message: `"${slug}" is reserved by the API (/api/v1/projects/${slug}): choose another slug.` }
    : null;
}
