"use client";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { ApiError } from "@/lib/queries/api-fetch";
import type { PublishResult } from "@/lib/queries/drafts";
import { useMe } from "@/lib/queries/users";
import { useRollback, useRollbackPreview, useVersion, useVersions, type VersionSummary } from "@/lib/queries/versions";
import { EnvironmentHeader, environmentHref, useEnvironmentNames } from "@/components/editor/environment-header";
import { formatCount, formatTime } from "@/components/editor/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { PolicyDiffView } from "@/components/editor/policy-diff";
import { PublishCheckImpact, useCheckImpact } from "@/components/saved-checks/publish-check-impact";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, ErrorState, Loading } from "@/components/ui/states";

/** The history page: every version with author, time, message and diff; roll back to any of them. */
export function VersionHistory({ project, environment }: { project: string; environment: string }) {
  const versions = useVersions(project, environment);
  const me = useMe();
  const names = useEnvironmentNames(project, environment);
  const canEdit = me.data?.role === "editor" || me.data?.role === "admin";

  let body;
  if (versions.isPending) body = <Loading label="Loading versions…" />;
  else if (versions.error) {
    body =
      versions.error instanceof ApiError && versions.error.status === 404 ? (
        <Alert tone="warning">
          There is no environment “{environment}” in project “{project}”. <Link href="/" className="font-medium underline">Back to projects</Link>
        </Alert>
      ) : (
        <ErrorState error={versions.error} retry={() => void versions.refetch()} />
      );
  } else if (versions.data.versions.length === 0) {
    body = (
      <EmptyState title="Nothing published yet">
        Edit the <Link href={environmentHref(project, environment)} className="font-medium text-indigo-700 underline">draft</Link> and publish it: each
        publication becomes a version here.
      </EmptyState>
    );
  } else {
    const live = versions.data.versions[0]!.number;
    body = (
      <ol className="flex flex-col gap-3" aria-label="Versions, newest first">
        {versions.data.versions.map((v) => (
          <VersionItem
            key={v.number}
            project={project}
            environment={environment}
            environmentName={names.environmentName}
            isProtected={!!names.protected}
            version={v}
            live={v.number === live}
            canRollback={canEdit}
          />
        ))}
      </ol>
    );
  }

  return (
    <>
      <EnvironmentHeader project={project} environment={environment} current="history" />
      {body}
    </>
  );
}

