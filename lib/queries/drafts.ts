"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { draftSchema, type Draft, type PublishResult, type SaveDraftRequest } from "@/lib/api/schemas/editing";
import type { OriginRule, PolicyContent } from "@/lib/api/schemas/policy";
import { ApiError, apiFetch } from "@/lib/queries/api-fetch";
import { projectQuery, projectsQuery } from "@/lib/queries/projects";

export type { PublishResult };

const enc = encodeURIComponent;
/** Base path of one environment in the management API. */
export const environmentPath = (project: string, environment: string) => `/api/v1/projects/${enc(project)}/environments/${enc(environment)}`;

/** Everything cached about one environment lives under this key (draft, versions…). */
export const environmentKey = (project: string, environment: string) => ["projects", project, "environments", environment] as const;
export const draftKey = (project: string, environment: string) => [...environmentKey(project, environment), "draft"] as const;

export const draftQuery = (project: string, environment: string) =>
  queryOptions({
    queryKey: draftKey(project, environment),
    queryFn: ({ signal }) => apiFetch<Draft>(`${environmentPath(project, environment)}/draft`, { signal }),
  });

export const useDraft = (project: string, environment: string) => useQuery(draftQuery(project, environment));

/** The project pages show drafts too: refresh them (not the whole ["projects", slug] tree) after a change. */
export function invalidateProjectViews(qc: ReturnType<typeof useQueryClient>, project: string) {
  void qc.invalidateQueries({ queryKey: projectQuery(project).queryKey, exact: true });
  void qc.invalidateQueries({ queryKey: projectsQuery().queryKey, exact: true });
}

/** The content a save request will produce (for optimistic cache updates). */
export function contentOfRequest(request: SaveDraftRequest): PolicyContent {
  const { revision: _revision, origins, ...settings } = request;
  return { ...settings, origins: origins.map((o): OriginRule => ({ value: o.value, note: o.note ?? null, expiresAt: o.expiresAt ?? null })) };
}

/**
 * Save the whole draft (PUT) at the revision it was loaded at. Optimistic: the
 * cached draft shows the new content at once and is put back if the server
 * refuses (422) or someone saved in between (409 `stale_revision`).
 */
export function useSaveDraft(project: string, environment: string) {
  const qc = useQueryClient();
  const key = draftKey(project, environment);
  return useMutation({
    mutationFn: (request: SaveDraftRequest) => apiFetch<Draft>(`${environmentPath(project, environment)}/draft`, { method: "PUT", body: request }),
    onMutate: async (request) => {
      await qc.cancelQueries({ queryKey: key, exact: true });
      const previous = qc.getQueryData<Draft>(key);
      if (previous) qc.setQueryData<Draft>(key, { ...previous, content: contentOfRequest(request) });
      return { previous };
    },
    onError: (error, _request, context) => {
      const current = staleDraftOf(error);
      if (current) qc.setQueryData<Draft>(key, current);
      else if (context?.previous) qc.setQueryData<Draft>(key, context.previous);
    },
    onSuccess: (draft) => {
      qc.setQueryData<Draft>(key, draft);
      invalidateProjectViews(qc, project);
    },
  });
}

/** Add origins without a revision: the server merges them (duplicates skipped). Optimistic append. */
export function useAddOrigins(project: string, environment: string) {
  const qc = useQueryClient();
  const key = draftKey(project, environment);
  return useMutation({
    mutationFn: (origins: OriginRule[]) => apiFetch<Draft>(`${environmentPath(project, environment)}/draft/origins`, { method: "POST", body: { origins } }),
    onMutate: async (origins) => {
      await qc.cancelQueries({ queryKey: key, exact: true });
      const previous = qc.getQueryData<Draft>(key);
      if (previous) {
        const known = new Set(previous.content.origins.map((o) => o.value));
        const added = origins.filter((o) => !known.has(o.value));
        qc.setQueryData<Draft>(key, { ...previous, content: { ...previous.content, origins: [...previous.content.origins, ...added] } });
      }
      return { previous };
    },
    onError: (_error, _origins, context) => {
      if (context?.previous) qc.setQueryData<Draft>(key, context.previous);
    },
    onSuccess: (draft) => {
      qc.setQueryData<Draft>(key, draft);
      invalidateProjectViews(qc, project);
    },
  });
}

/** When a save or publish was refused because the draft moved on: the server's current draft. */
export function staleDraftOf(error: unknown): Draft | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.problem.code !== "stale_revision") return null;
  const parsed = draftSchema.safeParse(error.problem.current);
  return parsed.success ? parsed.data : null;
}

/** Publish the saved draft: a new version (201), or a change request in a protected environment (202). */
export function usePublish(project: string, environment: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { message: string; revision: number }) =>
      apiFetch<PublishResult>(`${environmentPath(project, environment)}/publish`, { method: "POST", body: input }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: environmentKey(project, environment) });
      void qc.invalidateQueries({ queryKey: ["change-requests"] });
      invalidateProjectViews(qc, project);
    },
  });
}
