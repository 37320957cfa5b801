"use client";
import Link from "next/link";
import { useProjects } from "@/lib/queries/projects";
import { Badge } from "@/components/ui/badge";
import { EmptyState, ErrorState, Loading } from "@/components/ui/states";

export function ProjectList() {
  const { data, error, isPending, refetch } = useProjects();
  if (isPending) return <Loading label="Loading projects…" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  if (data.projects.length === 0) {
    return <EmptyState title="No projects yet">A project is a service or API whose allowed origins you manage per environment.</EmptyState>;
  }
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {data.projects.map((p) => (
        <li key={p.id}>
          <Link
            href={`/projects/${p.slug}`}
            className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-indigo-300 hover:shadow"
          >
            <div className="flex items-center justify-between gap-2">
              <h2 className="font-semibold text-slate-900">{p.name}</h2>
              <span className="text-xs text-slate-500">{p.environments.length} environments</span>
            </div>
            {p.description ? <p className="mt-1 text-sm text-slate-600">{p.description}</p> : null}
            <ul className="mt-3 flex flex-wrap gap-2" aria-label={`Environments of ${p.name}`}>
              {p.environments.map((e) => (
                <li key={e.id} className="flex items-center gap-1 rounded-md bg-slate-50 px-2 py-1 text-xs text-slate-700 ring-1 ring-slate-200">
                  <span className="font-medium">{e.name}</span>
                  <span>· {e.originCount} origins</span>
                  {e.latestVersion ? <span>· v{e.latestVersion}</span> : <span>· unpublished</span>}
                  {e.protected ? <Badge tone="amber">protected</Badge> : null}
                </li>
              ))}
            </ul>
          </Link>
        </li>
      ))}
    </ul>
  );
}
