"use client";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { lintFindingSchema, publishRequestSchema, type Draft } from "@/lib/api/schemas/editing";
import { ApiError } from "@/lib/queries/api-fetch";
import { environmentPath, usePublish, type PublishResult } from "@/lib/queries/drafts";
import type { SavedCheckPredictions } from "@/lib/api/schemas/saved-check";
import { apiFetch } from "@/lib/queries/api-fetch";
import { environmentHref } from "@/components/editor/environment-header";
import { FindingList } from "@/components/editor/finding-list";
import { PolicyDiffView } from "@/components/editor/policy-diff";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/states";
import { PublishCheckImpact, usePublishCheckImpact } from "@/components/saved-checks/publish-check-impact";

/** What saving the working copy gave: the saved draft, or why it was not saved. */
export type SaveOutcome = { draft: Draft } | { error: string };

/** How a published version reaches services (the config server pushes it; SDK clients hold an SSE stream). */
const PROPAGATION = "Services using the SDK follow within about a second (pushed over SSE); services that poll the config API pick it up at their polling interval.";

/**
 * Publish the saved draft: shows the diff against the live version and the
 * lint findings (errors block), asks for a message, and creates the version —
 * or, in a protected environment, a change request for a second person.
 * With unsaved edits it offers "Save and publish": one save (a new revision),
 * then the publish of exactly that revision — still refused on lint errors,
 * and stopped for review if the saved draft would break a saved check.
 */
export function PublishDialog({
  open,
  onClose,
  draft,
  environmentName,
  dirty,
  onSave,
  saveNow,
  workingErrors,
  saving,
}: {
  open: boolean;
  onClose: () => void;
  draft: Draft;
  environmentName: string;
  dirty: boolean;
  onSave: () => void;
  saveNow: () => Promise<SaveOutcome>;
  workingErrors: number;
  saving: boolean;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={draft.protected ? `Request publishing to ${environmentName}` : `Publish ${environmentName}`}
      description={
        draft.protected
          ? `${environmentName} is protected: publishing creates a change request that a second person must approve.`
          : PROPAGATION
      }
    >
      <PublishForm draft={draft} environmentName={environmentName} dirty={dirty} onSave={onSave} saveNow={saveNow} workingErrors={workingErrors} saving={saving} onClose={onClose} />
    </Dialog>
  );
}

