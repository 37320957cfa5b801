"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { draftsLackingNewOrigin, type ApplyMigrationResult, type MigrationDraftState, type MigrationReport } from "@/lib/api/schemas/migration-check";
import { ApiError } from "@/lib/queries/api-fetch";
import { useApplyMigrationFix } from "@/lib/queries/migrations";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";
import { TextField } from "@/components/ui/text-field";
import { errorsByField } from "@/components/projects/form-errors";
import { useNow } from "@/components/editor/use-now";

const enc = encodeURIComponent;

/**
 * The one-click fix: add the new origin to every draft of the report that
 * lacks it, optionally expiring the old origin on a date. Drafts only: each
 * environment is then reviewed and published from its editor. What is
 * offered comes from the drafts as they are now (`drafts`, read with the
 * report), not from the report's snapshot: after an apply the count drops
 * and, at 0, the button gives way to "All drafts have the new origin".
 */
export function ApplyPanel({ report, drafts, canEdit }: { report: MigrationReport; drafts: readonly MigrationDraftState[]; canEdit: boolean }) {
  const apply = useApplyMigrationFix(report.id);
  const now = useNow();
  const [expireOldOn, setExpireOldOn] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [result, setResult] = useState<ApplyMigrationResult | null>(null);
  const lacking = draftsLackingNewOrigin(drafts);
  // An expiry only means something where the old origin is listed.
  const oldListed = drafts.some((d) => d.exists && !d.archived && !d.hasNewOrigin && d.hasOldOrigin);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    setMessage(null);
    try {
      setResult(await apply.mutateAsync(expireOldOn ? { expireOldOn } : {}));
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = errorsByField(error);
        setErrors(fields);
        if (Object.keys(fields).length === 0) setMessage(error.message);
      } else setMessage("The drafts could not be changed. Try again.");
    }
  }

  const tomorrow = new Date(now + 86_400_000).toISOString().slice(0, 10);
  return (
    <div className="flex flex-col gap-3">
      <DraftStates report={report} drafts={drafts} />
      {!canEdit ? <p className="text-sm text-slate-600">Editors can add the new origin to the drafts from here.</p> : null}
      {canEdit && lacking === 0 ? (
        <p role="status" className="text-sm font-medium text-green-800">
          All drafts have the new origin.
        </p>
      ) : null}
      {canEdit && lacking > 0 ? (
      <form onSubmit={onSubmit} noValidate aria-label="Add new origin to drafts" className="flex flex-wrap items-end gap-3">
        {oldListed ? (
        <TextField
          label="Expire the old origin on (optional)"
          type="date"
          min={tomorrow}
          value={expireOldOn}
          onChange={(e) => setExpireOldOn(e.target.value)}
          error={errors["body.expireOldOn"]}
          hint="The old origin keeps working until 00:00 UTC of that day."
          className="w-full sm:w-72"
        />
        ) : (
          <p className="text-sm text-slate-600">The old origin isn&apos;t listed in the drafts that lack the new one, so there is nothing to expire.</p>
        )}
        <Button type="submit" busy={apply.isPending}>
          Add new origin to {lacking} draft{lacking === 1 ? "" : "s"}
        </Button>
      </form>
      ) : null}
      {canEdit && lacking > 0 ? <p className="text-xs text-slate-600">Changes drafts only, in one step for all environments; review and publish each one from its editor (protected environments go through approval).</p> : null}
      {message ? <Alert tone="error">{message}</Alert> : null}
      {result ? (
        <div role="status" aria-label="What was changed" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          <ul className="flex flex-col gap-1">
            {result.environments.map((e) => (
              <li key={`${e.project}/${e.environment}`} className="break-words">
                <span className="font-medium">
                  {e.project} / {e.environment}:
                </span>{" "}
                {e.status === "added" ? `new origin added (draft revision ${e.revision})` : "already there"}
                {e.oldExpiresAt ? `; old origin expires ${e.oldExpiresAt.slice(0, 10)}` : ""}
                {e.oldNotListed ? "; the old origin is not listed in this draft, so no expiry was set" : ""}
                {e.status === "already-there" && !e.changed ? "; nothing changed" : ""}.{" "}
                <Link href={`/projects/${enc(e.project)}/${enc(e.environment)}`} className="font-medium text-indigo-700 underline">
                  Review and publish
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** One line per environment: does its draft have the new origin now, and what about the old one? */
function DraftStates({ report, drafts }: { report: MigrationReport; drafts: readonly MigrationDraftState[] }) {
  return (
    <div className="flex flex-col gap-1">
    <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">The drafts now</h3>
    <ul aria-label="Drafts now" className="flex flex-col gap-1 text-sm">
      {drafts.map((d) => (
        <li key={`${d.project}/${d.environment}`} data-testid="draft-state" className="break-words">
          <span className="font-medium text-slate-800">
            {d.project} / {d.environment}:
          </span>{" "}
          {!d.exists ? (
            <span className="text-slate-600">deleted since the check</span>
          ) : (
            <>
              <span className={d.hasNewOrigin ? "text-green-800" : "text-amber-800"}>{d.hasNewOrigin ? "draft has the new origin" : "draft lacks the new origin"}</span>
              <span className="text-slate-600">
                {d.hasOldOrigin ? (d.oldExpiresAt ? `; old origin expires ${d.oldExpiresAt.slice(0, 10)}` : "; old origin still listed, no expiry") : `; ${report.oldOrigin} not listed`}
                {d.archived ? "; project archived" : ""}
              </span>
              {d.hasNewOrigin ? (
                <>
                  {" "}
                  <Link href={`/projects/${enc(d.project)}/${enc(d.environment)}`} className="text-indigo-700 underline">
                    Review and publish
                  </Link>
                </>
              ) : null}
            </>
          )}
        </li>
      ))}
    </ul>
    </div>
  );
}
