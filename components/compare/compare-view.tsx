"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import type { ProjectDetail } from "@/lib/api/schemas/project";
import { ApiError } from "@/lib/queries/api-fetch";
import { useCompare, usePromote, type CompareResult, type CompareSource } from "@/lib/queries/compare";
import { useProject } from "@/lib/queries/projects";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/select-field";
import { Alert, EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { PageHeader } from "@/components/layout/page-header";
import { usePermissions } from "@/lib/queries/permissions";

/** Two environments side by side; origins only in the first can be copied into the second's draft. */
export function CompareView({ slug }: { slug: string }) {
  const { data, error, isPending, refetch } = useProject(slug);
  if (isPending) return <Loading label="Loading project…" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  return <CompareProject project={data.project} />;
}

function defaultPair(envs: string[]): [string, string] {
  if (envs.includes("staging") && envs.includes("prod")) return ["staging", "prod"];
  if (envs.length >= 2) return [envs[envs.length - 2]!, envs[envs.length - 1]!];
  return [envs[0] ?? "", envs[0] ?? ""];
}

function CompareProject({ project }: { project: ProjectDetail }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const slugs = project.environments.map((e) => e.slug);
  const [defFrom, defTo] = defaultPair(slugs);
  const from = slugs.includes(params.get("from") ?? "") ? params.get("from")! : defFrom;
  const to = slugs.includes(params.get("to") ?? "") ? params.get("to")! : defTo;
  const source: CompareSource = params.get("source") === "live" ? "live" : "draft";
  const nameOf = (s: string) => project.environments.find((e) => e.slug === s)?.name ?? s;

  const setParams = (next: { from?: string; to?: string; source?: CompareSource }) => {
    const q = new URLSearchParams({ from, to, source, ...next });
    router.replace(`${pathname}?${q}`, { scroll: false });
  };

  const options = project.environments.map((e) => ({ value: e.slug, label: e.name }));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/" className="hover:underline">
          Projects
        </Link>{" "}
        /{" "}
        <Link href={`/projects/${project.slug}`} className="hover:underline">
          {project.name}
        </Link>{" "}
        / <span className="text-slate-900">Compare</span>
      </nav>
      <PageHeader title="Compare & promote" description={`Which origins and settings differ between two environments of ${project.name}.`} />

      {slugs.length < 2 ? (
        <EmptyState title="Nothing to compare">This project has a single environment. Add another on the project page.</EmptyState>
      ) : (
        <div className="flex flex-col gap-4">
          <Card>
            <div className="flex flex-wrap items-end gap-3" role="group" aria-label="What to compare">
              <SelectField label="From (A)" value={from} options={options} onChange={(e) => setParams({ from: e.target.value })} className="w-full sm:w-48" />
              <Button type="button" variant="ghost" onClick={() => setParams({ from: to, to: from })}>
                <span aria-hidden>⇄</span> Swap
              </Button>
              <SelectField label="To (B)" value={to} options={options} onChange={(e) => setParams({ to: e.target.value })} className="w-full sm:w-48" />
              <SelectField
                label="Compare"
                value={source}
                options={[
                  { value: "draft", label: "Drafts (published next)" },
                  { value: "live", label: "Live versions (served now)" },
                ]}
                onChange={(e) => setParams({ source: e.target.value === "live" ? "live" : "draft" })}
                className="w-full sm:w-64"
              />
            </div>
          </Card>
          {from === to ? (
            <Alert tone="info">Pick two different environments.</Alert>
          ) : (
            <CompareResultView key={`${from}>${to}:${source}`} project={project} from={from} to={to} source={source} nameOf={nameOf} />
          )}
        </div>
      )}
    </>
  );
}

