"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  CreateSavedCheckBody,
  SavedCheck,
  SavedCheckList,
  SavedCheckPredictions,
  SavedCheckRunResult,
  UpdateSavedCheckRequest,
} from "@/lib/api/schemas/saved-check";
import { apiFetch } from "@/lib/queries/api-fetch";
import { environmentKey, environmentPath } from "@/lib/queries/drafts";

export const savedChecksKey = (project: string, environment: string) => [...environmentKey(project, environment), "checks"] as const;
const checksPath = (project: string, environment: string) => `${environmentPath(project, environment)}/checks`;

/** How long after a publish the panel keeps looking for the run it triggers. */
const AFTER_PUBLISH_WINDOW_MS = 60_000;
const POLL_MS = 1500;

/**
 * True while the checks are expected to run after a recent publish: some
 * check has not run on the live version yet, and the version is recent.
 */
export function runAfterPublishExpected(list: SavedCheckList | undefined, now = Date.now()): boolean {
  if (!list || list.checks.length === 0 || list.liveVersion === null || !list.livePublishedAt) return false;
  const publishedAt = Date.parse(list.livePublishedAt);
  if (now - publishedAt > list.afterPublishDelayMs + AFTER_PUBLISH_WINDOW_MS) return false;
  return list.checks.some((c) => c.lastRun === null || c.lastRun.version !== list.liveVersion || Date.parse(c.lastRun.at) < publishedAt);
}

export const savedChecksQuery = (project: string, environment: string) =>
  queryOptions({
    queryKey: savedChecksKey(project, environment),
    queryFn: ({ signal }) => apiFetch<SavedCheckList>(checksPath(project, environment), { signal }),
    // A publish runs the checks a few seconds later: look again until that run shows up.
    refetchInterval: (query) => (runAfterPublishExpected(query.state.data) ? POLL_MS : false),
  });

export const useSavedChecks = (project: string, environment: string) => useQuery(savedChecksQuery(project, environment));

/** What a prediction is about: the saved draft at a revision (publish dialog), a change request (approval), an old version (rollback). */
export type PredictionTarget = { kind: "draft"; revision: number } | { kind: "change-request"; id: string } | { kind: "version"; number: number };

function predictPath(project: string, environment: string, target: PredictionTarget): string {
  const path = `${checksPath(project, environment)}/predict`;
  if (target.kind === "change-request") return `${path}?changeRequest=${encodeURIComponent(target.id)}`;
  if (target.kind === "version") return `${path}?version=${target.number}`;
  return path;
}

/** Saved-check predictions for what would go live (see PredictionTarget). */
export const useSavedCheckPredictions = (project: string, environment: string, target: PredictionTarget, enabled: boolean) =>
  useQuery({
    queryKey: [...savedChecksKey(project, environment), "predict", target.kind, target.kind === "draft" ? target.revision : target.kind === "version" ? target.number : target.id],
    queryFn: ({ signal }) => apiFetch<SavedCheckPredictions>(predictPath(project, environment, target), { signal }),
    enabled,
  });

function useInvalidateChecks(project: string, environment: string) {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: savedChecksKey(project, environment) });
}

export function useCreateSavedCheck(project: string, environment: string) {
  const invalidate = useInvalidateChecks(project, environment);
  return useMutation({
    mutationFn: (body: CreateSavedCheckBody) => apiFetch<SavedCheck>(checksPath(project, environment), { method: "POST", body }),
    onSettled: invalidate,
  });
}

export function useUpdateSavedCheck(project: string, environment: string) {
  const invalidate = useInvalidateChecks(project, environment);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateSavedCheckRequest }) =>
      apiFetch<SavedCheck>(`${checksPath(project, environment)}/${encodeURIComponent(id)}`, { method: "PATCH", body }),
    onSettled: invalidate,
  });
}

export function useDeleteSavedCheck(project: string, environment: string) {
  const invalidate = useInvalidateChecks(project, environment);
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`${checksPath(project, environment)}/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: invalidate,
  });
}

/** Run all checks (no id) or one. The answer carries the updated checks, written into the cached list. */
export function useRunSavedChecks(project: string, environment: string) {
  const qc = useQueryClient();
  const key = savedChecksKey(project, environment);
  return useMutation({
    mutationFn: (id?: string) =>
      apiFetch<SavedCheckRunResult>(id ? `${checksPath(project, environment)}/${encodeURIComponent(id)}/run` : `${checksPath(project, environment)}/run`, { method: "POST" }),
    onSuccess: (run) => {
      const byId = new Map(run.checks.map((c) => [c.id, c]));
      qc.setQueryData<SavedCheckList>(key, (list) => (list ? { ...list, checks: list.checks.map((c) => byId.get(c.id) ?? c) } : list));
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: key, exact: true }),
  });
}
