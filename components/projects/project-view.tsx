"use client";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { exportUrl } from "@/lib/queries/import-export";
import { usePendingApprovals, useProject, useReorderEnvironments } from "@/lib/queries/projects";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Alert, EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { PageHeader } from "@/components/layout/page-header";
import { AddEnvironmentForm } from "@/components/projects/add-environment-form";
import { ArchiveControl } from "@/components/projects/archive-control";
import { EnvironmentCard } from "@/components/projects/environment-card";
import { ProjectDetailsForm } from "@/components/projects/project-details-form";
import { usePermissions } from "@/lib/queries/permissions";

const secondaryLink =
  "inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

/** A project: its environments in order (each linking to its editor), and the project's settings. */
export function ProjectView({ slug }: { slug: string }) {
  const { data, error, isPending, refetch } = useProject(slug);
  const permissions = usePermissions();
  const pending = usePendingApprovals(slug);
  const reorder = useReorderEnvironments(slug);
  const idPrefix = useId();
  const [focusAfterMove, setFocusAfterMove] = useState<{ env: string; direction: "up" | "down" } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [reorderError, setReorderError] = useState<string | null>(null);

  const environments = data?.project.environments ?? [];
  const order = environments.map((e) => e.slug).join(",");
  const moveId = (env: string, direction: "up" | "down") => `${idPrefix}-move-${direction}-${env}`;

  // Keep keyboard focus on the moved environment's button (or its twin when it reached an end).
  useEffect(() => {
    if (!focusAfterMove) return;
    const preferred = document.getElementById(moveId(focusAfterMove.env, focusAfterMove.direction)) as HTMLButtonElement | null;
    const other = document.getElementById(moveId(focusAfterMove.env, focusAfterMove.direction === "up" ? "down" : "up")) as HTMLButtonElement | null;
    (preferred && !preferred.disabled ? preferred : other)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the order changes
  }, [order, focusAfterMove]);

  if (isPending) return <Loading label="Loading project…" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  const project = data.project;
  // An archived project is read-only until unarchived (the API refuses changes to it).
  const canEdit = permissions.canEdit && !project.archived;
  const isAdmin = permissions.isAdmin;

  function move(env: string, direction: "up" | "down") {
    const slugs = environments.map((e) => e.slug);
    const from = slugs.indexOf(env);
    const to = direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= slugs.length) return;
    [slugs[from], slugs[to]] = [slugs[to]!, slugs[from]!];
    setReorderError(null);
    setFocusAfterMove({ env, direction });
    const name = environments[from]!.name;
    reorder.mutate(slugs, {
      onSuccess: () => setAnnouncement(`${name} moved to position ${to + 1} of ${slugs.length}.`),
      onError: (e) => {
        setReorderError(`The order could not be saved: ${e.message}`);
        setAnnouncement("");
      },
      onSettled: () => setFocusAfterMove((f) => (f?.env === env && f.direction === direction ? null : f)),
    });
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/" className="hover:underline">
          Projects
        </Link>{" "}
        / <span className="text-slate-900">{project.name}</span>
      </nav>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all">{project.name}</span>
            {project.archived ? <Badge>archived</Badge> : null}
          </span>
        }
        description={project.description ?? undefined}
        actions={
          <div className="flex flex-wrap gap-2">
            {environments.length >= 2 ? (
              <Link href={`/projects/${project.slug}/compare`} className={secondaryLink}>
                Compare &amp; promote
              </Link>
            ) : null}
            <a href={exportUrl(project.slug)} download={`${project.slug}.corsboard.json`} className={secondaryLink}>
              Export JSON
            </a>
            <Link href={`/audit?${new URLSearchParams({ project: project.slug })}`} className={secondaryLink}>
              Audit log<span className="sr-only"> of {project.name}</span>
            </Link>
          </div>
        }
      />

      {project.archived ? (
        <div className="mb-4">
          <Alert tone="warning">This project is archived. Its environments and history are kept but can&apos;t be changed; unarchive it to list and edit it again.</Alert>
        </div>
      ) : null}

      <section aria-labelledby="environments-heading" className="flex flex-col gap-3">
        <h2 id="environments-heading" className="sr-only">
          Environments
        </h2>
        {reorderError ? <Alert tone="error">{reorderError}</Alert> : null}
        <p aria-live="polite" className="sr-only">
          {announcement}
        </p>
        {environments.length === 0 ? (
          <EmptyState title="No environments">{canEdit ? "Add the first one below." : "An editor can add environments."}</EmptyState>
        ) : (
          <ol className="grid gap-4 md:grid-cols-2 lg:grid-cols-3" aria-label="Environments, in order">
            {environments.map((env, i) => (
              <li key={env.id} className="min-w-0">
                <EnvironmentCard
                  project={project.slug}
                  env={env}
                  index={i}
                  count={environments.length}
                  pendingApprovals={pending.data?.[`${project.slug}/${env.slug}`] ?? 0}
                  canEdit={canEdit}
                  isAdmin={isAdmin}
                  moveIds={{ up: moveId(env.slug, "up"), down: moveId(env.slug, "down") }}
                  onMove={(direction) => move(env.slug, direction)}
                />
              </li>
            ))}
          </ol>
        )}
      </section>

      {permissions.canEdit ? (
        <div className="mt-6 grid gap-4 md:grid-cols-2">
          {canEdit ? (
            <Card title="Add an environment">
              <AddEnvironmentForm project={project.slug} isAdmin={isAdmin} />
            </Card>
          ) : null}
          <Card title="Project details">
            <ProjectDetailsForm project={project} />
            <div className="mt-6 border-t border-slate-200 pt-4">
              <h3 className="mb-2 text-sm font-semibold text-slate-900">{project.archived ? "Archived" : "Archive"}</h3>
              <ArchiveControl project={project} />
            </div>
          </Card>
        </div>
      ) : null}
    </>
  );
}
