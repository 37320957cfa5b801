import type { ProbeRequest, ProbeResultDoc } from "@/lib/api/schemas/probe";
import type { Describes } from "@/lib/api/same-type";
import type { Actor } from "@/lib/server/auth/actor";
import { roleAtLeast } from "@/lib/server/auth/roles";
import { AppError } from "@/lib/server/errors";
import { signProbeResult } from "@/lib/server/probe-records/probe-signature";
import { refusalError } from "./probe-outcome";
import { takeProbeToken } from "./probe-limits";
import { probeOptionsFromEnv } from "./probe-options";
import { runProbeEngines, type ProbeAnswer } from "./probe-engines";

// What this answers is the API's probeResultSchema (which also reads saved
// results): the same fields at every depth, each value of the probe's a valid
// one of the schema's. A field added to one alone fails tsc here
// (lib/api/same-type.ts; ./probe-result-link.test.ts shows what it catches).
const answerIsDocumented: Describes<ProbeResultDoc, ProbeAnswer> = true;
void answerIsDocumented;

/**
 * POST /api/v1/probe: one probe for a caller, its result signed so a saved
 * copy (lib/server/probe-records) can prove Corsboard saw it. sendActual
 * makes Corsboard itself send a PUT/DELETE/… from its own address, which may
 * change data on the target: that is an editor's decision, never a viewer's.
 * A refused target is a 422 on `body.url`; an unreachable one is a result
 * (verdict blocked, the cause in the failure), like any other answer.
 */
export async function runSignedProbe(actor: Actor, request: ProbeRequest): Promise<ProbeAnswer & { readonly signature: string }> {
  if (request.sendActual && !roleAtLeast(actor.role ?? "viewer", "editor")) {
    const message = "Viewers can't let Corsboard send the actual request (it may change data from Corsboard's address); leave that option off to check the preflight, or ask an editor.";
    throw new AppError(403, "forbidden", message, [{ field: "body.sendActual", code: "forbidden", message }]);
  }
  takeProbeToken(actor, "probe");
  // One probe per engine asked for (default all: the first engine's is the main result).
  const { engines, ...input } = request;
  const outcome = await runProbeEngines(input, probeOptionsFromEnv(), engines);
  switch (outcome.kind) {
    case "refused":
      throw refusalError(outcome.refusal, "body.url");
    case "unreachable":
    case "answered":
      return { ...outcome.result, signature: await signProbeResult(request, outcome.result) };
  }
}
