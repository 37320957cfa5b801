import { prisma } from "@/lib/server/db/client";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { probeSavedChecks } from "./run-saved-checks";
import { SAVED_CHECK_ORDER } from "./saved-check-dto";

/** How long to wait for the publishing transaction to commit before giving up (it rolled back). */
const COMMIT_WAIT_MS = 70_000;
const POLL_MS = 100;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
  });

/**
 * Resolves true once version `number` of the environment is visible outside
 * the transaction that creates it (it committed), false if it never shows up
 * (rolled back). Outside a transaction: on PostgreSQL the read sees committed
 * rows only; on the embedded database it waits for the open transaction.
 */
async function versionCommitted(environmentId: string, number: number): Promise<boolean> {
  const deadline = Date.now() + COMMIT_WAIT_MS;
  while (Date.now() < deadline) {
    const row = await prisma.policyVersion.findUnique({ where: { environmentId_number: { environmentId, number } }, select: { id: true } });
    if (row) return true;
    await sleep(POLL_MS);
  }
  return false;
}

/**
 * After a version is created (publish, approval, rollback): once its
 * transaction has committed, wait CORSBOARD_CHECKS_AFTER_PUBLISH_DELAY_MS
 * (services using the SDK follow a publish within about a second over SSE)
 * and run the environment's saved checks with trigger "publish".
 * Fire-and-forget: called from inside the publishing transaction but never
 * awaited by it, so it cannot delay or fail the publish; errors are logged.
 */
export function scheduleChecksAfterPublish(environmentId: string, version: number): void {
  void (async () => {
    // Most environments have no saved checks: one cheap read and done (the
    // publishing transaction doesn't touch saved checks, so this read needn't
    // wait for it to commit).
    if ((await prisma.savedCheck.count({ where: { environmentId } })) === 0) return;
    if (!(await versionCommitted(environmentId, version))) return;
    const delay = env().CORSBOARD_CHECKS_AFTER_PUBLISH_DELAY_MS;
    if (delay > 0) await sleep(delay);
    const rows = await prisma.savedCheck.findMany({ where: { environmentId }, orderBy: SAVED_CHECK_ORDER });
    const result = await probeSavedChecks(environmentId, rows, "publish");
    logger().info({ environmentId, version, passed: result.passed, failed: result.failed }, "saved checks ran after publish");
  })().catch((error: unknown) => {
    logger().warn({ environmentId, version, err: error instanceof Error ? error.message : String(error) }, "saved checks after publish failed");
  });
}
