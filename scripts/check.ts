// `npm run check -- --url https://api.example.com/items --origin https://app.example.com --method PUT --header "Content-Type: application/json" --credentials`
//
// Probes a live server from this machine the way a browser would (the same
// engine as POST /api/v1/probe) and prints the steps, the verdict and the fix.
// Runs on your machine, so local and private targets are allowed by default;
// --no-private refuses them like the Corsboard server does.
// Exit codes: 0 allowed, 1 blocked, 2 usage error or a target that cannot be probed.

import { parseArgs } from "node:util";
import { probeRequestSchema } from "@/lib/api/schemas/probe";
import { AppError } from "@/lib/server/errors";
import { runProbe, type ProbeResult } from "@/lib/server/probe/run-probe";

const USAGE = `Usage: npm run check -- --url <url> --origin <origin> [options]

  --url <url>            the URL the page fetches (http:// or https://)
  --origin <origin>      the page's origin, e.g. https://app.example.com
  --method <method>      request method (default GET)
  --header "Name: value" a request header the page sets (repeatable)
  --credentials          fetch() with credentials: "include" (default "omit")
  --send-actual          also send the actual request for methods other than GET/HEAD (may have side effects)
  --no-private           refuse loopback/private/link-local targets, as the server does
  --timeout <ms>         per-request timeout (default 5000)
  --json                 print the full answer as JSON
  -h, --help             this help

Exit codes: 0 allowed, 1 blocked, 2 usage error or target refused.`;

function usageError(message: string): never {
  process.stderr.write(`check: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parseCli(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        url: { type: "string" },
        origin: { type: "string" },
        method: { type: "string" },
        header: { type: "string", multiple: true },
        credentials: { type: "boolean" },
        "send-actual": { type: "boolean" },
        "no-private": { type: "boolean" },
        timeout: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    usageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const headers: Record<string, string> = {};
  for (const line of v.header ?? []) {
    const colon = line.indexOf(":");
    if (colon <= 0) usageError(`--header "${line}": use "Name: value".`);
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
    usageError(request.error.issues.map((i) => `--${String(i.path[0] ?? "?")}: ${i.message}`).join("\n       "));
  }
  let timeoutMs: number | undefined;
  if (v.timeout !== undefined) {
    timeoutMs = Number(v.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000) usageError("--timeout: give milliseconds between 1 and 60000.");
  }
  return { request: request.data, allowPrivate: !v["no-private"], timeoutMs, json: v.json === true };
}

const MARK = { pass: "✓", fail: "✗", skip: "·" } as const;

function print(result: ProbeResult): void {
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
  process.stdout.write(`${out.join("\n")}\n`);
}

async function main(): Promise<void> {
  const { request, allowPrivate, timeoutMs, json } = parseCli(process.argv.slice(2));
  let result: ProbeResult;
  try {
    result = await runProbe(request, { allowPrivate, urlField: "--url", refusalHint: "Run without --no-private to probe it from this machine.", ...(timeoutMs ? { timeoutMs } : {}) });
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`check: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else print(result);
  process.exit(result.verdict === "allowed" ? 0 : 1);
}

void main();
