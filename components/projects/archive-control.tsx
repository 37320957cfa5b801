"use client";
import { useState } from "react";
import type { ProjectDetail } from "@/lib/api/schemas/project";
import { useUpdateProject } from "@/lib/queries/projects";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";

/** Archive (with an inline confirmation) or unarchive a project. */
export function ArchiveControl({ project }: { project: ProjectDetail }) {
  const update = useUpdateProject(project.slug);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const set = (archived: boolean) =>
    update.mutate(
      { archived },
      {
        onSuccess: () => {
          setConfirming(false);
          setError(null);
        },
        onError: (e) => setError(e.message),
      },
    );

  if (project.archived) {
    return (
      <div className="flex flex-col gap-2">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <p className="text-sm text-slate-700">This project is archived: it is hidden from the projects list until you unarchive it.</p>
        <div>
          <Button type="button" variant="secondary" busy={update.isPending} onClick={() => set(false)}>
            Unarchive project
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <p className="text-sm text-slate-700">Archiving hides the project from the projects list. Nothing is deleted, and you can unarchive it at any time.</p>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 p-3 ring-1 ring-red-200" role="group" aria-label="Confirm archiving">
          <span className="text-sm text-red-900">Archive {project.name}?</span>
          <Button type="button" variant="danger" busy={update.isPending} onClick={() => set(true)} autoFocus>
            Yes, archive it
          </Button>
          <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      ) : (
        <div>
          <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
            Archive project…
          </Button>
        </div>
      )}
    </div>
  );
}