function PublishForm({
  draft,
  environmentName,
  dirty,
  onSave,
  saveNow,
  workingErrors,
  saving,
  onClose,
}: {
  draft: Draft;
  environmentName: string;
  dirty: boolean;
  onSave: () => void;
  saveNow: () => Promise<SaveOutcome>;
  workingErrors: number;
  saving: boolean;
  onClose: () => void;
}) {
  const id = useId();
  const publish = usePublish(draft.project, draft.environment);
  const [message, setMessage] = useState("");
  const [messageError, setMessageError] = useState<string | null>(null);
  const [result, setResult] = useState<PublishResult | null>(null);
  const [error, setError] = useState<{ text: string; findings?: Draft["findings"] } | null>(null);

  const errors = draft.findings.filter((f) => f.severity === "error");
  const others = draft.findings.filter((f) => f.severity !== "error");
  // Protected environments hold one open change request at a time.
  const waiting = draft.protected && draft.pendingChangeRequest !== null;
  // Saved checks this publish would break: ask for "Publish anyway" first.
  const checkImpact = usePublishCheckImpact(draft.project, draft.environment, draft.revision, !dirty && !draft.diff.empty);
  const blocked = dirty ? workingErrors > 0 || waiting : errors.length > 0 || draft.diff.empty || waiting || checkImpact.mustConfirm;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = publishRequestSchema.safeParse({ message, revision: draft.revision });
    if (!parsed.success) {
      setMessageError(parsed.error.issues[0]?.message ?? "Enter a message.");
      return;
    }
    setMessageError(null);
    setError(null);
    let revision = parsed.data.revision;
    if (dirty) {
      // Save and publish: the save makes one revision; the publish names it, so a
      // save by someone else in between is a 409, never a silent publish of theirs.
      const saved = await saveNow();
      if ("error" in saved) {
        setError({ text: saved.error });
        return;
      }
      revision = saved.draft.revision;
      if (saved.draft.diff.empty) return setError({ text: `Saved as revision ${revision}; nothing to publish: it is the same as the live version.` });
      if (saved.draft.findings.some((f) => f.severity === "error")) return setError({ text: `Saved as revision ${revision}, not published: errors block publishing (listed below).` });
      const breaking = await breakingChecks(draft.project, draft.environment);
      // The dialog now shows the saved revision with the checks it breaks: confirm there first.
      if (breaking > 0) return setError({ text: `Saved as revision ${revision}, not published yet: it would break ${breaking === 1 ? "a saved check" : `${breaking} saved checks`} (below). Tick “Publish anyway” to go ahead.` });
    }
    try {
      setResult(await publish.mutateAsync({ ...parsed.data, revision }));
    } catch (e) {
      setError(describePublishError(e));
    }
  }

  if (result) return <PublishDone result={result} environmentName={environmentName} historyHref={environmentHref(draft.project, draft.environment, "history")} onClose={onClose} />;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Publish" className="flex flex-col gap-4">
      {dirty ? (
        <Alert tone={workingErrors > 0 ? "error" : "info"}>
          <p>
            {workingErrors > 0
              ? `You have unsaved changes with ${workingErrors === 1 ? "an error that blocks" : `${workingErrors} errors that block`} publishing: fix ${workingErrors === 1 ? "it" : "them"} in the editor first.`
              : `You have unsaved changes. “${draft.protected ? "Save and request approval" : "Save and publish"}” saves them as a new draft revision and ${draft.protected ? "asks for approval of" : "publishes"} exactly that revision, in one step: errors stop it, and if it would break a saved check you confirm first. To review the diff against live before that, save the draft only.`}
          </p>
          <Button type="button" variant="secondary" className="mt-2" onClick={onSave} busy={saving}>
            Save draft only
          </Button>
        </Alert>
      ) : null}
      {draft.pendingChangeRequest ? (
        <Alert tone={waiting ? "warning" : "info"}>
          A change request for {environmentName} is already waiting for approval
          {waiting ? ": it must be approved, rejected or withdrawn before another one" : ""}.{" "}
          <Link href="/approvals" className="font-medium underline">
            See approvals
          </Link>
        </Alert>
      ) : null}

      {/* The diff and findings below are the saved draft's: with unsaved edits they would show the wrong content. */}
      {dirty ? null : (
      <>
      <section aria-labelledby={`${id}-diff`}>
        <h3 id={`${id}-diff`} className="mb-2 text-sm font-semibold text-slate-900">
          {draft.liveVersion === null ? "Changes (nothing is live yet: this becomes version 1)" : `Changes against the live version v${draft.liveVersion}`}
        </h3>
        <PolicyDiffView diff={draft.diff} emptyText="Nothing to publish: the saved draft is the same as the live version." />
      </section>

      <section aria-labelledby={`${id}-lint`}>
        <h3 id={`${id}-lint`} className="mb-2 text-sm font-semibold text-slate-900">
          Checks
        </h3>
        {draft.findings.length === 0 ? <p className="text-sm text-green-800">✓ No findings.</p> : null}
        {errors.length > 0 ? (
          <div className="mb-2">
            <Alert tone="error">
              {errors.length === 1 ? "1 error blocks" : `${errors.length} errors block`} publishing. Fix {errors.length === 1 ? "it" : "them"} in the editor and save.
            </Alert>
          </div>
        ) : null}
        <FindingList findings={[...errors, ...others]} />
      </section>
      </>
      )}

      <PublishCheckImpact impact={checkImpact} />

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-message`} className="text-sm font-medium text-slate-800">
          Message
        </label>
        <textarea
          id={`${id}-message`}
          value={message}
          onChange={(e) => {
            setMessage(e.target.value);
            if (messageError && e.target.value.trim()) setMessageError(null);
          }}
          rows={2}
          maxLength={500}
          required
          aria-invalid={messageError ? true : undefined}
          aria-describedby={`${id}-message-hint${messageError ? ` ${id}-message-error` : ""}`}
          className={`w-full min-w-0 rounded-md border px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500 ${messageError ? "border-red-500" : "border-slate-300"}`}
        />
        <p id={`${id}-message-hint`} className="text-xs text-slate-600">
          What changed and why, in a few words; it goes in the history.
        </p>
        {messageError ? (
          <p id={`${id}-message-error`} role="alert" className="text-xs text-red-700">
            {messageError}
          </p>
        ) : null}
      </div>

      {error ? (
        <Alert tone="error">
          <p>{error.text}</p>
          {error.findings ? <FindingList findings={error.findings} /> : null}
        </Alert>
      ) : null}

      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={blocked} busy={publish.isPending || saving}>
          {dirty ? (draft.protected ? "Save and request approval" : "Save and publish") : draft.protected ? "Request approval" : "Publish"}
        </Button>
      </div>
    </form>
  );
}

function describePublishError(error: unknown): { text: string; findings?: Draft["findings"] } {
  if (!(error instanceof ApiError)) return { text: "Publishing failed. Check your connection and try again." };
  switch (error.problem.code) {
    case "lint_errors": {
      const parsed = lintFindingSchema.array().safeParse(error.problem.findings);
      return { text: error.message || "The draft has errors that block publishing.", ...(parsed.success ? { findings: parsed.data } : {}) };
    }
    case "nothing_to_publish":
      return { text: "Nothing to publish: the draft is the same as the live version." };
    case "stale_revision":
      return { text: "Someone saved this draft after you opened this dialog. Close it, review the draft, and publish again." };
    default:
      return { text: error.message };
  }
}

function PublishDone({ result, environmentName, historyHref, onClose }: { result: PublishResult; environmentName: string; historyHref: string; onClose: () => void }) {
  return (
    <div className="flex flex-col gap-4">
      {result.kind === "published" ? (
        <Alert tone="success">
          <p className="font-medium">Published {environmentName} v{result.version.number}.</p>
          <p>{PROPAGATION}</p>
        </Alert>
      ) : (
        <Alert tone="info">
          <p className="font-medium">Change request created. Waiting for approval by a second person.</p>
          <p>Nothing changes in {environmentName} until someone other than you approves it.</p>
        </Alert>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        {result.kind === "published" ? (
          <Link href={historyHref} className="rounded-md px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
            See history
          </Link>
        ) : (
          <Link href="/approvals" className="rounded-md px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
            See approvals
          </Link>
        )}
        <Button type="button" onClick={onClose}>
          Done
        </Button>
      </div>
    </div>
  );
}

/** How many saved checks the saved draft would break (the same prediction the dialog shows); a failed prediction never blocks. */
async function breakingChecks(project: string, environment: string): Promise<number> {
  try {
    const result = await apiFetch<SavedCheckPredictions>(`${environmentPath(project, environment)}/checks/predict`);
    return result.predictions.filter((p) => p.impact === "breaks").length;
  } catch {
    return 0;
  }
}
