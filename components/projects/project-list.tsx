"use client";
import Link from "next/link";
import { useState } from "react";
import type { ProjectSummary } from "@/lib/api/schemas/project";
import { usePendingApprovals, useProjects } from "@/lib/queries/projects";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { CreateProjectForm } from "@/components/projects/create-project-form";
import { usePermissions } from "@/lib/queries/permissions";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The projects with their environments; editors create new ones here. */
export function ProjectList() {
  const [includeArchived, setIncludeArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const { canEdit } = usePermissions();
  const { data, error, isPending, isFetching, refetch } = useProjects({ includeArchived });
  const pending = usePendingApprovals();

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CheckboxField label="Show archived projects" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
        {canEdit ? (
          <div className="flex flex-wrap gap-2">
            <Link
              href="/projects/import"
              className="inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              Import project
            </Link>
            <Button type="button" aria-expanded={creating} aria-controls="new-project" onClick={() => setCreating((v) => !v)}>
              {creating ? "Close" : "New project"}
            </Button>
          </div>
        ) : null}
      </div>

      {canEdit && creating ? (
        <div id="new-project">
          <Card title="New project">
            <CreateProjectForm onCancel={() => setCreating(false)} />
          </Card>
        </div>
      ) : null}

      {isPending ? (
        <Loading label="Loading projects…" />
      ) : error ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : data.projects.length === 0 ? (
        <EmptyState title={includeArchived ? "No projects at all" : "No projects yet"}>
          A project is a service or API whose allowed origins you manage per environment.
          {canEdit ? " Create one with “New project”, or import an exported one." : null}
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-busy={isFetching || undefined} aria-label="Projects">
          {data.projects.map((p) => (
            <li key={p.id} className="min-w-0">
              <ProjectCard project={p} pending={pending.data ?? {}} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProjectCard({ project: p, pending }: { project: ProjectSummary; pending: Record<string, number> }) {
  return (
    <article className={`h-full rounded-lg border bg-white p-4 shadow-sm ${p.archived ? "border-dashed border-slate-300" : "border-slate-200"}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="min-w-0 break-words font-semibold text-slate-900">
          <Link href={`/projects/${p.slug}`} className="rounded hover:text-indigo-700 hover:underline">
            {p.name}
          </Link>
        </h2>
        <div className="flex items-center gap-2">
          {p.archived ? <Badge>archived</Badge> : null}
          <span className="text-xs text-slate-600">{plural(p.environments.length, "environment")}</span>
        </div>
      </div>
      {p.slug !== p.name ? <p className="mt-0.5 break-all font-mono text-xs text-slate-600">{p.slug}</p> : null}
      {p.description ? <p className="mt-1 text-sm text-slate-700">{p.description}</p> : null}
      {p.environments.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No environments yet.</p>
      ) : (
        <ul className="mt-3 flex flex-col divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" aria-label={`Environments of ${p.name}`}>
          {p.environments.map((e) => {
            const waiting = pending[`${p.slug}/${e.slug}`] ?? 0;
            return (
              <li key={e.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                <Link href={`/projects/${p.slug}/${e.slug}`} className="min-w-0 break-all font-medium text-indigo-700 hover:underline">
                  {e.name}
                </Link>
                <span className="text-slate-700">{plural(e.originCount, "origin")}</span>
                <span className="text-slate-700">{e.latestVersion ? `live v${e.latestVersion}` : "not published"}</span>
                <span className="ml-auto flex flex-wrap gap-1">
                  {e.protected ? <Badge tone="amber">protected</Badge> : null}
                  {waiting > 0 ? (
                    <Link href="/approvals" className="rounded-full">
                      <Badge tone="indigo">{plural(waiting, "approval")} waiting</Badge>
                    </Link>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}
