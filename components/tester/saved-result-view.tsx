"use client";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ErrorState, Loading } from "@/components/ui/states";
import { useProbeRecord } from "@/lib/queries/tester";
import { RunResult } from "./run-result";
import { runAgainOmissions, searchParamsFromRequest } from "./tester-form";
import type { TesterRun } from "./tester-run";

const CREDENTIALS_LABEL = (c: string | undefined) => c ?? "omit";

/** A saved run, read-only, with who saved it and when, and "Run again" (the tester prefilled). */
export function SavedResultView({ id }: { id: string }) {
  const query = useProbeRecord(id);
  if (query.isPending) return <Loading label="Loading the saved result…" />;
  if (query.isError) return <ErrorState error={query.error} />;
  const record = query.data.record;
  const run: TesterRun = {
    mode: record.mode,
    request: record.request,
    browser: record.browser,
    probe: record.result ? { status: "done", result: record.result } : { status: "refused", httpStatus: 0, code: "", message: "It was refused or unavailable when this result was saved; only the browser's outcome was kept." },
  };
  const headers = Object.entries(record.request.headers);
  const omitted = runAgainOmissions(record.request);
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <Card
        title={<span className="break-words">{record.title ?? `${record.request.method} ${record.request.url}`}</span>}
        actions={
          <Link href={`/tester?${searchParamsFromRequest(record.request, record.mode).toString()}`} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700">
            Run again
          </Link>
        }
      >
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[minmax(0,10rem)_minmax(0,1fr)]" data-testid="saved-meta">
          <dt className="text-slate-500">Saved by</dt>
          <dd className="break-words">
            {record.createdBy} on {new Date(record.createdAt).toLocaleString()}
          </dd>
          <dt className="text-slate-500">Mode</dt>
          <dd>{record.mode === "browser" ? `Run in ${record.createdBy}'s browser (as reported by it), probed by Corsboard alongside` : "Probe as another origin"}</dd>
          <dt className="text-slate-500">Request</dt>
          <dd className="break-all font-mono text-xs">
            {record.request.method} {record.request.url}
          </dd>
          <dt className="text-slate-500">Origin</dt>
          <dd className="break-all font-mono text-xs">{record.request.origin}</dd>
          <dt className="text-slate-500">Credentials</dt>
          <dd>{CREDENTIALS_LABEL(record.request.browserCredentials ?? record.request.credentials)}</dd>
          {record.mode === "browser" ? (
            <>
              <dt className="text-slate-500">Preflight cache</dt>
              <dd>{record.request.browserCache === "default" ? "reused when cached (cache: default)" : "fresh preflight (cache: no-store)"}</dd>
            </>
          ) : null}
          {headers.length > 0 ? (
            <>
              <dt className="text-slate-500">Headers</dt>
              <dd className="break-all font-mono text-xs">
                {headers.map(([n, v]) => (
                  <div key={n}>
                    {n}: {v}
                  </div>
                ))}
              </dd>
            </>
          ) : null}
          {record.request.body ? (
            <>
              <dt className="text-slate-500">Body</dt>
              <dd className="break-all font-mono text-xs whitespace-pre-wrap">{record.request.body.text || "(empty)"}</dd>
            </>
          ) : null}
        </dl>
        {omitted.headers.length > 0 || omitted.bodyBytes !== null ? (
          <p className="mt-3 break-words text-xs text-slate-600" data-testid="run-again-note">
            {omitted.headers.length > 0 ? `Credentials are never kept in saved results: “Run again” leaves ${omitted.headers.join(", ")} empty — fill in the value before running. ` : ""}
            {omitted.bodyBytes !== null ? `The body (${Math.ceil(omitted.bodyBytes / 1024)} KiB) is too long for the link: paste it again before running.` : ""}
          </p>
        ) : null}
      </Card>
      <RunResult run={run} reportedBy={record.mode === "browser" ? record.createdBy : undefined} />
    </div>
  );
}
