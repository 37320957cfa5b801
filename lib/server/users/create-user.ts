import { prisma } from "@/lib/server/db/client";
import type { CreateUserRequest } from "@/lib/api/schemas/user";
import type { Actor } from "@/lib/server/auth/actor";
import { insertUser } from "@/lib/server/users/insert-user";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { toUserDto } from "@/lib/server/users/user-dto";
import { checkInitialPassword } from "@/lib/server/users/initial-password";

/**
 * An admin creates an account for a colleague, with its role; audited. The
 * initial password follows the sign-in settings (initial-password.ts) and
 * is checked before the transaction opens.
 */
export async function createUser(actor: Actor, input: CreateUserRequest) {
  const password = checkInitialPassword(input.email, input.password);
  return prisma.$transaction(async (tx) => {
    const user = await insertUser(tx, { name: input.name, email: input.email, role: input.role, password });
    const dto = toUserDto(user);
    await recordAudit(tx, actor, { action: "user.create", targetType: "user", targetId: user.id, after: dto });
    return dto;
  });
}
