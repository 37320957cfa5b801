import { probeRequestSchema } from "@/lib/api/schemas/probe";
import { env } from "@/lib/server/env";
import { problemResponse } from "@/lib/server/http/problem-response";
import { defineRoute } from "@/lib/server/http/route";
import { probeRateLimiter, PROBES_PER_MINUTE } from "@/lib/server/probe/rate-limit";
import { runProbe } from "@/lib/server/probe/run-probe";

export const POST = defineRoute({ auth: { role: "viewer" }, body: probeRequestSchema }, async ({ actor, body }) => {
  const limit = probeRateLimiter.take(`${actor.kind}:${actor.id}`);
  if (!limit.ok) {
    return problemResponse(
      { status: 429, code: "rate_limited", detail: `At most ${PROBES_PER_MINUTE} probes per minute; try again in ${limit.retryAfterSeconds} s.` },
      { "retry-after": String(limit.retryAfterSeconds) },
    );
  }
  return runProbe(body, { allowPrivate: env().CORSBOARD_PROBE_ALLOW_PRIVATE });
});
