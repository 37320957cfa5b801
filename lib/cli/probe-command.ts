// `corsboard probe` (and `npm run check -- --url …`): probes a live server
// from this machine the way a browser would — the same engine and SSRF guard
// as POST /api/v1/probe — and prints the steps, the verdict and the fix.
// Runs on your machine, so local and private targets are allowed by default;
// --no-private refuses them like the Corsboard server does.
// CORSBOARD_PROBE_HOST_MAP (`*.test=127.0.0.1,…`) maps names before DNS, as on
// the server; mapped addresses still go through the guard.
// Exit codes: 0 allowed, 1 blocked, 2 usage error or a target that cannot be probed.

import { probeRequestSchema } from "@/lib/api/schemas/probe";
import { hostMapResolver, parseHostMap } from "@/lib/server/probe/host-map";
import { describeRefusal } from "@/lib/server/probe/probe-outcome";
import { runProbe, type ProbeInput, type ProbeOptions, type ProbeResult } from "@/lib/server/probe/run-probe";
import { fail, usageError, type CliContext } from "./cli-exit";

export const PROBE_OPTIONS = {
  url: { type: "string" },
  origin: { type: "string" },
  method: { type: "string" },
  header: { type: "string", multiple: true },
  credentials: { type: "boolean" },
  "send-actual": { type: "boolean" },
  "no-private": { type: "boolean" },
  timeout: { type: "string" },
  json: { type: "boolean" },
} as const;

export const PROBE_USAGE_OPTIONS = `  --url <url>            the URL the page fetches (http:// or https://)
  --origin <origin>      the page's origin, e.g. https://app.example.com
  --method <method>      request method (default GET)
  --header "Name: value" a request header the page sets (repeatable)
  --credentials          fetch() with credentials: "include" (default "omit")
  --send-actual          also send the actual request for methods other than GET/HEAD (may have side effects)
  --no-private           refuse loopback/private/link-local targets, as the server does
  --timeout <ms>         per-request timeout (default 5000)
  --json                 print the full answer as JSON

Environment: CORSBOARD_PROBE_HOST_MAP="*.test=127.0.0.1,api.example.com=10.0.0.5"
maps host names to addresses before DNS (the SSRF rules still apply to them).

Exit codes: 0 allowed, 1 blocked, 2 usage error or target refused.`;

export interface ProbeArgs {
  request: ProbeInput;
  options: ProbeOptions;
  json: boolean;
}

export function parseProbeArgs(
  ctx: CliContext,
  v: { url?: string; origin?: string; method?: string; header?: string[]; credentials?: boolean; "send-actual"?: boolean; "no-private"?: boolean; timeout?: string; json?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): ProbeArgs {
  const headers: Record<string, string> = {};
  for (const line of v.header ?? []) {
    const colon = line.indexOf(":");
    if (colon <= 0) usageError(ctx, `--header "${line}": use "Name: value".`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  const request = probeRequestSchema.safeParse({
    url: v.url,
    origin: v.origin,
    method: v.method,
    headers,
    credentials: v.credentials ? "include" : "omit",
    sendActual: v["send-actual"] ?? false,
  });
  if (!request.success) {
    usageError(ctx, request.error.issues.map((i) => `--${String(i.path[0] ?? "?")}: ${i.message}`).join("\n       "));
  }
  let timeoutMs: number | undefined;
  if (v.timeout !== undefined) {
    timeoutMs = Number(v.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000) usageError(ctx, "--timeout: give milliseconds between 1 and 60000.");
  }
  // The same map the server reads (lib/server/probe/probe-options.ts), so a fix
  // text telling you to set it works here too.
  const hostMap = parseHostMap(env.CORSBOARD_PROBE_HOST_MAP ?? "");
  if (hostMap.problems.length > 0) usageError(ctx, `CORSBOARD_PROBE_HOST_MAP: ${hostMap.problems.join("; ")}.`);
  const options: ProbeOptions = {
    allowPrivate: !v["no-private"],
    refusalHint: "Run without --no-private to probe it from this machine.",
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(hostMap.entries.length > 0 ? { resolve: hostMapResolver(hostMap.entries) } : {}),
  };
  return { request: request.data, options, json: v.json === true };
}

const MARK = { pass: "✓", fail: "✗", skip: "·" } as const;

export function formatProbeResult(result: ProbeResult): string {
  const out: string[] = [];
  if (result.target) out.push(`Target: ${result.target.host} → ${result.target.address}:${result.target.port}`);
  if (result.preflight.required) {
    out.push(`Preflight: OPTIONS → ${result.preflight.status ?? `no response (${result.preflight.error ?? "not sent"})`}`);
  } else {
    out.push("Preflight: not needed");
  }
  if (result.actual) out.push(`Actual: ${result.actual.request.method} → ${result.actual.status ?? `no response (${result.actual.error ?? ""})`}`);
  else out.push("Actual: not sent");
  out.push("", "Steps:");
  for (const s of result.steps) out.push(`  ${MARK[s.outcome]} ${s.title}: ${s.detail}`);
  out.push("");
  if (result.verdict === "allowed") out.push("Verdict: ALLOWED");
  else {
    out.push(`Verdict: BLOCKED at the ${result.stage === "actual" ? "actual request" : "preflight"}`);
    if (result.failure) out.push(`  Why: ${result.failure.message}`, `  Fix: ${result.failure.fix}`, `  Rule: ${result.failure.rule}`);
  }
  if (result.warnings.length) {
    out.push("", "Warnings:");
    for (const w of result.warnings) out.push(`  ! ${w}`);
  }
  return `${out.join("\n")}\n`;
}

export async function runProbeCommand(ctx: CliContext, args: ProbeArgs): Promise<never> {
  const outcome = await runProbe(args.request, args.options);
  if (outcome.kind === "refused") fail(ctx, describeRefusal(outcome.refusal, args.options.refusalHint));
  const { result } = outcome;
  process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : formatProbeResult(result));
  process.exit(result.verdict === "allowed" ? 0 : 1);
}
