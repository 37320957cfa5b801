import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/server/db/client";
import { env } from "@/lib/server/env";

const SECRET_KEY = "auth.secret";

/**
 * The session-signing secret: BETTER_AUTH_SECRET when set; otherwise one
 * generated on first start and kept in the database, so `npm start` needs no
 * setup and several instances on one PostgreSQL share it. The insert is
 * idempotent: racing instances all read back the one that won.
 */
export async function resolveAuthSecret(): Promise<string> {
  const fromEnv = env().BETTER_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const candidate = randomBytes(32).toString("base64url");
  await prisma.appSetting.createMany({ data: [{ key: SECRET_KEY, value: candidate }], skipDuplicates: true });
  const row = await prisma.appSetting.findUniqueOrThrow({ where: { key: SECRET_KEY } });
  return row.value;
}
