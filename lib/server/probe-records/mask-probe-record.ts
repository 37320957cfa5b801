import type { ProbeResultDoc } from "@/lib/api/schemas/probe";
import type { TesterRequest } from "@/lib/api/schemas/probe-record";
import { MASKED_HEADER_VALUE, maskSecretHeaders } from "@/lib/api/schemas/saved-check";

/**
 * A saved result is readable by every signed-in user and its link travels in
 * chats and tickets, so credential headers (Authorization, Cookie, API keys…)
 * are masked before the record is written: nobody, the author included, can
 * read them back. Everything a record stores goes through here.
 */
export function maskTesterRequest(request: TesterRequest): TesterRequest {
  return { ...request, headers: maskSecretHeaders(request.headers) };
}

/** The values of the request's credential headers (what must not appear anywhere in a saved record). */
export function secretHeaderValues(headers: Readonly<Record<string, string>>): string[] {
  const masked = maskSecretHeaders(headers);
  return Object.entries(headers)
    .filter(([name, value]) => value !== "" && value !== MASKED_HEADER_VALUE && masked[name] === MASKED_HEADER_VALUE)
    .map(([, value]) => value);
}

/**
 * The result with credential headers masked where the probe recorded what it
 * sent (preflight and actual request headers, the steps' header values), then
 * any remaining copy of a secret value (e.g. quoted in a warning) replaced too.
 */
export function maskProbeResult(result: ProbeResultDoc, secrets: readonly string[]): ProbeResultDoc {
  const { preflight, actual } = result;
  const structured: ProbeResultDoc = {
    ...result,
    preflight: preflight.request === null ? preflight : { ...preflight, request: { ...preflight.request, headers: maskSecretHeaders(preflight.request.headers) } },
    actual: actual === null ? null : { ...actual, request: { ...actual.request, headers: maskSecretHeaders(actual.request.headers) } },
    steps: result.steps.map((step) => (step.values === undefined ? step : { ...step, values: maskSecretHeaders(step.values) })),
  };
  let text = JSON.stringify(structured);
  for (const secret of secrets) {
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped.length > 0) text = text.split(escaped).join(MASKED_HEADER_VALUE);
  }
  return JSON.parse(text) as ProbeResultDoc;
}
