"use client";
import Link from "next/link";
import { useProject } from "@/lib/queries/projects";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { PageHeader } from "@/components/layout/page-header";

/** A project's environments with their current allowlists and settings (read-only view). */
export function ProjectView({ slug }: { slug: string }) {
  const { data, error, isPending, refetch } = useProject(slug);
  if (isPending) return <Loading label="Loading project…" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  const project = data.project;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/" className="hover:underline">
          Projects
        </Link>{" "}
        / <span className="text-slate-900">{project.name}</span>
      </nav>
      <PageHeader title={project.name} description={project.description ?? undefined} />
      <div className="grid gap-4 lg:grid-cols-3">
        {project.environments.map((env) => (
          <Card
            key={env.id}
            title={
              <span className="flex items-center gap-2">
                {env.name}
                {env.protected ? <Badge tone="amber">protected</Badge> : null}
              </span>
            }
            actions={<span className="text-xs text-slate-500">{env.latestVersion ? `live: v${env.latestVersion}` : "not published"}</span>}
          >
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Allowed origins</h3>
            {env.draft.origins.length === 0 ? (
              <EmptyState title="No origins">Nothing is allowed cross-origin.</EmptyState>
            ) : (
              <ul className="mt-2 space-y-1">
                {env.draft.origins.map((o) => (
                  <li key={o.value} className="text-sm text-slate-800">
                    <span className="break-all font-mono">{o.value}</span>
                    {o.note ? <span className="block text-xs text-slate-500">{o.note}</span> : null}
                  </li>
                ))}
              </ul>
            )}
            <dl className="mt-4 grid grid-cols-2 gap-x-2 gap-y-1 text-xs text-slate-700">
              <dt className="text-slate-500">Credentials</dt>
              <dd>{env.draft.allowCredentials ? "allowed" : "not allowed"}</dd>
              <dt className="text-slate-500">Methods</dt>
              <dd className="break-words">{env.draft.allowedMethods.join(", ") || "—"}</dd>
              <dt className="text-slate-500">Headers</dt>
              <dd className="break-words">{env.draft.reflectRequestHeaders ? "reflect requested" : env.draft.allowedHeaders.join(", ") || "—"}</dd>
              <dt className="text-slate-500">Max age</dt>
              <dd>{env.draft.maxAgeSeconds === null ? "browser default" : `${env.draft.maxAgeSeconds} s`}</dd>
              <dt className="text-slate-500">No Origin</dt>
              <dd>{env.draft.noOrigin === "allow" ? "pass through" : "rejected"}</dd>
            </dl>
          </Card>
        ))}
      </div>
    </>
  );
}
