import { prisma } from "@/lib/server/db/client";
import type { CreateUserRequest } from "@/lib/api/schemas/user";
import type { Actor } from "@/lib/server/auth/actor";
import { insertUser } from "@/lib/server/users/insert-user";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { toUserDto } from "@/lib/server/users/user-dto";

/** An admin creates an account for a colleague, with its role; audited. */
export async function createUser(actor: Actor, input: CreateUserRequest) {
  return prisma.$transaction(async (tx) => {
    const user = await insertUser(tx, input);
    const dto = toUserDto(user);
    await recordAudit(tx, actor, { action: "user.create", targetType: "user", targetId: user.id, after: dto });
    return dto;
  });
}
