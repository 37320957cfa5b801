import { prisma } from "@/lib/server/db/client";
import type { SetupRequest } from "@/lib/api/schemas/user";
import { conflict } from "@/lib/server/errors";
import { insertUser } from "@/lib/server/users/insert-user";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { toUserDto } from "@/lib/server/users/user-dto";
import { assertSetupAllowed, deleteSetupCode } from "@/lib/server/setup/setup-code";

/** Serializes first-run setups so two racing browsers can't both become the first admin. */
const SETUP_LOCK_KEY = 72707370;

/** Whether the one-time setup screen should be shown: no account exists yet. */
export async function needsSetup(): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}

const setupDone = () => conflict("setup_done", "Corsboard is already set up: sign in, or ask an admin for an account.");

/**
 * POST /api/setup: once an account exists the answer is 409 for everyone
 * (checked first, so a remote caller with the old code learns that setup is
 * over rather than that the code is wrong); before that, the setup code
 * when the request comes from another machine, then the first admin.
 */
export async function setUpFirstAdmin(headers: Headers, input: SetupRequest) {
  if (!(await needsSetup())) throw setupDone();
  await assertSetupAllowed(headers, input.setupCode);
  return createFirstAdmin(input);
}

/**
 * First run: create the first admin. Allowed only while there is no user at
 * all; afterwards admins create accounts from the Users page.
 */
export async function createFirstAdmin(input: SetupRequest, actorLabel: "setup" | "system" = "setup") {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`;
    if ((await tx.user.count()) > 0) {
      throw setupDone();
    }
    const user = await insertUser(tx, { name: input.name, email: input.email, password: input.password, role: "admin" });
    await deleteSetupCode(tx);
    const dto = toUserDto(user);
    await recordAudit(tx, "system", {
      action: actorLabel === "setup" ? "setup.first-admin" : "bootstrap.admin",
      targetType: "user",
      targetId: user.id,
      after: dto,
    });
    return dto;
  });
}
