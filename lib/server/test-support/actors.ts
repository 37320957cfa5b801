import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/api/schemas/user";
import type { Actor } from "@/lib/server/auth/actor";

type Client = typeof import("@/lib/server/db/client")["prisma"];

export type UserActor = Extract<Actor, { kind: "user" }>;

/** Users of each role (rows only, no password), as the actors operations take. */
export async function createActors(prisma: Client, prefix = "t"): Promise<{ admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor }> {
  const make = async (name: string, role: Role): Promise<UserActor> => {
    const id = randomUUID();
    const email = `${prefix}-${name}-${id.slice(0, 8)}@corsboard.test`;
    await prisma.user.create({ data: { id, name, email, role, emailVerified: true } });
    return { kind: "user", id, email, name, role };
  };
  return { admin: await make("admin", "admin"), editor: await make("editor", "editor"), editor2: await make("editor2", "editor"), viewer: await make("viewer", "viewer") };
}

/** An origin list of `n` distinct canonical origins. */
export function manyOrigins(n: number, domain = "example.com"): string[] {
  return Array.from({ length: n }, (_, i) => `https://app-${i}.${domain}`);
}

/** What a rejected promise was rejected with (for asserting typed errors). */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string; errors?: { field: string; code: string; message: string; fix?: string }[]; extra?: Record<string, unknown>; message: string }> {
  try {
    await promise;
  } catch (e) {
    return e as never;
  }
  throw new Error("expected the operation to fail, it succeeded");
}
