// `npm run check -- --url https://api.example.com/items --origin https://app.example.com --method PUT --header "Content-Type: application/json" --credentials`
//
// Probes a live server from this machine the way a browser would (the same
// engine as POST /api/v1/probe) and prints the steps, the verdict and the fix.
// Runs on your machine, so local and private targets are allowed by default;
// --no-private refuses them like the Corsboard server does.
// Exit codes: 0 allowed, 1 blocked, 2 usage error or a target that cannot be probed.
//
// `npm run check -- --server https://corsboard.example --token $TOKEN --project shop --environment prod`
//
// Runs an environment's saved checks on the Corsboard server instead (POST
// …/checks/run with an admin API token, recorded as trigger "api") — the CI
// gate. Exit codes: 0 all pass, 1 any fails, 2 usage, auth or network error,
// or no saved checks at all (nothing was verified; --allow-empty accepts that).

import { parseArgs } from "node:util";
import { probeRequestSchema } from "@/lib/api/schemas/probe";
import { savedCheckRunResultSchema } from "@/lib/api/schemas/saved-check";
import { formatRunReport } from "@/lib/server/saved-checks/format-run-report";
import { AppError } from "@/lib/server/errors";
import { runProbe, type ProbeResult } from "@/lib/server/probe/run-probe";

const USAGE = `Usage: npm run check -- --url <url> --origin <origin> [options]
       npm run check -- --server <url> --token <token> --project <slug> --environment <slug> [--json]

Probe one request from this machine:

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

Exit codes: 0 allowed, 1 blocked, 2 usage error or target refused.

Run an environment's saved checks on a Corsboard server (a CI gate):
  --server <url>         the Corsboard dashboard, e.g. https://corsboard.example
  --token <token>        an admin-scope API token (default: $CORSBOARD_TOKEN)
  --project <slug>       the project
  --environment <slug>   the environment whose saved checks run
  --json                 print the server's answer as JSON
  --timeout <ms>         how long to wait for the whole run (default 600000, 10 min:
                         50 checks against slow targets can take minutes)
  --allow-empty          exit 0 when the environment has no saved checks
                         (by default that is exit 2: nothing was verified)

Exit codes: 0 every check passed, 1 a check failed, 2 usage, auth or network
error, a run that took longer than --timeout, or no saved checks (without --allow-empty).`;

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
        server: { type: "string" },
        token: { type: "string" },
        project: { type: "string" },
        environment: { type: "string" },
        "allow-empty": { type: "boolean" },
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
  if (v.server !== undefined || v.project !== undefined || v.environment !== undefined) return { mode: "saved-checks" as const, ...savedChecksArgs(v) };
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
  return { mode: "probe" as const, request: request.data, allowPrivate: !v["no-private"], timeoutMs, json: v.json === true };
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The longest a saved-checks run may take. A server run probes up to 50
 * checks, 4 at a time, each a preflight (and for GET/HEAD the request) with
 * the probe's per-request timeout: minutes in the worst case, so 10 minutes by
 * default rather than a limit that gives up on a run still in progress.
 */
const RUN_TIMEOUT_DEFAULT_MS = 600_000;
const RUN_TIMEOUT_MAX_MS = 3_600_000;

function savedChecksArgs(v: { server?: string; token?: string; project?: string; environment?: string; json?: boolean; url?: string; origin?: string; timeout?: string; "allow-empty"?: boolean }) {
  if (v.url !== undefined || v.origin !== undefined) usageError("--server runs saved checks; --url/--origin probe one request. Use one or the other.");
  if (!v.server) usageError("--server: give the Corsboard URL, e.g. --server https://corsboard.example.");
  let server: URL;
  try {
    server = new URL(v.server);
  } catch {
    usageError(`--server "${v.server}": give an absolute http:// or https:// URL, e.g. https://corsboard.example.`);
  }
  if (server.protocol !== "http:" && server.protocol !== "https:") usageError(`--server: use an http:// or https:// URL, not ${server.protocol}.`);
  const token = v.token ?? process.env.CORSBOARD_TOKEN;
  if (!token) usageError("--token: give an admin API token, or set CORSBOARD_TOKEN (create one under Settings → API tokens, scope admin).");
  if (!v.project || !SLUG.test(v.project)) usageError("--project: give the project's slug, e.g. --project shop.");
  if (!v.environment || !SLUG.test(v.environment)) usageError("--environment: give the environment's slug, e.g. --environment prod.");
  let timeoutMs = RUN_TIMEOUT_DEFAULT_MS;
  if (v.timeout !== undefined) {
    timeoutMs = Number(v.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > RUN_TIMEOUT_MAX_MS) usageError(`--timeout: give milliseconds between 1000 and ${RUN_TIMEOUT_MAX_MS} for a saved-checks run.`);
  }
  return { server: server.href.replace(/\/$/, ""), token, project: v.project, environment: v.environment, json: v.json === true, timeoutMs, allowEmpty: v["allow-empty"] === true };
}

function fail(message: string): never {
  process.stderr.write(`check: ${message}\n`);
  process.exit(2);
}

/** Why a call failed, in the terms of what to change (401/403/404 named). */
function explainStatus(status: number, detail: string, target: { server: string; project: string; environment: string }): string {
  switch (status) {
    case 401:
      return `the server refused the token (401): check --token / CORSBOARD_TOKEN is an API token of ${target.server} that has not been revoked.`;
    case 403:
      return `the token may not run saved checks (403): use an API token with the admin scope (config read tokens only read configuration). ${detail}`;
    case 404:
      return `not found (404): ${detail || `no environment ${target.project}/${target.environment} on ${target.server}`} Check --project and --environment (slugs, as in the dashboard's URL).`;
    case 429:
      return `rate limited (429): ${detail}`;
    default:
      return `the server answered ${status}${detail ? `: ${detail}` : ""}.`;
  }
}

async function runSavedChecksMode(args: { server: string; token: string; project: string; environment: string; json: boolean; timeoutMs: number; allowEmpty: boolean }): Promise<never> {
  const enc = encodeURIComponent;
  const url = `${args.server}/api/v1/projects/${enc(args.project)}/environments/${enc(args.environment)}/checks/run`;
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${args.token}`, accept: "application/json" }, signal: AbortSignal.timeout(args.timeoutMs) });
  } catch (error) {
    if ((error as Error).name === "TimeoutError") fail(`${args.server} did not finish the run within ${args.timeoutMs} ms: raise --timeout (the run may still be going on the server).`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    fail(`could not reach ${args.server}: ${cause?.code ?? cause?.message ?? (error as Error).message}. Check --server and the network.`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const detail = typeof body === "object" && body !== null && "detail" in body ? String((body as { detail: unknown }).detail) : "";
    fail(explainStatus(res.status, detail, args));
  }
  const run = savedCheckRunResultSchema.safeParse(body);
  if (!run.success) fail(`${url} did not answer with a saved-checks run: is --server a Corsboard dashboard?`);
  if (args.json) process.stdout.write(`${JSON.stringify(run.data, null, 2)}\n`);
  else process.stdout.write(formatRunReport(run.data, args));
  // A gate that passes because there was nothing to check would hide deleted checks.
  if (run.data.total === 0 && !args.allowEmpty) fail(`no saved checks in ${args.project}/${args.environment}: nothing was verified. Add checks on the environment page, or pass --allow-empty to accept this.`);
  process.exit(run.data.failed === 0 ? 0 : 1);
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
  const cli = parseCli(process.argv.slice(2));
  if (cli.mode === "saved-checks") return runSavedChecksMode(cli);
  const { request, allowPrivate, timeoutMs, json } = cli;
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
