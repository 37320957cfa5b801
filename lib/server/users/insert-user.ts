import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Tx } from "@/lib/server/db/types";
import type { Role } from "@/lib/api/schemas/user";
import { conflict } from "@/lib/server/errors";

/**
 * Create a user the way better-auth does (a `user` row and, when there is a
 * password, a `credential` account holding the library's scrypt hash),
 * inside the caller's transaction so that the account, its role and the
 * audit entry land together. Without a password the user has no way in but
 * single sign-on, which links this row by email at the first sign-in.
 */
export async function insertUser(tx: Tx, input: { name: string; email: string; password?: string | undefined; role: Role }) {
  const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) {
    throw conflict("email_taken", `An account for ${input.email} already exists.`, {
      errors: [{ field: "body.email", code: "taken", message: "This email already has an account: use another one." }],
    });
  }
  const id = randomUUID();
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const user = await tx.user.create({
    data: {
      id,
      name: input.name,
      email: input.email,
      emailVerified: true,
      role: input.role,
      ...(passwordHash === null ? {} : { accounts: { create: { id: randomUUID(), accountId: id, providerId: "credential", password: passwordHash } } }),
    },
  });
  return user;
}
