import { probeOptionsFromEnv } from "@/lib/server/probe/probe-options";
import { refusalError } from "@/lib/server/probe/probe-outcome";
import { checkTargetUrl, resolveTarget, ResolveError, type PinnedTarget } from "@/lib/server/probe/ssrf-guard";

const HINT = "Set CORSBOARD_PROBE_ALLOW_PRIVATE=1 on the Corsboard server to let probes and webhooks reach private addresses.";

/**
 * The probe's SSRF guard, for webhooks: the same URL rules, the same
 * allow-private setting and host map (CORSBOARD_PROBE_ALLOW_PRIVATE,
 * CORSBOARD_PROBE_HOST_MAP), and a connection pinned to the checked address.
 * A refusal throws the probe's 422 target_not_allowed (on `field`); a name
 * that does not resolve throws a ResolveError naming the network cause.
 */
export async function resolveWebhookTarget(url: string, field = "body.url"): Promise<PinnedTarget> {
  const { allowPrivate, resolve } = probeOptionsFromEnv();
  const checked = checkTargetUrl(url);
  if (!checked.ok) throw refusalError(checked.refusal, field, HINT);
  const resolved = await resolveTarget(checked.url, { allowPrivate, ...(resolve ? { resolve } : {}) });
  switch (resolved.kind) {
    case "pinned":
      return resolved.target;
    case "refused":
      throw refusalError(resolved.refusal, field, HINT);
    case "unresolved":
      throw new ResolveError(resolved.cause);
  }
}
