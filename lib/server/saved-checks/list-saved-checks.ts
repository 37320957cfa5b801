import { prisma } from "@/lib/server/db/client";
import { MAX_SAVED_CHECKS, maskSecretHeaders, type SavedCheck, type SavedCheckList } from "@/lib/api/schemas/saved-check";
import { env } from "@/lib/server/env";
import { findEnvironment } from "@/lib/server/environments/find-environment";
import { SAVED_CHECK_ORDER, toSavedCheckDto } from "./saved-check-dto";

/**
 * A check as a viewer sees it: credential header values (a test token in
 * `Authorization`, a cookie) masked in the definition and in the last run's
 * request. Editors, who can change and run checks, see them in full.
 */
function maskedForViewer(check: SavedCheck): SavedCheck {
  const run = check.lastRun;
  const result = run?.result ?? null;
  const actual = result?.actual ?? null;
  const maskedResult = result === null ? null : { ...result, actual: actual === null ? null : { ...actual, request: { ...actual.request, headers: maskSecretHeaders(actual.request.headers) } } };
  return { ...check, headers: maskSecretHeaders(check.headers), lastRun: run === null ? null : { ...run, result: maskedResult } };
}

/** The saved checks of an environment with their last results, and the live version they should have run on. */
export async function listSavedChecks(projectSlug: string, environmentSlug: string, options: { maskSecrets: boolean }): Promise<SavedCheckList> {
  const found = await findEnvironment(prisma, projectSlug, environmentSlug);
  const [rows, live] = await Promise.all([
    prisma.savedCheck.findMany({ where: { environmentId: found.id }, orderBy: SAVED_CHECK_ORDER }),
    prisma.policyVersion.findFirst({ where: { environmentId: found.id }, orderBy: { number: "desc" }, select: { number: true, createdAt: true } }),
  ]);
  return {
    checks: rows.map(toSavedCheckDto).map((c) => (options.maskSecrets ? maskedForViewer(c) : c)),
    liveVersion: live?.number ?? null,
    livePublishedAt: live?.createdAt.toISOString() ?? null,
    afterPublishDelayMs: env().CORSBOARD_CHECKS_AFTER_PUBLISH_DELAY_MS,
    max: MAX_SAVED_CHECKS,
  };
}