function CompareResultView({
  project,
  from,
  to,
  source,
  nameOf,
}: {
  project: ProjectDetail;
  from: string;
  to: string;
  source: CompareSource;
  nameOf: (slug: string) => string;
}) {
  const { data, error, isPending, isFetching, refetch } = useCompare(project.slug, from, to, source);
  const promote = usePromote(project.slug);
  const { canEdit } = usePermissions();
  const idBase = useId();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<{ count: number } | null>(null);
  const [promoteError, setPromoteError] = useState<string | null>(null);
  const toEnv = project.environments.find((e) => e.slug === to);

  if (isPending) return <Loading label="Comparing…" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;

  const onlyInFrom = data.onlyInFrom;
  const chosen = onlyInFrom.filter((o) => selected.has(o));
  const toggle = (origin: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(origin);
      else next.delete(origin);
      return next;
    });

  function onPromote() {
    setPromoteError(null);
    setDone(null);
    promote.mutate(
      { from, to, origins: chosen, source },
      {
        onSuccess: () => {
          setDone({ count: chosen.length });
          setSelected(new Set());
        },
        onError: (e) => setPromoteError(e instanceof ApiError ? (e.problem.errors?.map((x) => x.message).join(" ") || e.message) : e.message),
      },
    );
  }

  return (
    <div className="flex flex-col gap-4" aria-busy={isFetching || undefined}>
      {done ? (
        <Alert tone="success">
          Copied {done.count} {done.count === 1 ? "origin" : "origins"} into {nameOf(to)}&apos;s draft.{" "}
          <Link href={`/projects/${project.slug}/${to}`} className="font-medium underline">
            Open {nameOf(to)}&apos;s editor
          </Link>{" "}
          to review and publish{toEnv?.protected ? " (publishing it needs an approval)" : ""}.
        </Alert>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-3">
        <div role="region" aria-label={`Only in ${nameOf(from)}`} className="min-w-0">
          <Card className="h-full" title={<>Only in {nameOf(from)} <Count n={onlyInFrom.length} /></>}>
            {onlyInFrom.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing: every origin of {nameOf(from)} is also in {nameOf(to)}.</p>
            ) : (
              <fieldset className="flex min-w-0 flex-col gap-2">
                <legend className="sr-only">Origins only in {nameOf(from)}</legend>
                {canEdit ? (
                  <div className="flex flex-wrap gap-2 text-sm">
                    <button type="button" className="font-medium text-indigo-700 underline" onClick={() => setSelected(new Set(onlyInFrom))}>
                      Select all
                    </button>
                    <button type="button" className="font-medium text-indigo-700 underline" onClick={() => setSelected(new Set())} disabled={chosen.length === 0}>
                      Select none
                    </button>
                  </div>
                ) : null}
                <ul className="flex flex-col gap-1">
                  {onlyInFrom.map((o, i) => (
                    <li key={o} className="flex items-start gap-2 text-sm">
                      {canEdit ? (
                        <>
                          <input
                            id={`${idBase}-${i}`}
                            type="checkbox"
                            className="mt-0.5 h-4 w-4 shrink-0 accent-indigo-600"
                            checked={selected.has(o)}
                            onChange={(e) => toggle(o, e.target.checked)}
                          />
                          <label htmlFor={`${idBase}-${i}`} className="min-w-0 break-all font-mono text-slate-900">
                            {o}
                          </label>
                        </>
                      ) : (
                        <span className="min-w-0 break-all font-mono text-slate-900">{o}</span>
                      )}
                    </li>
                  ))}
                </ul>
                {canEdit ? (
                  <div className="mt-2 flex flex-col gap-2 border-t border-slate-200 pt-3">
                    <Button type="button" onClick={onPromote} disabled={chosen.length === 0} busy={promote.isPending}>
                      {chosen.length ? `Copy ${chosen.length} to ${nameOf(to)}'s draft` : `Copy to ${nameOf(to)}'s draft`}
                    </Button>
                    <p className="text-xs text-slate-600">Adds them to the draft only; nothing is published until someone publishes {nameOf(to)}.</p>
                    {promoteError ? (
                      <p className="text-sm text-red-700" role="alert">
                        {promoteError}
                      </p>
                    ) : null}
                  </div>
                ) : null}
              </fieldset>
            )}
          </Card>
        </div>
        <div role="region" aria-label="In both" className="min-w-0">
          <Card className="h-full" title={<>In both <Count n={data.inBoth.length} /></>}>
            <OriginList origins={data.inBoth} empty="No origin is in both." />
          </Card>
        </div>
        <div role="region" aria-label={`Only in ${nameOf(to)}`} className="min-w-0">
          <Card className="h-full" title={<>Only in {nameOf(to)} <Count n={data.onlyInTo.length} /></>}>
            <OriginList origins={data.onlyInTo} empty={`Nothing: every origin of ${nameOf(to)} is also in ${nameOf(from)}.`} />
          </Card>
        </div>
      </div>

      <SettingsTable result={data} fromName={nameOf(from)} toName={nameOf(to)} />
    </div>
  );
}

const Count = ({ n }: { n: number }) => <span className="ml-1 rounded-full bg-slate-100 px-2 text-xs font-medium text-slate-700">{n}</span>;

function OriginList({ origins, empty }: { origins: string[]; empty: string }) {
  if (origins.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="flex flex-col gap-1">
      {origins.map((o) => (
        <li key={o} className="break-all font-mono text-sm text-slate-900">
          {o}
        </li>
      ))}
    </ul>
  );
}

const SETTING_LABELS: Record<string, string> = {
  allowCredentials: "Credentials",
  allowedMethods: "Methods",
  allowedHeaders: "Request headers",
  reflectRequestHeaders: "Reflect requested headers",
  exposedHeaders: "Exposed headers",
  maxAgeSeconds: "Preflight max age",
  noOrigin: "Requests without Origin",
  allowPrivateNetwork: "Private network access",
};

export function formatSetting(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function SettingsTable({ result, fromName, toName }: { result: CompareResult; fromName: string; toName: string }) {
  const differing = result.settings.filter((s) => JSON.stringify(s.from) !== JSON.stringify(s.to)).length;
  return (
    <Card title="Settings" actions={<span className="text-sm text-slate-700">{differing === 0 ? "The same in both" : `${differing} ${differing === 1 ? "differs" : "differ"}`}</span>}>
      {result.settings.length === 0 ? (
        <p className="text-sm text-slate-600">
          Credentials, methods, headers, max age and the other settings are the same in {fromName} and {toName}.
        </p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full min-w-[28rem] text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">Setting</th>
                <th scope="col" className="py-2 pr-3 font-medium">{fromName}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{toName}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {result.settings.map((s) => {
                const differs = JSON.stringify(s.from) !== JSON.stringify(s.to);
                return (
                  <tr key={s.field} className={differs ? "bg-amber-50" : undefined}>
                    <th scope="row" className="py-2 pr-3 font-medium text-slate-800">
                      {SETTING_LABELS[s.field] ?? s.field} {differs ? <Badge tone="amber">differs</Badge> : null}
                    </th>
                    <td className="break-words py-2 pr-3 font-mono text-xs text-slate-800">{formatSetting(s.from)}</td>
                    <td className="break-words py-2 pr-3 font-mono text-xs text-slate-800">{formatSetting(s.to)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
