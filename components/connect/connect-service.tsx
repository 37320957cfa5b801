"use client";
import { useId, useMemo, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { connectSnippets, type SnippetId } from "@/components/connect/connect-snippets";

const noSubscribe = () => () => {};

/**
 * The dashboard URL services use: CORSBOARD_PUBLIC_URL when the server has
 * one (what services reach, e.g. behind a proxy), else this page's origin.
 */
function useDashboardUrl(publicUrl: string | null): string {
  const origin = useSyncExternalStore(noSubscribe, () => window.location.origin, () => "");
  return publicUrl ?? origin;
}

/**
 * "Connect a service": copy-ready snippets (env vars, Express, Fastify,
 * Next.js, curl with ETag, corsboard pull for nginx) for one environment,
 * in tabs, each with a Copy button. `token`: a token just created, shown in
 * the env vars (it is shown once anyway).
 */
export function ConnectService({ project, environment, publicUrl, token = null }: { project: string; environment: string; publicUrl: string | null; token?: string | null }) {
  const url = useDashboardUrl(publicUrl);
  const snippets = useMemo(() => connectSnippets({ url, project, environment, token }), [url, project, environment, token]);
  const [selected, setSelected] = useState<SnippetId>("env");
  const [copied, setCopied] = useState<SnippetId | null>(null);
  const id = useId();
  const current = snippets.find((s) => s.id === selected) ?? snippets[0]!;

  const onKeyDown = (event: React.KeyboardEvent) => {
    const i = snippets.findIndex((s) => s.id === selected);
    const next = event.key === "ArrowRight" ? i + 1 : event.key === "ArrowLeft" ? i - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const target = snippets[(next + snippets.length) % snippets.length]!;
    setSelected(target.id);
    document.getElementById(`${id}-tab-${target.id}`)?.focus();
  };

  return (
    <div className="flex min-w-0 flex-col gap-2" data-testid="connect-service">
      <div role="tablist" aria-label="How the service connects" className="flex flex-wrap gap-1 border-b border-slate-200" onKeyDown={onKeyDown}>
        {snippets.map((s) => (
          <button
            key={s.id}
            id={`${id}-tab-${s.id}`}
            type="button"
            role="tab"
            aria-selected={s.id === selected}
            aria-controls={`${id}-panel`}
            tabIndex={s.id === selected ? 0 : -1}
            onClick={() => setSelected(s.id)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${s.id === selected ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${current.id}`} className="flex min-w-0 flex-col gap-1">
        <div className="flex justify-end">
          <Button
            type="button"
            variant="secondary"
            className="!px-2 !py-1 text-xs"
            aria-label={`Copy the ${current.label} snippet`}
            onClick={() => {
              void navigator.clipboard?.writeText(current.text).then(() => setCopied(current.id));
            }}
          >
            {copied === current.id ? "Copied" : "Copy"}
          </Button>
        </div>
        <pre data-testid="connect-snippet" className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
          <code>{current.text}</code>
        </pre>
      </div>
      <p className="text-xs text-slate-600">
        URL: <code className="font-mono">{url}</code> ({publicUrl ? "CORSBOARD_PUBLIC_URL" : "this page's address; set CORSBOARD_PUBLIC_URL if services reach the dashboard elsewhere"}).
        {token ? " The env vars hold the token just created; the other snippets read it from CORSBOARD_TOKEN." : " Create a read token of this environment on the API tokens page; the snippets read it from CORSBOARD_TOKEN."}
      </p>
    </div>
  );
}
