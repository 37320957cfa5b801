// `corsboard check` (and `npm run check -- --server …`): runs an
// environment's saved checks on the Corsboard server (POST …/checks/run with
// an admin API token, recorded as trigger "api") — the CI gate.
// Exit codes: 0 all pass, 1 any fails, 2 usage, auth or network error, or no
// saved checks at all (nothing was verified; --allow-empty accepts that).

import { savedCheckRunResultSchema } from "@/lib/api/schemas/saved-check";
import { formatRunReport } from "@/lib/server/saved-checks/format-run-report";
import { fail, networkCause, parseServerUrl, parseSlugs, usageError, type CliContext } from "./cli-exit";

export const CHECK_OPTIONS = {
  server: { type: "string" },
  token: { type: "string" },
  project: { type: "string" },
  environment: { type: "string" },
  json: { type: "boolean" },
  timeout: { type: "string" },
  "allow-empty": { type: "boolean" },
} as const;

export const CHECK_USAGE_OPTIONS = `  --server <url>         the Corsboard dashboard, e.g. https://corsboard.example
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

/**
 * The longest a saved-checks run may take. A server run probes up to 50
 * checks, 4 at a time, each a preflight (and for GET/HEAD the request) with
 * the probe's per-request timeout: minutes in the worst case, so 10 minutes by
 * default rather than a limit that gives up on a run still in progress.
 */
const RUN_TIMEOUT_DEFAULT_MS = 600_000;
const RUN_TIMEOUT_MAX_MS = 3_600_000;

export interface CheckArgs {
  server: string;
  token: string;
  project: string;
  environment: string;
  json: boolean;
  timeoutMs: number;
  allowEmpty: boolean;
}

export function parseCheckArgs(
  ctx: CliContext,
  v: { server?: string; token?: string; project?: string; environment?: string; json?: boolean; url?: string; origin?: string; timeout?: string; "allow-empty"?: boolean },
): CheckArgs {
  if (v.url !== undefined || v.origin !== undefined) usageError(ctx, "--server runs saved checks; --url/--origin probe one request. Use one or the other.");
  const server = parseServerUrl(ctx, v.server);
  const token = v.token ?? process.env.CORSBOARD_TOKEN;
  if (!token) usageError(ctx, "--token: give an admin API token, or set CORSBOARD_TOKEN (create one under Settings → API tokens, scope admin).");
  const { project, environment } = parseSlugs(ctx, v);
  let timeoutMs = RUN_TIMEOUT_DEFAULT_MS;
  if (v.timeout !== undefined) {
    timeoutMs = Number(v.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > RUN_TIMEOUT_MAX_MS) usageError(ctx, `--timeout: give milliseconds between 1000 and ${RUN_TIMEOUT_MAX_MS} for a saved-checks run.`);
  }
  return { server, token, project, environment, json: v.json === true, timeoutMs, allowEmpty: v["allow-empty"] === true };
}

/** Why a call failed, in the terms of what to change (401/403/404 named). */
export function explainStatus(status: number, detail: string, target: { server: string; project: string; environment: string }, purpose = "run saved checks"): string {
  switch (status) {
    case 401:
      return `the server refused the token (401): check --token / CORSBOARD_TOKEN is an API token of ${target.server} that has not been revoked.`;
    case 403:
      return purpose === "run saved checks"
        ? `the token may not run saved checks (403): use an API token with the admin scope (config read tokens only read configuration). ${detail}`
        : `the token may not read ${target.project}/${target.environment} (403): use a config read token of that environment, or an admin token. ${detail}`;
    case 404:
      return `not found (404): ${detail || `no environment ${target.project}/${target.environment} on ${target.server}`} Check --project and --environment (slugs, as in the dashboard's URL).`;
    case 429:
      return `rate limited (429): ${detail}`;
    default:
      return `the server answered ${status}${detail ? `: ${detail}` : ""}.`;
  }
}

/** The `detail` of a problem document, or "". */
export function problemDetail(body: unknown): string {
  return typeof body === "object" && body !== null && "detail" in body ? String((body as { detail: unknown }).detail) : "";
}

export async function runCheck(ctx: CliContext, args: CheckArgs): Promise<never> {
  const enc = encodeURIComponent;
  const url = `${args.server}/api/v1/projects/${enc(args.project)}/environments/${enc(args.environment)}/checks/run`;
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${args.token}`, accept: "application/json" }, signal: AbortSignal.timeout(args.timeoutMs) });
  } catch (error) {
    if ((error as Error).name === "TimeoutError") fail(ctx, `${args.server} did not finish the run within ${args.timeoutMs} ms: raise --timeout (the run may still be going on the server).`);
    fail(ctx, `could not reach ${args.server}: ${networkCause(error)}. Check --server and the network.`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok) fail(ctx, explainStatus(res.status, problemDetail(body), args));
  const run = savedCheckRunResultSchema.safeParse(body);
  if (!run.success) fail(ctx, `${url} did not answer with a saved-checks run: is --server a Corsboard dashboard?`);
  if (args.json) process.stdout.write(`${JSON.stringify(run.data, null, 2)}\n`);
  else process.stdout.write(formatRunReport(run.data, args));
  // A gate that passes because there was nothing to check would hide deleted checks.
  if (run.data.total === 0 && !args.allowEmpty) fail(ctx, `no saved checks in ${args.project}/${args.environment}: nothing was verified. Add checks on the environment page, or pass --allow-empty to accept this.`);
  process.exit(run.data.failed === 0 ? 0 : 1);
}
