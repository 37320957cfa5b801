"use client";
import { useSearchParams } from "next/navigation";
import { useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { ApiError } from "@/lib/queries/api-fetch";
import { useProbe } from "@/lib/queries/tester";
import { usePermissions } from "@/lib/queries/permissions";
import { CopyRequest } from "./copy-request";
import { KeepAsCheck } from "./keep-as-check";
import { RecentRecords } from "./recent-records";
import { RequestForm } from "./request-form";
import { RunResult } from "./run-result";
import { runInBrowser } from "./run-in-browser";
import { SaveRun } from "./save-run";
import { buildFetchInit, buildProbeRequest, formFromSearchParams, originProblem, toProbeApiRequest, validateForm, type TesterForm, type TesterMode } from "./tester-form";
import type { ProbeState, TesterRun } from "./tester-run";

const MODES: { value: TesterMode; label: string }[] = [
  { value: "browser", label: "Run in this browser" },
  { value: "server", label: "Probe as another origin" },
];

/** The page's own origin; empty while rendering on the server. */
const usePageOrigin = () =>
  useSyncExternalStore(
    () => () => {},
    () => window.location.origin,
    () => "",
  );

/** What each mode really does, and where a request from another origin can be tested. */
function ModeDescription({ mode, pageOrigin }: { mode: TesterMode; pageOrigin: string }) {
  // inline-block: the origin moves to the next line whole, and breaks only when longer than a line.
  const dashboard = pageOrigin ? <span className="inline-block max-w-full font-mono [overflow-wrap:anywhere]">{pageOrigin}</span> : "this dashboard's origin";
  if (mode === "server") {
    return (
      <p className="text-sm text-slate-600" data-testid="mode-description">
        Only the server probe runs, sending any Origin you give — e.g. a domain that doesn&apos;t exist yet. No browser is involved: the verdict is what Chromium would decide, simulated.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-1 text-sm text-slate-600" data-testid="mode-description">
      <p>
        A real fetch() from this browser tab, so its Origin is the dashboard&apos;s: {dashboard}, not your app&apos;s. It shows whether your service accepts the dashboard.
      </p>
      <p>
        To test your app&apos;s origin: use <span className="font-medium">Probe as another origin</span> (the server sends that Origin), or <span className="font-medium">Copy as fetch()</span> and paste it in the
        DevTools console of a page of your app — the only way to send it from that origin in a real browser.
      </p>
    </div>
  );
}

function refusal(error: unknown): ProbeState {
  if (error instanceof ApiError) {
    // The field messages often repeat the detail (the SSRF refusal does): show each text once.
    const fields = (error.problem.errors ?? []).map((e) => e.message).filter((m, i, all) => m !== error.message && all.indexOf(m) === i).join(" ");
    return { status: "refused", httpStatus: error.status, code: error.problem.code ?? "", message: [error.message, fields].filter(Boolean).join(" ") };
  }
  return { status: "refused", httpStatus: 0, code: "network", message: "The dashboard could not reach its own server for the probe." };
}

/** The tester: pick a request, run it in the browser and/or probe it from the server, read why, save and share. */
export function TesterPage() {
  const searchParams = useSearchParams();
  const [form, setForm] = useState<TesterForm>(() => formFromSearchParams(new URLSearchParams(searchParams.toString())));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [run, setRun] = useState<TesterRun | null>(null);
  const [running, setRunning] = useState(false);
  const probe = useProbe();
  const { canEdit } = usePermissions();
  const runId = useRef(0);
  const pageOrigin = usePageOrigin();
  const formRef = useRef<HTMLFormElement>(null);

  /** The request as the form describes it, or null after marking the fields to fix (as running does). */
  function requestToCopy() {
    const found = validateForm(form, window.location.origin);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return null;
    }
    return buildProbeRequest(canEdit ? form : { ...form, sendActual: false }, window.location.origin);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const found = validateForm(form, window.location.origin);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Take the user to the first field to fix (after React has marked it invalid).
      requestAnimationFrame(() => formEl.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const id = ++runId.current;
    const pageOrigin = window.location.origin;
    // sendActual is an editor's option (the API refuses it for viewers).
    const request = buildProbeRequest(canEdit ? form : { ...form, sendActual: false }, pageOrigin);
    const mode = form.mode;
    const update = (next: TesterRun) => {
      if (runId.current === id) setRun(next);
    };
    setRunning(true);
    try {
      let browser: TesterRun["browser"] = mode === "server" ? { outcome: "not-run", durationMs: 0, pageOrigin } : null;
      update({ mode, request, browser, probe: { status: "pending" } });
      if (mode === "browser") {
        const { url, init } = buildFetchInit(form);
        browser = await runInBrowser(url, init, pageOrigin);
        update({ mode, request, browser, probe: { status: "pending" } });
      }
      let probeState: ProbeState;
      try {
        const { signature, ...result } = await probe.mutateAsync(toProbeApiRequest(request));
        probeState = { status: "done", result, signature };
      } catch (error) {
        probeState = refusal(error);
      }
      update({ mode, request, browser, probe: probeState });
    } finally {
      if (runId.current === id) setRunning(false);
    }
  }

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div role="tablist" aria-label="Tester mode" className="flex flex-wrap gap-x-4 border-b border-slate-200">
        {MODES.map((m) => (
          <button
            key={m.value}
            type="button"
            role="tab"
            aria-selected={form.mode === m.value}
            onClick={() => setForm({ ...form, mode: m.value })}
            className={`-mb-px border-b-2 px-1 py-2 text-sm font-medium ${form.mode === m.value ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`}
          >
            {m.label}
          </button>
        ))}
      </div>
      <Card>
        <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Request to test" className="flex min-w-0 flex-col gap-4">
          <ModeDescription mode={form.mode} pageOrigin={pageOrigin} />
          <RequestForm form={form} onChange={setForm} errors={errors} canSendActual={canEdit} />
          {Object.keys(errors).length > 0 ? <Alert tone="error">Fix the highlighted fields first.</Alert> : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" busy={running}>
              {form.mode === "browser" ? "Run in this browser" : "Probe as this origin"}
            </Button>
            {form.mode === "browser" ? <span className="text-xs text-slate-600">Then the server probes the same request as this page&apos;s origin, to explain the browser&apos;s verdict.</span> : null}
          </div>
          <CopyRequest build={requestToCopy} appOrigin={form.mode === "server" && !originProblem(form.origin) ? form.origin.trim() : undefined} />
        </form>
      </Card>
      {run ? (
        <section aria-label="Result" className="flex min-w-0 flex-col gap-4">
          <RunResult run={run} />
          {!running && run.browser && run.probe.status !== "pending" ? <SaveRun run={run} /> : null}
          {!running && run.probe.status === "done" && canEdit ? <KeepAsCheck key={JSON.stringify(run.request)} run={run} /> : null}
        </section>
      ) : null}
      <RecentRecords />
    </div>
  );
}
