"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PublishResult, RollbackPreview, Version, VersionSummary } from "@/lib/api/schemas/editing";
import { apiFetch } from "@/lib/queries/api-fetch";
import { environmentKey, environmentPath, invalidateProjectViews } from "@/lib/queries/drafts";

export type { Version, VersionSummary };

export const versionsKey = (project: string, environment: string) => [...environmentKey(project, environment), "versions"] as const;

/** Every published version of an environment, newest first. */
export const versionsQuery = (project: string, environment: string) =>
  queryOptions({
    queryKey: versionsKey(project, environment),
    queryFn: ({ signal }) => apiFetch<{ versions: VersionSummary[] }>(`${environmentPath(project, environment)}/versions`, { signal }),
  });

/** One version with its content and the diff against the version before it. Immutable, so cached for good. */
export const versionQuery = (project: string, environment: string, number: number) =>
  queryOptions({
    queryKey: [...versionsKey(project, environment), number],
    queryFn: ({ signal }) => apiFetch<Version>(`${environmentPath(project, environment)}/versions/${number}`, { signal }),
    staleTime: Infinity,
  });

export const useVersions = (project: string, environment: string) => useQuery(versionsQuery(project, environment));
export const useVersion = (project: string, environment: string, number: number, enabled = true) =>
  useQuery({ ...versionQuery(project, environment, number), enabled });

/** What rolling back to `number` would change against the live version (refetched: live moves). */
export const useRollbackPreview = (project: string, environment: string, number: number) =>
  useQuery({
    queryKey: [...versionsKey(project, environment), number, "rollback-preview"],
    queryFn: ({ signal }) => apiFetch<RollbackPreview>(`${environmentPath(project, environment)}/versions/${number}/rollback`, { signal }),
  });

/** Publish an old version's content as a new version (protected environments: a change request). */
export function useRollback(project: string, environment: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ number, message }: { number: number; message?: string }) =>
      apiFetch<PublishResult>(`${environmentPath(project, environment)}/versions/${number}/rollback`, {
        method: "POST",
        body: message ? { message } : {},
      }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: environmentKey(project, environment) });
      void qc.invalidateQueries({ queryKey: ["change-requests"] });
      invalidateProjectViews(qc, project);
    },
  });
}
