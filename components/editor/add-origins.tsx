"use client";
import { useDeferredValue, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { lintPolicy, parseOriginList, type LintEnvironment, type LintSeverity } from "@/lib/cors";
import { dateInDays, expiryFromDate, newOriginKey, policyInputFromState, splitPasted, type EditorOrigin, type EditorState } from "@/components/editor/draft-model";
import { SeverityBadge } from "@/components/editor/finding-list";
import { Button } from "@/components/ui/button";

interface EntryNote {
  severity: Exclude<LintSeverity, "error">;
  message: string;
}

type EntryStatus =
  | { kind: "ok"; notes: EntryNote[] }
  | { kind: "listed" }
  | { kind: "duplicate"; of: number }
  | { kind: "problem"; message: string; fix?: string };

interface Entry {
  text: string;
  status: EntryStatus;
}

interface LintContext {
  working: EditorState;
  environment: LintEnvironment;
  now: number;
}

/**
 * Checks each pasted entry with the core, as the user types: first its
 * syntax, then the same lintPolicy the editor runs, in this environment and
 * with the working copy's settings — so `http://localhost:3000` in a protected
 * environment is flagged here, before it is added, not after. Only the new
 * entries are linted (the list's own findings are the editor's), which keeps
 * this cheap beside a 20,000-origin allowlist. Errors block the entry;
 * warnings and notes are shown and the entry can still be added.
 */
function analyse(text: string, listed: ReadonlySet<string>, context: LintContext): Entry[] {
  const entries = splitPasted(text);
  if (entries.length === 0) return [];
  const parsed = parseOriginList(entries);
  const problems = new Map(parsed.problems.map((p) => [p.index, p]));
  const result: Entry[] = entries.map((entry, i) => {
    const problem = problems.get(i);
    if (problem?.code === "duplicate") return { text: entry, status: { kind: "duplicate", of: (problem.duplicateOf ?? 0) + 1 } };
    if (problem) return { text: entry, status: { kind: "problem", message: problem.message, ...(problem.fix ? { fix: problem.fix } : {}) } };
    if (listed.has(entry)) return { text: entry, status: { kind: "listed" } };
    return { text: entry, status: { kind: "ok", notes: [] } };
  });
  const candidates = result.map((e, i) => ({ e, i })).filter(({ e }) => e.status.kind === "ok");
  if (candidates.length === 0) return result;
  const policy = { ...policyInputFromState(context.working), origins: candidates.map(({ e }) => ({ value: e.text, expiresAt: null })) };
  for (const finding of lintPolicy(policy, context.environment, { now: context.now })) {
    if (finding.field !== "origins" || finding.index === null) continue;
    const target = candidates[finding.index];
    if (!target) continue;
    const status = result[target.i]!.status;
    if (finding.severity === "error") result[target.i] = { text: target.e.text, status: { kind: "problem", message: finding.message } };
    else if (status.kind === "ok") status.notes.push({ severity: finding.severity, message: finding.message });
  }
  return result;
}

const SHOW_LIMIT = 200;

/**
 * Add one origin or paste many (one per line or comma-separated). Each entry
 * is checked as you type with its own message and one-click fix; valid ones
 * are added with the note and expiry given, the others stay for fixing.
 */
export function AddOrigins({
  working,
  environment,
  now,
  onAdd,
}: {
  working: EditorState;
  environment: LintEnvironment;
  now: number;
  onAdd: (origins: EditorOrigin[]) => void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [note, setNote] = useState("");
  const [expiry, setExpiry] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const deferredText = useDeferredValue(text);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const existing = working.origins;
  const listed = useMemo(() => new Set(existing.map((o) => o.value)), [existing]);
  // The settings matter (e.g. credentials), the other origins don't: re-lint when the settings change, not on every row edit.
  const settings = useMemo(() => ({ ...working, origins: [] }), [working]);
  const context = useMemo(() => ({ working: settings, environment, now }), [settings, environment, now]);
  const entries = useMemo(() => analyse(deferredText, listed, context), [deferredText, listed, context]);
  const addable = entries.filter((e) => e.status.kind === "ok");
  const warned = addable.filter((e) => e.status.kind === "ok" && e.status.notes.some((n) => n.severity === "warning")).length;
  const problems = entries.filter((e) => e.status.kind === "problem");
  const fixable = problems.filter((e) => e.status.kind === "problem" && e.status.fix);

  function rewrite(replace: (entry: Entry, index: number) => string | null) {
    const current = analyse(text, listed, context);
    setText(
      current
        .map(replace)
        .filter((s): s is string => s !== null)
        .join("\n"),
    );
  }

  function add() {
    const current = analyse(text, listed, context);
    const toAdd = current.filter((e) => e.status.kind === "ok");
    if (toAdd.length === 0) return;
    const expiresAt = expiryFromDate(expiry);
    onAdd(toAdd.map((e) => ({ key: newOriginKey(), value: e.text, note: note.trim(), expiresAt })));
    const left = current.filter((e) => e.status.kind === "problem");
    const skipped = current.length - toAdd.length - left.length;
    setText(left.map((e) => e.text).join("\n"));
    // What is left to fix is counted from the box as it is now (see below), not frozen here.
    setStatus(`Added ${toAdd.length === 1 ? toAdd[0]!.text : `${toAdd.length} origins`} at the end of the list.` + (skipped > 0 ? ` Skipped ${skipped} already listed or repeated.` : ""));
    // The Add button may turn disabled under the keyboard's focus: take it back to the text.
    textRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      add();
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        Add origins
      </h3>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-text`} className="text-sm font-medium text-slate-800">
          Origins to add
        </label>
        <textarea
          ref={textRef}
          id={`${id}-text`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setStatus(null);
          }}
          onKeyDown={onKeyDown}
          rows={Math.min(8, Math.max(3, text.split("\n").length))}
          spellCheck={false}
          autoCapitalize="off"
          placeholder={"https://app.example.com\nhttps://*.preview.example.com"}
          aria-describedby={`${id}-hint`}
          className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500"
        />
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          One per line or separated by commas; paste as many as you like. Each is checked as you type. Ctrl+Enter adds.
        </p>
      </div>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto]">
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor={`${id}-note`} className="text-sm font-medium text-slate-800">
            Note <span className="font-normal text-slate-600">(optional, for all of them)</span>
          </label>
          <input
            id={`${id}-note`}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            placeholder="e.g. QA preview for ticket OPS-142"
            className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-expiry`} className="text-sm font-medium text-slate-800">
            Expires <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <div className="flex flex-wrap items-center gap-1">
            <input
              id={`${id}-expiry`}
              type="date"
              value={expiry}
              onChange={(e) => setExpiry(e.target.value)}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500"
            />
            <button type="button" onClick={() => setExpiry(dateInDays(now, 7))} className="rounded-md px-2 py-2 text-sm font-medium text-indigo-800 ring-1 ring-inset ring-indigo-300 hover:bg-indigo-50">
              In 7 days
            </button>
          </div>
        </div>
      </div>

      {entries.length > 0 ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3" aria-label="Check of the origins to add" role="group">
          <p className="text-sm text-slate-800" aria-live="polite">
            {addable.length} ready to add
            {warned > 0 ? ` (${warned} with a warning)` : ""}
            {problems.length > 0 ? `, ${problems.length} to fix` : ""}
            {entries.length - addable.length - problems.length > 0 ? `, ${entries.length - addable.length - problems.length} already listed or repeated` : ""}.
          </p>
          <ol className="mt-2 flex flex-col gap-1.5">
            {entries
              .map((entry, i) => ({ entry, i }))
              .filter(({ entry }) => entries.length <= SHOW_LIMIT || entry.status.kind !== "ok")
              .slice(0, SHOW_LIMIT)
              .map(({ entry, i }) => (
                <li key={`${i}-${entry.text}`} className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm" data-testid="paste-entry">
                  <span className="w-14 shrink-0 text-xs tabular-nums text-slate-600">Entry {i + 1}</span>
                  <span className="min-w-0 flex-1 basis-40 break-all font-mono text-slate-900">{entry.text}</span>
                  <EntryVerdict
                    entry={entry}
                    onFix={(fix) => rewrite((e, j) => (j === i ? fix : e.text))}
                    onDrop={() => rewrite((e, j) => (j === i ? null : e.text))}
                  />
                </li>
              ))}
          </ol>
          {entries.length > SHOW_LIMIT ? <p className="mt-1 text-xs text-slate-600">Valid entries aren&apos;t listed one by one for pastes this large.</p> : null}
        </div>
      ) : null}

      {status ? (
        <p role="status" className="text-sm text-green-800">
          {status}
          {problems.length > 0 ? ` ${problems.length} left to fix below.` : ""}
        </p>
      ) : null}

      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={add} disabled={addable.length === 0}>
          {addable.length > 1 ? `Add ${addable.length} origins` : "Add origin"}
        </Button>
        {fixable.length > 1 ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => rewrite((e) => (e.status.kind === "problem" && e.status.fix ? e.status.fix : e.text))}
          >
            Fix all {fixable.length}
          </Button>
        ) : null}
      </div>
    </section>
  );
}

