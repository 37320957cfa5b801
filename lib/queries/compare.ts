"use client";
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CompareResult, Draft } from "@/lib/api/schemas/editing";

export type { CompareResult };
import { apiFetch } from "@/lib/queries/api-fetch";
import { draftKey } from "@/lib/queries/drafts";
import { projectQuery } from "@/lib/queries/projects";

export type CompareSource = "draft" | "live";

export const compareQuery = (project: string, from: string, to: string, source: CompareSource) =>
  queryOptions({
    queryKey: ["compare", project, { from, to, source }],
    queryFn: () =>
      apiFetch<CompareResult>(`/api/v1/projects/${encodeURIComponent(project)}/compare?${new URLSearchParams({ from, to, source })}`),
    enabled: Boolean(from && to && from !== to),
    placeholderData: keepPreviousData,
  });

export const useCompare = (project: string, from: string, to: string, source: CompareSource) => useQuery(compareQuery(project, from, to, source));

/** Copy origins of `from` into `to`'s draft (promote). Answers with `to`'s new draft. */
export function usePromote(project: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ from, to, origins, source }: { from: string; to: string; origins: string[]; source: CompareSource }) =>
      apiFetch<Draft>(`/api/v1/projects/${encodeURIComponent(project)}/environments/${encodeURIComponent(to)}/promote`, {
        method: "POST",
        body: { from, origins, source },
      }),
    // The editor opens on the draft the server answered with.
    onSuccess: (draft, { to }) => qc.setQueryData(draftKey(project, to), draft),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ["compare", project] }),
        // The project page and lists show origin counts.
        qc.invalidateQueries({ queryKey: projectQuery(project).queryKey, exact: true }),
        qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === "projects" && typeof q.queryKey[1] === "object" }),
      ]),
  });
}