function VersionItem({
  project,
  environment,
  environmentName,
  isProtected,
  version,
  live,
  canRollback,
}: {
  project: string;
  environment: string;
  environmentName: string;
  isProtected: boolean;
  version: VersionSummary;
  live: boolean;
  canRollback: boolean;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<PublishResult | null>(null);
  const detail = useVersion(project, environment, version.number, open);

  return (
    <li className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-labelledby={`${id}-title`} data-testid="version">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2 p-4">
        <div className="min-w-0 flex-1 basis-64">
          <h2 id={`${id}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
            <span>v{version.number}</span>
            {live ? <Badge tone="green">live</Badge> : null}
            <span className="min-w-0 break-words font-normal text-slate-800">{version.message}</span>
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {version.author ?? "unknown author"} · <RelativeTime iso={version.createdAt} />{" "}
            <span className="text-slate-500">({formatTime(version.createdAt)})</span> · {formatCount(version.originCount, "origin")}
            {version.rollbackOf !== null ? ` · rollback to v${version.rollbackOf}` : ""}
            {version.approvedBy ? ` · approved by ${version.approvedBy}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" aria-expanded={open} aria-controls={`${id}-changes`} onClick={() => setOpen((v) => !v)}>
            {open ? "Hide changes" : "Show changes"}
            <span className="sr-only"> of v{version.number}</span>
          </Button>
          {canRollback && !live && !confirming && !result ? (
            <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
              Roll back to this version<span className="sr-only"> (v{version.number})</span>
            </Button>
          ) : null}
        </div>
      </div>

      {confirming ? (
        <RollbackForm
          project={project}
          environment={environment}
          environmentName={environmentName}
          isProtected={isProtected}
          number={version.number}
          onCancel={() => setConfirming(false)}
          onDone={(r) => {
            setResult(r);
            setConfirming(false);
          }}
        />
      ) : null}
      {result ? (
        <div className="px-4 pb-4">
          {result.kind === "published" ? (
            <Alert tone="success">
              Rolled back: published v{result.version.number} with the content of v{version.number}.
            </Alert>
          ) : (
            <Alert tone="info">
              <p className="font-medium">Change request created. Waiting for approval by a second person.</p>
              <p>
                {environmentName} is protected: the rollback goes live when someone other than you approves it. <Link href="/approvals" className="font-medium underline">See approvals</Link>
              </p>
            </Alert>
          )}
        </div>
      ) : null}

      {open ? (
        <div id={`${id}-changes`} className="border-t border-slate-200 p-4">
          {detail.isPending ? (
            <Loading label="Loading changes…" />
          ) : detail.error ? (
            <ErrorState error={detail.error} retry={() => void detail.refetch()} />
          ) : (
            <>
              <h3 className="mb-2 text-sm font-semibold text-slate-900">{version.number === 1 ? "First version" : `Changes since v${version.number - 1}`}</h3>
              <PolicyDiffView diff={detail.data.diff} emptyText="Same content as the version before (republished)." />
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer font-medium text-indigo-700">All {formatCount(detail.data.content.origins.length, "origin")} of v{version.number}</summary>
                {detail.data.content.origins.length === 0 ? (
                  <p className="mt-1 text-slate-600">No origins: nothing was allowed cross-origin.</p>
                ) : (
                  <ul className="mt-1 max-h-80 overflow-y-auto rounded border border-slate-200 p-2">
                    {detail.data.content.origins.map((o) => (
                      <li key={o.value} className="break-all font-mono text-slate-800">
                        {o.value}
                        {o.note ? <span className="ml-2 font-sans text-xs text-slate-600">{o.note}</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </details>
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}

function RollbackForm({
  project,
  environment,
  environmentName,
  isProtected,
  number,
  onCancel,
  onDone,
}: {
  project: string;
  environment: string;
  environmentName: string;
  isProtected: boolean;
  number: number;
  onCancel: () => void;
  onDone: (result: PublishResult) => void;
}) {
  const id = useId();
  const rollback = useRollback(project, environment);
  // Rolling back makes old content live: warn about the saved checks it would break, like a publish.
  const checkImpact = useCheckImpact(project, environment, { kind: "version", number }, true);
  // …and what it changes against the live version, the same diff a publish shows.
  const preview = useRollbackPreview(project, environment, number);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (checkImpact.mustConfirm) return;
      onDone(await rollback.mutateAsync({ number, message: message.trim() || undefined }));
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === "nothing_to_publish") setError(`v${number} has the same content as the live version: nothing to roll back.`);
      else setError(e instanceof Error ? e.message : "The rollback failed.");
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label={`Roll back to v${number}`} className="mx-4 mb-4 flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm text-amber-950">
        {isProtected
          ? `This publishes the content of v${number} as a new version of ${environmentName} once a second person approves the change request.`
          : `This publishes the content of v${number} as a new version of ${environmentName} right away.`}
      </p>
      <section aria-labelledby={`${id}-diff`} className="min-w-0 rounded-md border border-slate-200 bg-white p-3">
        <h3 id={`${id}-diff`} className="mb-2 text-sm font-semibold text-slate-900">
          {preview.data?.liveVersion ? `Changes against the live version v${preview.data.liveVersion}` : "Changes"}
        </h3>
        {preview.isPending ? (
          <Loading label="Loading changes…" />
        ) : preview.error ? (
          <ErrorState error={preview.error} retry={() => void preview.refetch()} />
        ) : (
          <PolicyDiffView diff={preview.data.diff} emptyText={`v${number} has the same content as the live version: nothing would change.`} />
        )}
      </section>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-message`} className="text-sm font-medium text-slate-800">
          Message <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <input
          id={`${id}-message`}
          value={message}
          maxLength={500}
          onChange={(e) => setMessage(e.target.value)}
          placeholder={`Roll back to v${number}`}
          className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500"
        />
      </div>
      <PublishCheckImpact impact={checkImpact} action="rollback" />
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={rollback.isPending} disabled={checkImpact.mustConfirm || preview.isPending || preview.data?.diff.empty === true}>
          {isProtected ? `Request rollback to v${number}` : `Roll back to v${number}`}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
