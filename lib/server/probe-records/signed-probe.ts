import type { ProbeRequest } from "@/lib/api/schemas/probe";
import type { Actor } from "@/lib/server/auth/actor";
import { roleAtLeast } from "@/lib/server/auth/roles";
import { AppError } from "@/lib/server/errors";
import { takeProbeToken } from "@/lib/server/probe/probe-limits";
import { probeOptionsFromEnv } from "@/lib/server/probe/probe-options";
import { runProbeEngines } from "@/lib/server/probe/probe-engines";
import type { ProbeResult } from "@/lib/server/probe/run-probe";
import { signProbeResult } from "@/lib/server/probe-records/probe-signature";

/**
 * POST /api/v1/probe: one probe for a caller, its result signed so a saved
 * copy can prove Corsboard saw it. sendActual makes Corsboard itself send a
 * PUT/DELETE/… from its own address, which may change data on the target:
 * that is an editor's decision, never a viewer's.
 */
export async function runSignedProbe(actor: Actor, request: ProbeRequest): Promise<ProbeResult & { readonly signature: string }> {
  if (request.sendActual && !roleAtLeast(actor.role ?? "viewer", "editor")) {
    const message = "Viewers can't let Corsboard send the actual request (it may change data from Corsboard's address); leave sendActual off to check the preflight, or ask an editor.";
    throw new AppError(403, "forbidden", message, [{ field: "body.sendActual", code: "forbidden", message }]);
  }
  takeProbeToken(actor, "probe");
  // One probe per engine asked for (default all: Chromium's is the main result).
  const { engines, ...input } = request;
  const result = await runProbeEngines(input, probeOptionsFromEnv(), engines);
  return { ...result, signature: await signProbeResult(request, result) };
}
