"use client";
import Link from "next/link";
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import type { FieldError } from "@/lib/api/problem";
import { ApiError } from "@/lib/queries/api-fetch";
import { useImportProject, type ImportMode } from "@/lib/queries/import-export";
import { useProjects } from "@/lib/queries/projects";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { Alert } from "@/components/ui/states";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";

type Json = unknown;

/** The document's project slug and name, when the text is a JSON object that has them. */
function peek(text: string): { doc: Record<string, Json> | null; slug: string; name: string; syntaxError: string | null } {
  if (!text.trim()) return { doc: null, slug: "", name: "", syntaxError: null };
  try {
    const doc: Json = JSON.parse(text);
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) return { doc: null, slug: "", name: "", syntaxError: "The document must be a JSON object, as “Export JSON” writes it." };
    const project = (doc as { project?: { slug?: unknown; name?: unknown } }).project;
    return {
      doc: doc as Record<string, Json>,
      slug: typeof project?.slug === "string" ? project.slug : "",
      name: typeof project?.name === "string" ? project.name : "",
      syntaxError: null,
    };
  } catch (e) {
    return { doc: null, slug: "", name: "", syntaxError: `This is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const ordinal = (i: number) => `${i + 1}`;

/** "body.document.environments.1.policy.origins.4.value" → a readable place in the document, and the value found there. */
export function describeProblem(doc: Json, field: string): { path: string; where: string; value: string | null } {
  const segments = field.split(".");
  const start = segments[0] === "body" ? (segments[1] === "document" ? 2 : 1) : 0;
  const rest = segments.slice(start);
  const parts: string[] = [];
  let node: Json = segments[1] === "document" ? doc : undefined;
  for (let i = 0; i < rest.length; i++) {
    const seg = rest[i]!;
    const next = rest[i + 1];
    const child = (n: Json, k: string): Json => (n && typeof n === "object" ? (n as Record<string, Json>)[k] : undefined);
    if ((seg === "environments" || seg === "origins") && next !== undefined && /^\d+$/.test(next)) {
      const item = child(child(node, seg), next);
      if (seg === "environments") {
        const slug = item && typeof item === "object" ? (item as { slug?: unknown }).slug : undefined;
        parts.push(typeof slug === "string" && slug ? `environment “${slug}”` : `environment ${ordinal(Number(next))}`);
      } else parts.push(`origin ${ordinal(Number(next))}`);
      node = item;
      i++;
      // "origin 2 › value" says no more than "origin 2".
      if (seg === "origins" && rest[i + 1] === "value" && i + 2 === rest.length) {
        node = child(node, "value");
        i++;
      }
      continue;
    }
    if (seg === "policy") {
      node = child(node, seg);
      continue;
    }
    parts.push(/^\d+$/.test(seg) ? `item ${ordinal(Number(seg))}` : seg);
    node = child(node, seg);
  }
  const value = typeof node === "string" || typeof node === "number" || typeof node === "boolean" ? String(node) : null;
  return { path: rest.join(".") || "document", where: parts.join(" › ") || "the document", value };
}

export function ImportForm() {
  const importProject = useImportProject();
  const projects = useProjects();
  const fileId = useId();
  const [text, setText] = useState("");
  const [mode, setMode] = useState<ImportMode>("create");
  const [slug, setSlug] = useState<string | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ errors: FieldError[]; message: string; doc: Json } | null>(null);
  const [result, setResult] = useState<{ slug: string; name: string; mode: ImportMode } | null>(null);

  const peeked = useMemo(() => peek(text), [text]);
  const effectiveSlug = slug ?? peeked.slug;
  const effectiveName = name ?? peeked.name;
  const effectiveTarget = target ?? (projects.data?.projects.some((p) => p.slug === peeked.slug) ? peeked.slug : (projects.data?.projects[0]?.slug ?? ""));

  async function onFile(file: File | undefined) {
    if (!file) return;
    setText(await file.text());
    setSlug(null);
    setName(null);
    setTarget(null);
    setProblems(null);
    setResult(null);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setResult(null);
    setProblems(null);
    if (!text.trim()) return setLocalError("Paste an exported document or choose a file.");
    if (!peeked.doc) return setLocalError(peeked.syntaxError);
    setLocalError(null);
    const project = (peeked.doc.project && typeof peeked.doc.project === "object" ? peeked.doc.project : {}) as Record<string, Json>;
    // A new name goes into the document; another slug (a copy, or the project to replace) is the request's `slug`.
    const document = mode === "create" && effectiveName !== peeked.name ? { ...peeked.doc, project: { ...project, name: effectiveName } } : peeked.doc;
    const slugOverride = mode === "create" ? (effectiveSlug !== peeked.slug ? effectiveSlug : undefined) : effectiveTarget || undefined;
    try {
      const { project: imported } = await importProject.mutateAsync({ document, mode, ...(slugOverride ? { slug: slugOverride } : {}) });
      setResult({ slug: imported.slug, name: imported.name, mode });
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length) setProblems({ errors: error.problem.errors, message: error.message, doc: document });
      else setLocalError(error instanceof Error ? error.message : "The import failed.");
    }
  }

  const fieldProblem = (...fields: string[]) => problems?.errors.find((e) => fields.includes(e.field))?.message;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Import project" className="flex flex-col gap-4">
      <TextAreaField
        label="Exported document (JSON)"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setSlug(null);
          setName(null);
        }}
        rows={10}
        spellCheck={false}
        inputClassName="font-mono text-xs"
        placeholder='{"format": "corsboard.project/v1", "project": {…}, "environments": […]}'
        error={text.trim() && peeked.syntaxError ? peeked.syntaxError : undefined}
        hint="Paste what “Export JSON” on a project page downloaded, or choose the file below."
      />
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={fileId} className="text-sm font-medium text-slate-800">
          Or upload a file
        </label>
        <input
          id={fileId}
          type="file"
          accept="application/json,.json"
          onChange={(e) => void onFile(e.target.files?.[0])}
          className="block w-full min-w-0 text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
        />
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800">What to do with it</legend>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="radio" name="mode" value="create" checked={mode === "create"} onChange={() => setMode("create")} className="mt-0.5 h-4 w-4 accent-indigo-600" />
          <span>
            Create a new project
            <span className="block text-xs text-slate-600">With the document&apos;s environments; their policies become the drafts.</span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="radio" name="mode" value="replace-drafts" checked={mode === "replace-drafts"} onChange={() => setMode("replace-drafts")} className="mt-0.5 h-4 w-4 accent-indigo-600" />
          <span>
            Replace the drafts of an existing project
            <span className="block text-xs text-slate-600">Each environment&apos;s draft takes the document&apos;s policy. Nothing is published until you publish.</span>
          </span>
        </label>
      </fieldset>

      {mode === "create" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="New project slug"
            value={effectiveSlug}
            onChange={(e) => setSlug(e.target.value)}
            error={fieldProblem("body.slug", "body.document.project.slug")}
            hint="Change it to import a copy next to the original."
            spellCheck={false}
            autoCapitalize="off"
          />
          <TextField label="New project name" value={effectiveName} onChange={(e) => setName(e.target.value)} error={fieldProblem("body.document.project.name")} />
        </div>
      ) : (
        <SelectField
          label="Project whose drafts are replaced"
          value={effectiveTarget}
          onChange={(e) => setTarget(e.target.value)}
          options={(projects.data?.projects ?? []).map((p) => ({ value: p.slug, label: p.name === p.slug ? p.slug : `${p.name} (${p.slug})` }))}
          error={fieldProblem("body.slug")}
          className="sm:max-w-md"
        />
      )}

      {localError ? <Alert tone="error">{localError}</Alert> : null}
      {problems ? <ProblemList problems={problems} /> : null}
      {result ? (
        <Alert tone="success">
          {result.mode === "create" ? `Project ${result.name} created from the document.` : `The drafts of ${result.name} were replaced.`}{" "}
          <Link href={`/projects/${result.slug}`} className="font-medium underline">
            Open {result.name}
          </Link>
          {result.mode === "replace-drafts" ? " and publish each environment to make the changes live." : null}
        </Alert>
      ) : null}

      <div>
        <Button type="submit" busy={importProject.isPending}>
          Import
        </Button>
      </div>
    </form>
  );
}

function ProblemList({ problems }: { problems: { errors: FieldError[]; message: string; doc: Json } }) {
  const n = problems.errors.length;
  const heading = useRef<HTMLParagraphElement>(null);
  // Take keyboard and screen-reader users to the list (it may be below the fold).
  useEffect(() => heading.current?.focus(), [problems]);
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-medium outline-none" tabIndex={-1} ref={heading}>
        Nothing was imported: the document has {n} {n === 1 ? "problem" : "problems"}. Fix {n === 1 ? "it" : "them all"} and import again.
      </p>
      <ol className="mt-2 flex list-decimal flex-col gap-2 pl-5" aria-label="Problems in the document">
        {problems.errors.map((e, i) => {
          const d = describeProblem(problems.doc, e.field);
          return (
            <li key={`${e.field}-${i}`} data-testid="import-problem">
              <span className="font-medium">{d.where}</span>
              {d.value !== null ? (
                <>
                  {" "}
                  <code className="break-all rounded bg-white px-1 font-mono text-xs ring-1 ring-red-200">{d.value}</code>
                </>
              ) : null}
              : {e.message}
              <span className="block break-all font-mono text-xs text-red-800">{d.path}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
