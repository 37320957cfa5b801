import { ensureDatabase } from "@/lib/server/db/client";
import { env, publicUrl } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { createFirstAdmin, needsSetup } from "@/lib/server/setup/create-first-admin";
import { ensureSetupCode, printSetupCode } from "@/lib/server/setup/setup-code";
import { ensureInitAdminToken } from "@/lib/server/tokens/init-admin-token";
import { ensureInitClientTokens } from "@/lib/server/tokens/init-client-tokens";
import { seedDemo } from "@/lib/server/seed/seed-demo";
import { getAuth } from "@/lib/server/auth/auth";

/**
 * Everything a server does once at startup, in order: open the database and
 * apply migrations (refusing to start on a failed one), then the optional
 * bootstrap from environment variables, then the demo seed. Each step is
 * idempotent and safe when several instances start at once.
 */
export async function bootstrap(): Promise<void> {
  const e = env();
  const log = logger();
  await ensureDatabase();

  if (e.CORSBOARD_ADMIN_EMAIL && e.CORSBOARD_ADMIN_PASSWORD && (await needsSetup())) {
    try {
      await createFirstAdmin(
        { name: e.CORSBOARD_ADMIN_EMAIL.split("@")[0] ?? "admin", email: e.CORSBOARD_ADMIN_EMAIL.toLowerCase(), password: e.CORSBOARD_ADMIN_PASSWORD },
        "system",
      );
      log.info({ email: e.CORSBOARD_ADMIN_EMAIL }, "created the first admin from CORSBOARD_ADMIN_EMAIL");
    } catch (error) {
      // Another instance won the race: fine.
      if (!(error instanceof Error && "code" in error && error.code === "setup_done")) throw error;
    }
  }
  if (await needsSetup()) printSetupCode(await ensureSetupCode(), publicUrl(e));
  if (e.CORSBOARD_INIT_ADMIN_TOKEN) {
    await ensureInitAdminToken(e.CORSBOARD_INIT_ADMIN_TOKEN);
    log.info("admin API token from CORSBOARD_INIT_ADMIN_TOKEN is ready");
  }
  if (e.CORSBOARD_SEED_DEMO && (await seedDemo())) log.info("created the demo project storefront-api");
  if (e.CORSBOARD_INIT_CLIENT_TOKENS?.length) {
    const tokens = await ensureInitClientTokens(e.CORSBOARD_INIT_CLIENT_TOKENS);
    if (tokens.ready.length) log.info({ environments: tokens.ready }, "config read tokens from CORSBOARD_INIT_CLIENT_TOKENS are ready");
    if (tokens.missing.length) log.error({ environments: tokens.missing }, "CORSBOARD_INIT_CLIENT_TOKENS names environments that don't exist: no token for them");
    if (tokens.refused.length) log.error({ environments: tokens.refused }, "CORSBOARD_INIT_CLIENT_TOKENS reuses an admin token's secret: not turned into a read token");
  }
  await getAuth();
}

declare global {
  /** One bootstrap per process, across Next.js's module copies and dev reloads. */
  var corsboardBoot: Promise<void> | undefined;
}
const globalForBoot = globalThis;

/** Bootstrap once per process (memoised across dev hot reloads). */
export function ready(): Promise<void> {
  globalForBoot.corsboardBoot ??= bootstrap();
  return globalForBoot.corsboardBoot;
}