function EntryVerdict({ entry, onFix, onDrop }: { entry: Entry; onFix: (fix: string) => void; onDrop: () => void }) {
  const s = entry.status;
  switch (s.kind) {
    case "ok":
      if (s.notes.length === 0) return <span className="shrink-0 text-xs font-medium text-green-800">✓ valid</span>;
      return (
        <span className="flex min-w-0 basis-full flex-col gap-1 sm:pl-16">
          {s.notes.map((n) => (
            <span key={n.message} className="flex min-w-0 flex-wrap items-start gap-x-2 gap-y-1">
              <SeverityBadge severity={n.severity} />
              <span className={`min-w-0 flex-1 basis-56 ${n.severity === "warning" ? "text-amber-900" : "text-slate-700"}`}>{n.message}</span>
            </span>
          ))}
        </span>
      );
    case "listed":
      return <span className="shrink-0 text-xs text-slate-600">Already in the allowlist — skipped</span>;
    case "duplicate":
      return <span className="shrink-0 text-xs text-slate-600">Same as entry {s.of} — skipped</span>;
    case "problem":
      return (
        <span className="flex min-w-0 basis-full flex-wrap items-start gap-x-2 gap-y-1 sm:pl-16">
          <SeverityBadge severity="error" />
          <span className="min-w-0 flex-1 basis-56 text-red-900">{s.message}</span>
          {s.fix ? (
            <button
              type="button"
              onClick={() => onFix(s.fix!)}
              className="max-w-full break-all rounded-md bg-white px-2 py-1 text-left text-xs font-medium text-indigo-800 ring-1 ring-inset ring-indigo-300 hover:bg-indigo-50"
            >
              Use {s.fix}
            </button>
          ) : null}
          <button type="button" onClick={onDrop} className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-white">
            Drop<span className="sr-only"> entry {entry.text}</span>
          </button>
        </span>
      );
  }
}
