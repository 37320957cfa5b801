/**
 * Whether a Prisma error is a unique-constraint violation. Matches the error
 * code only: the `meta` Prisma attaches differs between the PGlite and pg
 * adapters, so never rely on it (e.g. to learn which field clashed).
 */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}
