"use client";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { LintFinding } from "@/lib/cors";
import type { Draft } from "@/lib/api/schemas/editing";
import { ApiError } from "@/lib/queries/api-fetch";
import { contentOfRequest, staleDraftOf, useDraft, useSaveDraft } from "@/lib/queries/drafts";
import { useMe } from "@/lib/queries/users";
import { AddOrigins } from "@/components/editor/add-origins";
import { ConflictPanel, type Conflict } from "@/components/editor/conflict-panel";
import { ConsumersPanel } from "@/components/editor/consumers-panel";
import { SavedChecksPanel } from "@/components/saved-checks/saved-checks-panel";
import {
  applyFindingFixes,
  mergeOnto,
  sameContent,
  saveRequestFromState,
  stateFromContent,
  stateFromDraft,
  stateMatchesContent,
  type EditorOrigin,
  type EditorState,
  type SettingsField,
} from "@/components/editor/draft-model";
import { EnvironmentHeader, environmentHref, useEnvironmentNames } from "@/components/editor/environment-header";
import { FindingList } from "@/components/editor/finding-list";
import { formatCount } from "@/components/editor/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { INITIAL_VIEW, OriginList, PAGE_SIZE, type ListView } from "@/components/editor/origin-list";
import type { OriginPatch } from "@/components/editor/origin-row";
import { PublishDialog, type SaveOutcome } from "@/components/editor/publish-dialog";
import { SettingsForm } from "@/components/editor/settings-form";
import { refusalHints } from "@/components/editor/refusal-hints";
import { useRefusals } from "@/lib/queries/refusals";
import { useLint } from "@/components/editor/use-lint";
import { useNow } from "@/components/editor/use-now";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, ErrorState, Loading } from "@/components/ui/states";

/** The environment page: loads the draft, then the editor. */
export function EnvironmentEditor({ project, environment }: { project: string; environment: string }) {
  const draft = useDraft(project, environment);
  const me = useMe();
  if (draft.isPending) {
    return (
      <>
        <EnvironmentHeader project={project} environment={environment} current="draft" />
        <Loading label="Loading the draft…" />
      </>
    );
  }
  if (draft.error) {
    const notFound = draft.error instanceof ApiError && draft.error.status === 404;
    return (
      <>
        <EnvironmentHeader project={project} environment={environment} current="draft" />
        {notFound ? (
          <Alert tone="warning">
            There is no environment “{environment}” in project “{project}”. <Link href="/" className="font-medium underline">Back to projects</Link>
          </Alert>
        ) : (
          <ErrorState error={draft.error} retry={() => void draft.refetch()} />
        )}
      </>
    );
  }
  const readOnly = me.data ? me.data.role === null || me.data.role === "viewer" : true;
  return <Editor key={`${project}/${environment}`} serverDraft={draft.data} readOnly={readOnly} roleKnown={!!me.data} />;
}

