import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "@/lib/server/db/test-support/migration-fixtures";

// Startup bootstrap on a real embedded database: the first admin from
// CORSBOARD_ADMIN_EMAIL/PASSWORD, the admin token from
// CORSBOARD_INIT_ADMIN_TOKEN, the demo seed; all idempotent.
const tmp = tempDir("bootstrap");
process.env.CORSBOARD_DATA_DIR = path.join(tmp.dir, "data");
process.env.CORSBOARD_ADMIN_EMAIL = "Boot@Corsboard.test";
process.env.CORSBOARD_ADMIN_PASSWORD = "bootstrap-password";
process.env.CORSBOARD_INIT_ADMIN_TOKEN = "cb_first-init-secret-0123456789";
delete process.env.DATABASE_URL;
delete process.env.BETTER_AUTH_SECRET;

const { bootstrap } = await import("@/lib/server/bootstrap");
const { prisma, closeDatabase } = await import("@/lib/server/db/client");
const { ensureInitAdminToken } = await import("@/lib/server/tokens/init-admin-token");
const { verifyToken } = await import("@/lib/server/tokens/verify-token");
const { createFirstAdmin } = await import("@/lib/server/setup/create-first-admin");
const { seedDemo } = await import("@/lib/server/seed/seed-demo");
const { resolveAuthSecret } = await import("@/lib/server/auth/auth-secret");

beforeAll(async () => {
  await bootstrap();
}, 120_000);

afterAll(async () => {
  await closeDatabase();
  tmp.cleanup();
});

describe("bootstrap", () => {
  it("creates the admin from the environment, the init token and the demo project", async () => {
    const users = await prisma.user.findMany({ include: { accounts: true } });
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ email: "boot@corsboard.test", role: "admin" });
    // The password is hashed by better-auth, never stored as typed.
    expect(users[0]!.accounts[0]!.password).toBeTruthy();
    expect(users[0]!.accounts[0]!.password).not.toContain("bootstrap-password");

    const token = await verifyToken("cb_first-init-secret-0123456789");
    expect(token).toMatchObject({ kind: "token", scope: "admin", role: "admin" });

    const project = await prisma.project.findUnique({ where: { slug: "storefront-api" }, include: { environments: { orderBy: { position: "asc" } } } });
    expect(project?.environments.map((e) => [e.slug, e.protected])).toEqual([["dev", false], ["staging", false], ["prod", true]]);
    expect(await prisma.policyVersion.count()).toBe(3);
  });

  it("is idempotent: a second start changes nothing", async () => {
    const before = { users: await prisma.user.count(), tokens: await prisma.apiToken.count(), projects: await prisma.project.count() };
    await bootstrap();
    expect({ users: await prisma.user.count(), tokens: await prisma.apiToken.count(), projects: await prisma.project.count() }).toEqual(before);
  });

  it("keeps one session secret, generated once", async () => {
    const a = await resolveAuthSecret();
    const b = await resolveAuthSecret();
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(await prisma.appSetting.count({ where: { key: "auth.secret" } })).toBe(1);
  });

  it("rotating CORSBOARD_INIT_ADMIN_TOKEN revokes the previous init token", async () => {
    await ensureInitAdminToken("cb_second-init-secret-987654321");
    expect(await verifyToken("cb_second-init-secret-987654321")).not.toBeNull();
    expect(await verifyToken("cb_first-init-secret-0123456789")).toBeNull();
    expect(await prisma.apiToken.count({ where: { name: "init-admin-token", revokedAt: null } })).toBe(1);
    const audit = await prisma.auditEvent.findMany({ where: { action: "token.init" } });
    expect(audit.length).toBe(2);
  });

  it("does not bring the demo back once it was seeded, even after it is deleted", async () => {
    await prisma.project.delete({ where: { slug: "storefront-api" } });
    expect(await seedDemo()).toBe(false);
    expect(await prisma.project.count()).toBe(0);
  });

  it("lets exactly one of several racing setups create the first admin", async () => {
    await prisma.user.deleteMany();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => createFirstAdmin({ name: `Racer ${i}`, email: `racer${i}@corsboard.test`, password: "password-1234" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: "setup_done" });
    }
    expect(await prisma.user.count()).toBe(1);
  });
});
