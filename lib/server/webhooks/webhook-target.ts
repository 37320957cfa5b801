import { probeOptionsFromEnv } from "@/lib/server/probe/probe-options";
import { checkTargetUrl, resolveTarget, type PinnedTarget } from "@/lib/server/probe/ssrf-guard";

const HINT = "Set CORSBOARD_PROBE_ALLOW_PRIVATE=1 on the Corsboard server to let probes and webhooks reach private addresses.";

/**
 * The probe's SSRF guard, for webhooks: the same URL rules, the same
 * allow-private setting and host map (CORSBOARD_PROBE_ALLOW_PRIVATE,
 * CORSBOARD_PROBE_HOST_MAP), and a connection pinned to the checked address.
 * Throws the guard's 422 target_not_allowed (on `field`) or its ResolveError.
 */
export function resolveWebhookTarget(url: string, field = "body.url"): Promise<PinnedTarget> {
  const { allowPrivate, resolve } = probeOptionsFromEnv();
  return resolveTarget(checkTargetUrl(url, field), { allowPrivate, ...(resolve ? { resolve } : {}), field, hint: HINT });
}
