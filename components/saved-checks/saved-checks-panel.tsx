"use client";
import { useState } from "react";
import { engineListLabel } from "@/lib/api/schemas/engines";
import { methodHasSideEffects, type SavedCheck } from "@/lib/api/schemas/saved-check";
import { ApiError } from "@/lib/queries/api-fetch";
import { useProject } from "@/lib/queries/projects";
import { runAfterPublishExpected, useDeleteSavedCheck, useRunSavedChecks, useSavedChecks } from "@/lib/queries/saved-checks";
import { formatCount } from "@/components/editor/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Alert, ErrorState, Loading } from "@/components/ui/states";
import { headersSummary, requestSummary } from "./check-text";
import { SavedCheckForm } from "./saved-check-form";
import { SavedCheckResult } from "./saved-check-result";

/**
 * Saved checks of one environment: requests that must keep working (or stay
 * blocked), probed on demand and after every publish, with their last result.
 * Viewers see the results; editors add, edit, run and delete.
 */
export function SavedChecksPanel({ project, environment, readOnly, now }: { project: string; environment: string; readOnly: boolean; now: number }) {
  const list = useSavedChecks(project, environment);
  const projectDetail = useProject(project);
  const run = useRunSavedChecks(project, environment);
  const remove = useDeleteSavedCheck(project, environment);
  const [editing, setEditing] = useState<SavedCheck | "new" | null>(null);
  const [deleting, setDeleting] = useState<SavedCheck | null>(null);
  const [runningId, setRunningId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const checks = list.data?.checks ?? [];
  const max = list.data?.max ?? 50;
  const baseUrls = projectDetail.data?.project.environments.find((e) => e.slug === environment)?.baseUrls ?? [];
  const failing = checks.filter((c) => c.lastRun && !c.lastRun.passed).length;
  const waiting = runAfterPublishExpected(list.data, now);

  async function runChecks(id?: string) {
    setError(null);
    setRunningId(id ?? "all");
    try {
      await run.mutateAsync(id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Running the checks failed. Check your connection and try again.");
    } finally {
      setRunningId(null);
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    setError(null);
    try {
      await remove.mutateAsync(deleting.id);
      setDeleting(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Deleting failed. Check your connection and try again.");
      setDeleting(null);
    }
  }

  return (
    <Card
      title={`Saved checks${checks.length ? ` (${checks.length})` : ""}`}
      className="min-w-0"
      actions={
        !readOnly && checks.length > 0 ? (
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => void runChecks()} busy={runningId === "all"} disabled={runningId !== null}>
              Run all
            </Button>
            <Button type="button" onClick={() => setEditing("new")} disabled={checks.length >= max}>
              Add check
            </Button>
          </div>
        ) : undefined
      }
    >
      <section aria-label="Saved checks" className="flex min-w-0 flex-col gap-3" data-testid="saved-checks">
        {list.isPending ? (
          <Loading label="Loading saved checks…" />
        ) : list.error ? (
          <ErrorState error={list.error} retry={() => void list.refetch()} />
        ) : checks.length === 0 ? (
          <div className="flex flex-col gap-3 rounded-md border border-dashed border-slate-300 px-3 py-4 text-sm text-slate-700" data-testid="saved-checks-empty">
            <p>
              A saved check is a request that must keep working — or stay blocked — for example{" "}
              <span className="font-medium text-slate-900">“app.example.com can PUT JSON with credentials to /orders”</span>. Corsboard probes it from the server as a
              browser would, after every publish and whenever you run it, and the publish dialog warns before a change would break it.
            </p>
            {!readOnly ? (
              <div>
                <Button type="button" onClick={() => setEditing("new")}>
                  Add the first check
                </Button>
              </div>
            ) : null}
          </div>
        ) : (
          <>
            <p className="text-sm text-slate-700" data-testid="saved-checks-summary">
              {failing > 0 ? (
                <span className="font-semibold text-red-800">{formatCount(failing, "check")} failing</span>
              ) : (
                <span>{checks.every((c) => c.lastRun) ? "All checks pass." : "Run the checks to see where they stand."}</span>
              )}
              {waiting ? <span className="ml-2 text-slate-600">Checks run a few seconds after a publish…</span> : null}
            </p>
            <ul className="flex min-w-0 flex-col divide-y divide-slate-200" aria-label="Saved check list">
              {checks.map((c) => (
                <li key={c.id} className="flex min-w-0 flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:justify-between" data-testid="saved-check-row">
                  <div className="flex min-w-0 flex-1 flex-col gap-1">
                    <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                      <span className="min-w-0 break-words text-sm font-medium text-slate-900">{c.name}</span>
                      <Badge tone={c.expect === "allowed" ? "indigo" : "neutral"}>expect {c.expect}</Badge>
                      {c.credentials === "include" ? <Badge>credentials</Badge> : null}
                      <span data-testid="check-engines"><Badge>in {engineListLabel(c.engines)}</Badge></span>
                      {c.sendActual && methodHasSideEffects(c.method) ? <Badge tone="amber">sends the {c.method}</Badge> : null}
                    </div>
                    <p className="min-w-0 font-mono text-xs text-slate-700 wrap-anywhere">{requestSummary(c)}</p>
                    {Object.keys(c.headers).length > 0 ? (
                      <p className="min-w-0 font-mono text-[11px] text-slate-600 wrap-anywhere">{headersSummary(c.headers)}</p>
                    ) : null}
                    <SavedCheckResult check={c} />
                  </div>
                  {!readOnly ? (
                    <div className="flex shrink-0 flex-wrap gap-1">
                      <Button type="button" variant="secondary" onClick={() => void runChecks(c.id)} busy={runningId === c.id} disabled={runningId !== null} aria-label={`Run ${c.name}`}>
                        Run
                      </Button>
                      <Button type="button" variant="ghost" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                        Edit
                      </Button>
                      <Button type="button" variant="ghost" onClick={() => setDeleting(c)} aria-label={`Delete ${c.name}`}>
                        Delete
                      </Button>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
            {!readOnly && checks.length >= max ? <p className="text-xs text-slate-600">{max} checks is the most an environment can have.</p> : null}
          </>
        )}
        {error ? <Alert tone="error">{error}</Alert> : null}
      </section>

      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing === "new" ? "Add a saved check" : "Edit saved check"} description="Corsboard sends this request's preflight (and the request itself for GET and HEAD, or when you opt in) as a browser on the page's origin would.">
        {editing !== null ? (
          <SavedCheckForm project={project} environment={environment} check={editing === "new" ? undefined : editing} baseUrls={baseUrls} onDone={() => setEditing(null)} />
        ) : null}
      </Dialog>
      <Dialog open={deleting !== null} onClose={() => setDeleting(null)} title="Delete saved check?">
        <div className="flex flex-col gap-4">
          <p className="break-words text-sm text-slate-800">
            “{deleting?.name}” will no longer run after publishes. This cannot be undone.
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button type="button" variant="danger" onClick={() => void confirmDelete()} busy={remove.isPending}>
              Delete check
            </Button>
          </div>
        </div>
      </Dialog>
    </Card>
  );
}
