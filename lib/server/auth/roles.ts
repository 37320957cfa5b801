import type { Role } from "@/lib/api/schemas/user";

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Roles are ordered: an admin can do what an editor can, an editor what a viewer can. */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}
