import { prisma } from "@/lib/server/db/client";
import type { UpdateUserRequest } from "@/lib/api/schemas/user";
import type { Actor } from "@/lib/server/auth/actor";
import { conflict, notFound } from "@/lib/server/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { toUserDto } from "@/lib/server/users/user-dto";

const ADMIN_CHANGE_LOCK_KEY = 72707371;

/**
 * Change a user's role, name or disabled flag. Refuses to leave Corsboard
 * without an active admin, and signs a disabled user out everywhere.
 */
export async function updateUser(actor: Actor, userId: string, input: UpdateUserRequest) {
  return prisma.$transaction(async (tx) => {
    // Serialize admin changes so two admins demoting each other at once can't both succeed.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK_KEY})`;
    const current = await tx.user.findUnique({ where: { id: userId } });
    if (!current) throw notFound("The user");
    const before = toUserDto(current);

    const losesAdmin =
      current.role === "admin" && !current.disabledAt && ((input.role && input.role !== "admin") || input.disabled === true);
    if (losesAdmin) {
      const activeAdmins = await tx.user.count({ where: { role: "admin", disabledAt: null } });
      if (activeAdmins <= 1) {
        throw conflict("last_admin", "This is the last active admin: make someone else an admin first.");
      }
    }

    const updated = await tx.user.update({
      where: { id: userId },
      data: {
        ...(input.role ? { role: input.role } : {}),
        ...(input.name ? { name: input.name } : {}),
        ...(input.disabled === undefined ? {} : { disabledAt: input.disabled ? (current.disabledAt ?? new Date()) : null }),
      },
    });
    if (input.disabled) await tx.session.deleteMany({ where: { userId } });
    const after = toUserDto(updated);
    const action = input.role && input.role !== current.role ? "user.role-change" : input.disabled !== undefined ? (input.disabled ? "user.disable" : "user.enable") : "user.update";
    await recordAudit(tx, actor, { action, targetType: "user", targetId: userId, before, after });
    return after;
  });
}
