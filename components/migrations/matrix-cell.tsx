"use client";
import { AUTH_BEFORE_CORS_TEXT, authAnsweredPreflight, type MigrationCell } from "@/lib/api/schemas/migration-check";
import { Badge } from "@/components/ui/badge";

const DRIFT_TEXT = {
  "allowlist-allows": "The published allowlist allows this, the live service blocks it: the service is not using the published policy.",
  "live-allows": "The live service allows this, the published allowlist does not: the service is not using the published policy.",
} as const;

/**
 * `/tester?url=…&origin=…&method=…` (the tester opens in "Probe as another
 * origin" mode), plus the JSON body type (its Content-Type) and credentials
 * when the shape has them.
 */
export function testerHref(url: string, origin: string, cell: Pick<MigrationCell, "method" | "credentials" | "shape">): string {
  const params = new URLSearchParams({ url, origin, method: cell.method });
  if (cell.shape === "json-post") params.set("bodyType", "json");
  if (cell.credentials === "include") params.set("credentials", "include");
  return `/tester?${params.toString()}`;
}

/**
 * One request shape for one origin: the live verdict (and where it stopped),
 * the published allowlist's verdict beside it, DRIFT when they disagree; a
 * blocked or unreachable cell opens to the probe's message and fix.
 */
export function MatrixCell({ cell, url, origin, whyAlign = "left" }: { cell: MigrationCell; url: string; origin: string; whyAlign?: "left" | "right" }) {
  const { live } = cell;
  const tone = live.verdict === "allowed" ? "green" : live.verdict === "blocked" ? "red" : "amber";
  const stage = live.verdict === "blocked" && live.stage ? ` at ${live.stage}` : "";
  const authFirst = authAnsweredPreflight(live);
  // Required in several engines: the engine that blocks (the cell's verdict is the strictest), and why.
  const blockedIn = live.verdict === "blocked" && (live.engines?.length ?? 0) > 1 ? (live.engines?.find((e) => !e.passed) ?? null) : null;
  const detail = live.verdict === "unreachable" ? live.error : authFirst ? AUTH_BEFORE_CORS_TEXT : live.failure ? live.failure.message : null;
  return (
    <div className="flex min-w-0 flex-col items-start gap-1 text-xs" data-testid="matrix-cell" data-shape={cell.shape} data-origin={cell.origin} data-live={live.verdict} data-drift={cell.drift ?? ""} data-diagnosis={authFirst ? "auth-before-cors" : ""}>
      <div className="flex flex-wrap items-center gap-1">
        <Badge tone={tone}>
          {live.verdict}
          {stage}
        </Badge>
        {authFirst ? <Badge tone="red">auth before CORS</Badge> : null}
        {cell.drift ? (
          <span title={DRIFT_TEXT[cell.drift]}>
            <Badge tone="amber">DRIFT</Badge>
          </span>
        ) : null}
      </div>
      {live.verdict === "allowed" && !live.actualChecked ? <span className="text-slate-500">preflight only; actual not checked</span> : null}
      <span className="text-slate-600">
        allowlist: <span className={cell.allowlist?.verdict === "allowed" ? "text-green-800" : cell.allowlist ? "text-red-800" : "text-slate-500"}>{cell.allowlist?.verdict ?? "not published"}</span>
        {cell.draft && cell.draft.verdict !== cell.allowlist?.verdict ? <span className="text-slate-500"> · draft: {cell.draft.verdict}</span> : null}
      </span>
      {detail || cell.drift ? (
        // The explanation opens over its neighbours, a readable width wide: inside a matrix cell it was one or two words a line.
        <details className="relative w-full min-w-0">
          <summary className="cursor-pointer text-indigo-700 hover:underline">Why?</summary>
          <div
            className={`absolute top-full z-20 mt-1 flex w-72 max-w-[calc(100vw-3rem)] flex-col gap-1 rounded border border-slate-200 bg-slate-50 p-2 text-slate-700 shadow-lg ${whyAlign === "right" ? "right-0" : "left-0"}`}
          >
            {blockedIn ? (
              <p className="break-words font-medium" data-testid="blocked-engine">
                Blocked in {blockedIn.name}: {blockedIn.why}
              </p>
            ) : null}
            {detail ? <p className="break-words">{detail}</p> : null}
            {live.failure?.fix && live.verdict === "blocked" && !authFirst ? (
              <p className="break-words">
                <span className="font-medium">Fix:</span> {live.failure.fix}
              </p>
            ) : null}
            {cell.drift ? <p className="break-words text-amber-900">{DRIFT_TEXT[cell.drift]}</p> : null}
          </div>
        </details>
      ) : null}
      <a href={testerHref(url, origin, cell)} className="text-indigo-700 hover:underline">
        Open in tester
      </a>
    </div>
  );
}
