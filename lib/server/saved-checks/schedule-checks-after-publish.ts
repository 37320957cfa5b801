import { prisma } from "@/lib/server/db/client";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { probeSavedChecks } from "./run-saved-checks";
import { SAVED_CHECK_ORDER } from "./saved-check-dto";

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
  });

/**
 * After a version is created (publish, approval, rollback) and its
 * transaction has committed — call it from `afterCommit(tx, …)`
 * (lib/server/db/transaction.ts), never inside the transaction: wait
 * CORSBOARD_CHECKS_AFTER_PUBLISH_DELAY_MS (services using the SDK follow a
 * publish within about a second over SSE) and run the environment's saved
 * checks with trigger "publish". Fire-and-forget: the publish never awaits
 * it, so it cannot delay or fail it; errors are logged, and the promise
 * (which never rejects) settles when the run is over.
 */
export function scheduleChecksAfterPublish(environmentId: string, version: number): Promise<void> {
  return (async () => {
    // Most environments have no saved checks: one cheap read and done.
    if ((await prisma.savedCheck.count({ where: { environmentId } })) === 0) return;
    const delay = env().CORSBOARD_CHECKS_AFTER_PUBLISH_DELAY_MS;
    if (delay > 0) await sleep(delay);
    const rows = await prisma.savedCheck.findMany({ where: { environmentId }, orderBy: SAVED_CHECK_ORDER });
    const result = await probeSavedChecks(environmentId, rows, "publish");
    logger().info({ environmentId, version, passed: result.passed, failed: result.failed }, "saved checks ran after publish");
  })().catch((error: unknown) => {
    logger().warn({ environmentId, version, err: error instanceof Error ? error.message : String(error) }, "saved checks after publish failed");
  });
}
