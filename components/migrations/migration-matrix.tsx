"use client";
import Link from "next/link";
import { MIGRATION_SHAPES, type EndpointClass, type MigrationDraftState, type MigrationReport, type MigrationRow } from "@/lib/api/schemas/migration-check";
import { Badge } from "@/components/ui/badge";
import { MatrixCell } from "@/components/migrations/matrix-cell";
import { BreakableUrl } from "@/components/ui/breakable-url";

export const SHAPE_LABELS = { "simple-get": "Simple GET", "json-post": "JSON POST", "credentialed-get": "GET + credentials" } as const;

export const CLASS_BADGES: Record<EndpointClass, { label: string; tone: "green" | "amber" | "red" | "neutral" | "indigo" }> = {
  ready: { label: "ready", tone: "green" },
  "old-only": { label: "old only", tone: "red" },
  neither: { label: "neither", tone: "neutral" },
  partial: { label: "partial", tone: "amber" },
  "auth-before-cors": { label: "auth before CORS", tone: "red" },
  unreachable: { label: "unreachable", tone: "amber" },
};

const enc = encodeURIComponent;

/**
 * Whether the environment's draft has the new origin: as the draft is now
 * (`drafts`, read with the report), not as it was when the check ran — an
 * apply since then would otherwise leave "lacks" standing beside "All drafts
 * have the new origin". Without current states, the check's snapshot, said as such.
 */
function draftWords(scope: MigrationReport["scope"][number], drafts: readonly MigrationDraftState[] | undefined): string {
  if (!drafts) return `draft ${scope.draftHasNewOrigin ? "had" : "lacked"} the new origin at the check`;
  const now = drafts.find((d) => d.project === scope.project && d.environment === scope.environment);
  if (!now || !now.exists) return "environment deleted since the check";
  return `draft ${now.hasNewOrigin ? "has" : "lacks"} the new origin`;
}

function EndpointHeader({ row }: { row: MigrationRow }) {
  const badge = CLASS_BADGES[row.class];
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <code className="text-xs text-slate-900">
        <BreakableUrl value={row.url} />
      </code>
      <div className="flex flex-wrap gap-1">
        <Badge tone={badge.tone}>{badge.label}</Badge>
        {row.drift ? <Badge tone="amber">DRIFT</Badge> : null}
      </div>
      {row.unreachable ? <p className="break-words text-xs text-amber-900">{row.unreachable}</p> : null}
    </div>
  );
}

/**
 * The matrix: endpoints grouped by project/environment; per endpoint, each
 * request shape as the old and the new origin. A table on wide screens,
 * one card per endpoint on narrow ones (no sideways scrolling).
 */
export function MigrationMatrix({ report, drafts }: { report: MigrationReport; drafts?: readonly MigrationDraftState[] }) {
  const groups = report.scope.map((scope) => ({ scope, rows: report.rows.filter((r) => r.project === scope.project && r.environment === scope.environment) }));
  const originOf = (role: "old" | "new") => (role === "old" ? report.oldOrigin : report.newOrigin);
  return (
    <div className="flex flex-col gap-6">
      {groups.map(({ scope, rows }) => (
        <section key={`${scope.project}/${scope.environment}`} aria-label={`${scope.project} / ${scope.environment}`} data-testid="matrix-group" className="flex min-w-0 flex-col gap-2">
          <header className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="min-w-0 [overflow-wrap:anywhere] text-sm font-semibold text-slate-900">
              {scope.projectName} <span className="font-normal text-slate-500">/</span> {scope.environmentName}
            </h3>
            <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
              <span>{scope.liveVersion === null ? "nothing published" : `compared with v${scope.liveVersion}`}</span>
              <span data-testid="matrix-draft-state">· {draftWords(scope, drafts)}</span>
              <Link href={`/projects/${enc(scope.project)}/${enc(scope.environment)}`} className="font-medium text-indigo-700 hover:underline">
                Open editor
              </Link>
            </div>
          </header>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600">No endpoints: this environment has no base URLs.</p>
          ) : (
            <>
              <table className="hidden w-full table-fixed border-collapse text-left md:table">
                <thead>
                  <tr className="border-b border-slate-200 text-xs text-slate-600">
                    <th scope="col" className="w-[22%] py-2 pr-2 font-medium">
                      Endpoint
                    </th>
                    {MIGRATION_SHAPES.flatMap((shape) =>
                      (["old", "new"] as const).map((role) => (
                        <th key={`${shape}-${role}`} scope="col" className="px-1 py-2 font-medium">
                          {SHAPE_LABELS[shape]}
                          <span className="block font-normal text-slate-500">{role} origin</span>
                        </th>
                      )),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.url} data-testid="matrix-row" data-class={row.class} data-url={row.url} className="border-b border-slate-100 align-top">
                      <th scope="row" className="py-2 pr-2 font-normal">
                        <EndpointHeader row={row} />
                      </th>
                      {MIGRATION_SHAPES.flatMap((shape, i) =>
                        (["old", "new"] as const).map((role) => {
                          const cell = row.cells.find((c) => c.shape === shape && c.origin === role);
                          // Explanations of the right half open leftwards, so they stay on the page.
                          const align = i * 2 + (role === "new" ? 1 : 0) >= MIGRATION_SHAPES.length ? "right" : "left";
                          return <td key={`${shape}-${role}`} className="px-1 py-2">{cell ? <MatrixCell cell={cell} url={row.url} origin={originOf(role)} whyAlign={align} /> : null}</td>;
                        }),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
              <ul className="flex flex-col gap-3 md:hidden">
                {rows.map((row) => (
                  <li key={row.url} className="rounded-md border border-slate-200 p-3">
                    <EndpointHeader row={row} />
                    <dl className="mt-2 flex flex-col gap-2">
                      {MIGRATION_SHAPES.map((shape) => (
                        <div key={shape} className="min-w-0">
                          <dt className="text-xs font-medium text-slate-700">{SHAPE_LABELS[shape]}</dt>
                          <dd className="mt-1 grid grid-cols-2 gap-2">
                            {(["old", "new"] as const).map((role) => {
                              const cell = row.cells.find((c) => c.shape === shape && c.origin === role);
                              return (
                                <div key={role} className="min-w-0">
                                  <span className="text-[11px] uppercase tracking-wide text-slate-500">{role}</span>
                                  {cell ? <MatrixCell cell={cell} url={row.url} origin={originOf(role)} whyAlign={role === "new" ? "right" : "left"} /> : null}
                                </div>
                              );
                            })}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ))}
    </div>
  );
}
