"use client";
import { useState } from "react";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useProjects } from "@/lib/queries/projects";

/** base URL + path, with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  const p = path.trim();
  if (!p) return base;
  return `${base.replace(/\/+$/, "")}/${p.replace(/^\/+/, "")}`;
}

/**
 * The request's URL: typed freely, or composed from a project environment's
 * base URL and a path. Either way the result is one URL in the form.
 */
export function TargetPicker({ url, onUrlChange, error }: { url: string; onUrlChange: (url: string) => void; error?: string }) {
  const [kind, setKind] = useState<"url" | "endpoint">("url");
  const projects = useProjects();
  const [projectSlug, setProjectSlug] = useState("");
  const [environmentSlug, setEnvironmentSlug] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [path, setPath] = useState("/");

  const projectList = projects.data?.projects ?? [];
  const project = projectList.find((p) => p.slug === projectSlug);
  const environment = project?.environments.find((e) => e.slug === environmentSlug);

  function pick(next: { project?: string; environment?: string; base?: string; path?: string }) {
    const p = projectList.find((x) => x.slug === (next.project ?? projectSlug));
    const envSlug = next.project !== undefined ? (p?.environments.find((e) => e.baseUrls.length > 0)?.slug ?? p?.environments[0]?.slug ?? "") : (next.environment ?? environmentSlug);
    const env = p?.environments.find((e) => e.slug === envSlug);
    const base = next.project !== undefined || next.environment !== undefined ? (env?.baseUrls[0] ?? "") : (next.base ?? baseUrl);
    const newPath = next.path ?? path;
    setProjectSlug(p?.slug ?? "");
    setEnvironmentSlug(envSlug);
    setBaseUrl(base);
    setPath(newPath);
    onUrlChange(base ? joinUrl(base, newPath) : "");
  }

  return (
    <fieldset className="flex min-w-0 flex-col gap-3">
      <legend className="mb-1 text-sm font-medium text-slate-800">Target</legend>
      <div className="flex flex-wrap gap-4 text-sm" role="radiogroup" aria-label="Target kind">
        <label className="flex items-center gap-2">
          <input type="radio" name="target-kind" checked={kind === "url"} onChange={() => setKind("url")} className="accent-indigo-600" />
          Any URL
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="target-kind" checked={kind === "endpoint"} onChange={() => setKind("endpoint")} className="accent-indigo-600" />
          A project&apos;s endpoint
        </label>
      </div>
      {kind === "endpoint" ? (
        <div className="grid min-w-0 gap-3 sm:grid-cols-2">
          <SelectField
            label="Project"
            value={projectSlug}
            onChange={(e) => pick({ project: e.target.value })}
            options={[{ value: "", label: projects.isPending ? "Loading…" : projectList.length ? "Choose a project" : "No projects yet" }, ...projectList.map((p) => ({ value: p.slug, label: p.name }))]}
          />
          <SelectField
            label="Environment"
            value={environmentSlug}
            disabled={!project}
            onChange={(e) => pick({ environment: e.target.value })}
            options={(project?.environments ?? []).map((e) => ({ value: e.slug, label: `${e.name}${e.baseUrls.length ? "" : " (no base URL)"}` }))}
          />
          {environment && environment.baseUrls.length === 0 ? (
            <p className="text-sm text-amber-900 sm:col-span-2">This environment has no base URLs yet: add them on the project page, or type a URL.</p>
          ) : null}
          <SelectField
            label="Base URL"
            value={baseUrl}
            disabled={!environment || environment.baseUrls.length === 0}
            onChange={(e) => pick({ base: e.target.value })}
            options={(environment?.baseUrls ?? []).map((b) => ({ value: b, label: b }))}
          />
          <TextField label="Path" value={path} onChange={(e) => pick({ path: e.target.value })} placeholder="/orders/42" />
        </div>
      ) : null}
      <TextField
        label="URL"
        name="url"
        value={url}
        onChange={(e) => onUrlChange(e.target.value)}
        readOnly={kind === "endpoint"}
        placeholder="https://api.example.com/orders"
        hint={kind === "endpoint" ? "Composed from the base URL and the path." : "The absolute URL the page would fetch."}
        error={error}
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
      />
    </fieldset>
  );
}