function Editor({ serverDraft, readOnly, roleKnown }: { serverDraft: Draft; readOnly: boolean; roleKnown: boolean }) {
  const { project, environment } = serverDraft;
  const names = useEnvironmentNames(project, environment);
  const now = useNow();
  const save = useSaveDraft(project, environment);
  const refusals = useRefusals(project, environment);
  const hints = useMemo(() => refusalHints(refusals.data), [refusals.data]);

  const [base, setBase] = useState<Draft>(serverDraft);
  const [working, setWorking] = useState<EditorState>(() => stateFromDraft(serverDraft));
  const [view, setView] = useState<ListView>(INITIAL_VIEW);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  /** `savedRevision`: a "saved" notice, true only while the editor still shows that revision unchanged. */
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "info" | "warning"; text: string; details?: string[]; savedRevision?: number } | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [seenServer, setSeenServer] = useState(serverDraft);

  const dirty = useMemo(() => !stateMatchesContent(working, base.content), [working, base]);

  // The server draft moved (a refetch, another tab, a publish): adopt it when nothing is unsaved.
  if (serverDraft !== seenServer) {
    setSeenServer(serverDraft);
    if (!save.isPending && !conflict) {
      if (serverDraft.revision !== base.revision) {
        if (!dirty) {
          setBase(serverDraft);
          if (!stateMatchesContent(working, serverDraft.content)) setWorking(stateFromDraft(serverDraft));
        }
      } else if (sameContent(serverDraft.content, base.content)) {
        // Same revision and content: a fresher live version, diff, findings or pending change request.
        setBase(serverDraft);
      }
    }
  }
  const serverMovedOn = serverDraft.revision !== base.revision && dirty;

  const envInfo = useMemo(() => ({ protected: serverDraft.protected, name: names.environmentName }), [serverDraft.protected, names.environmentName]);
  const lint = useLint(working, envInfo, now, serverDraft.findings);
  const lintRef = useRef(lint);
  useEffect(() => {
    lintRef.current = lint;
  }, [lint]);

  // ---- edits -------------------------------------------------------------
  const changeOrigin = useCallback((key: string, patch: OriginPatch) => {
    setWorking((s) => ({ ...s, origins: s.origins.map((o) => (o.key === key ? { ...o, ...patch } : o)) }));
  }, []);
  const removeOrigin = useCallback((key: string) => {
    setWorking((s) => ({ ...s, origins: s.origins.filter((o) => o.key !== key) }));
  }, []);
  const fix = useCallback((finding: LintFinding) => {
    setWorking((s) => applyFindingFixes(s, [finding], lintRef.current));
  }, []);
  const changeSetting = useCallback(<K extends SettingsField>(field: K, value: EditorState[K]) => {
    setWorking((s) => ({ ...s, [field]: value }));
  }, []);
  function addOrigins(origins: EditorOrigin[]) {
    const total = working.origins.length + origins.length;
    setWorking((s) => ({ ...s, origins: [...s.origins, ...origins] }));
    setView({ ...INITIAL_VIEW, page: Math.max(0, Math.ceil(total / PAGE_SIZE) - 1) });
    setNotice(null);
  }
  const fixableErrors = lint.findings.filter((f) => f.severity === "error" && f.fix);
  function fixAll() {
    setWorking((s) => applyFindingFixes(s, fixableErrors, lint));
  }
  function discard() {
    setWorking(stateFromDraft(base));
    setConflict(null);
    setNotice(null);
  }

  // ---- save ----------------------------------------------------------------
  // Resolves with the saved draft, or with why it was not saved (also shown in the editor).
  const saveNow = useCallback((): Promise<SaveOutcome> => {
    if (readOnly || save.isPending) return Promise.resolve({ error: "A save is already running." });
    const sent = working;
    const request = saveRequestFromState(sent, base.revision);
    setNotice(null);
    return new Promise<SaveOutcome>((resolve) => save.mutate(request, {
      onSuccess: (draft) => {
        resolve({ draft });
        setBase(draft);
        setSeenServer(draft);
        setConflict(null);
        setWorking((w) => (w === sent && !sameContent(contentOfRequest(request), draft.content) ? stateFromDraft(draft) : w));
        setNotice({ tone: "success", text: `Draft saved (revision ${draft.revision}).`, savedRevision: draft.revision });
      },
      onError: (error) => {
        const current = staleDraftOf(error);
        if (current) {
          setConflict({ base, mine: contentOfRequest(request), current });
          resolve({ error: `Not saved: someone saved revision ${current.revision} after you started editing. Close this, re-apply or discard your changes in the editor, then publish.` });
          return;
        }
        resolve({ error: error instanceof ApiError ? `Not saved: ${error.message}` : "Not saved: the server could not be reached." });
        if (error instanceof ApiError) {
          const details = (error.problem.errors ?? []).map((e) => {
            const m = /^body\.origins\.(\d+)\.(\w+)$/.exec(e.field);
            const origin = m ? sent.origins[Number(m[1])] : undefined;
            return m ? `Entry ${Number(m[1]) + 1}${origin ? ` (${origin.value})` : ""}: ${e.message}` : `${e.field.replace(/^body\./, "")}: ${e.message}`;
          });
          setNotice({ tone: "error", text: `Not saved: ${error.message}`, details });
        } else setNotice({ tone: "error", text: "Not saved: the server could not be reached. Your edits are still here; try again." });
      },
    }));
  }, [readOnly, save, working, base]);
  const onSave = useCallback(() => void saveNow(), [saveNow]);

  function reapply() {
    if (!conflict) return;
    const merged = mergeOnto(conflict.base.content, conflict.mine, conflict.current.content);
    setBase(conflict.current);
    setSeenServer(serverDraft);
    setWorking(stateFromContent(merged.content));
    setConflict(null);
    setNotice({
      tone: merged.conflicts.length > 0 ? "warning" : "info",
      text: `Your changes are re-applied on top of revision ${conflict.current.revision}. Review them and save.`,
      details: merged.conflicts,
    });
  }
  function loadCurrent() {
    if (!conflict) return;
    setBase(conflict.current);
    setWorking(stateFromDraft(conflict.current));
    setConflict(null);
    setNotice({ tone: "info", text: `Loaded revision ${conflict.current.revision}; your changes were discarded.` });
  }

  // Ctrl/Cmd+S saves; leaving with unsaved changes asks first.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        onSave();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onSave]);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    // In-app links (another environment, History…) navigate without unloading: ask first too.
    const onLinkClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!link || link.getAttribute("target") === "_blank" || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (!window.confirm("You have unsaved changes to this draft. Leave and lose them?")) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onLinkClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onLinkClick, true);
    };
  }, [dirty]);

  const counts = lint.counts;
  const listFindings = lint.byField.origins ?? [];

  return (
    <>
      <EnvironmentHeader
        project={project}
        environment={environment}
        current="draft"
        isProtected={serverDraft.protected}
        meta={
          <span className="flex flex-wrap gap-x-2 gap-y-1">
            <span>{base.liveVersion === null ? "Not published yet" : <>Live: <Link className="font-medium text-indigo-700 underline" href={environmentHref(project, environment, "history")}>v{base.liveVersion}</Link></>}</span>
            <span aria-hidden>·</span>
            <span>
              {base.revision === 0 ? (
                "Draft never saved"
              ) : (
                <>
                  Draft revision {base.revision}, saved{base.updatedBy ? ` by ${base.updatedBy}` : ""}{" "}
                  <RelativeTime iso={base.updatedAt} />
                </>
              )}
            </span>
          </span>
        }
      />

      {base.pendingChangeRequest ? (
        <div className="mb-4">
          <Alert tone="info">
            A change to {names.environmentName} is waiting for approval by a second person. <Link href="/approvals" className="font-medium underline">See approvals</Link>
          </Alert>
        </div>
      ) : null}
      {roleKnown && readOnly ? (
        <div className="mb-4">
          <Alert tone="info">You can read this policy; changing it needs the editor role.</Alert>
        </div>
      ) : null}

      {/* Status and actions, always in reach */}
      <div className="sticky top-0 z-20 -mx-4 mb-4 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2 sm:gap-x-4">
          <p className={`${readOnly ? "hidden" : "flex"} items-center gap-2 text-xs font-medium sm:text-sm`} aria-live="polite">
            {dirty ? (
              <>
                <span className="h-2.5 w-2.5 rounded-full bg-amber-500" aria-hidden />
                <span className="text-amber-900" data-testid="save-state">Unsaved changes</span>
              </>
            ) : (
              <>
                <span className="h-2.5 w-2.5 rounded-full bg-green-600" aria-hidden />
                <span className="text-slate-800" data-testid="save-state">All changes saved</span>
              </>
            )}
          </p>
          <p className="text-xs text-slate-700 sm:text-sm" data-testid="lint-summary">
            <span className={counts.error ? "font-semibold text-red-800" : ""}>{formatCount(counts.error, "error")}</span>
            {" · "}
            <span className={counts.warning ? "font-semibold text-amber-900" : ""}>{formatCount(counts.warning, "warning")}</span>
            {" · "}
            {formatCount(counts.info, "note")}
          </p>
          <div className="ml-auto flex flex-wrap gap-2">
            {!readOnly && dirty ? (
              <Button type="button" variant="ghost" onClick={discard}>
                Discard changes
              </Button>
            ) : null}
            {!readOnly ? (
              <Button type="button" onClick={onSave} disabled={!dirty} busy={save.isPending} title="Ctrl+S">
                Save draft
              </Button>
            ) : null}
            {!readOnly ? (
              <Button type="button" variant="secondary" onClick={() => setPublishOpen(true)}>
                Publish…
              </Button>
            ) : null}
          </div>
        </div>
      </div>

      {conflict ? <ConflictPanel conflict={conflict} onReapply={reapply} onDiscard={loadCurrent} /> : null}
      {serverMovedOn && !conflict ? (
        <div className="mb-4">
          <Alert tone="warning">
            {serverDraft.updatedBy ?? "Someone"} saved this draft (revision {serverDraft.revision}) while you were editing. Saving will show both changes so you can re-apply yours.
          </Alert>
        </div>
      ) : null}
      {notice && !(notice.savedRevision !== undefined && (dirty || base.revision !== notice.savedRevision)) ? (
        <div className="mb-4">
          <Alert tone={notice.tone}>
            <p>{notice.text}</p>
            {notice.details && notice.details.length > 0 ? (
              <ul className="mt-1 list-disc pl-5">
                {notice.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        </div>
      ) : null}

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card
          title={`Allowed origins (${working.origins.length.toLocaleString()})`}
          actions={
            !readOnly && fixableErrors.length > 1 ? (
              <Button type="button" variant="secondary" onClick={fixAll}>
                Apply all {fixableErrors.length} fixes
              </Button>
            ) : undefined
          }
        >
          <div className="flex flex-col gap-4">
            {!readOnly ? <AddOrigins working={working} environment={envInfo} now={now} onAdd={addOrigins} /> : null}
            <FindingList findings={listFindings} onFix={fix} disabled={readOnly} />
            <OriginList
              origins={working.origins}
              lint={lint}
              readOnly={readOnly}
              now={now}
              view={view}
              onViewChange={setView}
              onChange={changeOrigin}
              onRemove={removeOrigin}
              onFix={fix}
            />
          </div>
        </Card>
        <div className="flex min-w-0 flex-col gap-4">
          <ConsumersPanel project={project} environment={environment} />
          <Card title="Settings">
            <SettingsForm state={working} lint={lint} readOnly={readOnly} onChange={changeSetting} onFix={fix} hints={hints} />
          </Card>
        </div>
      </div>

      <div className="mt-4">
        <SavedChecksPanel project={project} environment={environment} readOnly={readOnly} now={now} />
      </div>

      <PublishDialog
        open={publishOpen}
        onClose={() => setPublishOpen(false)}
        draft={base}
        environmentName={names.environmentName}
        dirty={dirty}
        onSave={onSave}
        saveNow={saveNow}
        workingErrors={lint.counts.error}
        saving={save.isPending}
      />
    </>
  );
}
