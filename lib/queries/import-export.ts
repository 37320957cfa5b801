"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ExportDocument } from "@/lib/api/schemas/editing";
import type { ProjectDetail } from "@/lib/api/schemas/project";
import { apiFetch } from "@/lib/queries/api-fetch";

export type ImportMode = "create" | "replace-drafts";

/** Where the export document of a project is downloaded from (drafts' content). */
export const exportUrl = (project: string) => `/api/v1/projects/${encodeURIComponent(project)}/export`;

/** Import a project document (under `slug` when given); a 422 ApiError lists every problem in `problem.errors`. */
export function useImportProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { document: ExportDocument | unknown; mode: ImportMode; slug?: string }) =>
      apiFetch<{ project: ProjectDetail }>("/api/v1/projects/import", { method: "POST", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["projects"] }),
  });
}
