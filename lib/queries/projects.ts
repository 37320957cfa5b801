"use client";
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { EnvironmentSummary, ProjectDetail, ProjectSummary } from "@/lib/api/schemas/project";
import type { CreateEnvironmentRequest, CreateProjectRequest, UpdateEnvironmentRequest, UpdateProjectRequest } from "@/lib/api/schemas/editing";
import { ApiError, apiFetch } from "@/lib/queries/api-fetch";

const projectPath = (slug: string) => `/api/v1/projects/${encodeURIComponent(slug)}`;

export const projectsQuery = ({ includeArchived = false }: { includeArchived?: boolean } = {}) =>
  queryOptions({
    queryKey: ["projects", { includeArchived }],
    queryFn: () => apiFetch<{ projects: ProjectSummary[] }>(`/api/v1/projects${includeArchived ? "?archived=include" : ""}`),
  });
export const projectQuery = (slug: string) =>
  queryOptions({ queryKey: ["projects", slug], queryFn: () => apiFetch<{ project: ProjectDetail }>(projectPath(slug)) });

export const useProjects = (options: { includeArchived?: boolean } = {}) => useQuery(projectsQuery(options));
export const useProject = (slug: string) => useQuery(projectQuery(slug));

/** Every list and detail of projects (and the project-scoped reads that show them) may be stale after a change. */
const invalidateProjects = (qc: QueryClient) => qc.invalidateQueries({ queryKey: ["projects"] });

/** Apply `update` to the cached project detail; returns what to put back on error. */
async function patchCachedProject(qc: QueryClient, slug: string, update: (p: ProjectDetail) => ProjectDetail) {
  const key = projectQuery(slug).queryKey;
  await qc.cancelQueries({ queryKey: key });
  const previous = qc.getQueryData(key);
  if (previous) qc.setQueryData(key, { project: update(previous.project) });
  return { previous, key };
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProjectRequest) => apiFetch<{ project: ProjectDetail }>("/api/v1/projects", { method: "POST", body: input }),
    onSuccess: ({ project }) => {
      qc.setQueryData(projectQuery(project.slug).queryKey, { project });
      return invalidateProjects(qc);
    },
  });
}

/** Rename, describe, archive or unarchive; the new values show at once and are put back if refused. */
export function useUpdateProject(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateProjectRequest) => apiFetch<{ project: ProjectDetail }>(projectPath(slug), { method: "PATCH", body: input }),
    onMutate: (input) =>
      patchCachedProject(qc, slug, (p) => ({
        ...p,
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.description === undefined ? {} : { description: input.description || null }),
        ...(input.archived === undefined ? {} : { archived: input.archived }),
      })),
    onError: (_e, _v, context) => {
      if (context?.previous) qc.setQueryData(context.key, context.previous);
    },
    onSuccess: ({ project }) => qc.setQueryData(projectQuery(slug).queryKey, { project }),
    onSettled: () => invalidateProjects(qc),
  });
}

export function useCreateEnvironment(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateEnvironmentRequest) =>
      apiFetch<{ environment: EnvironmentSummary }>(`${projectPath(slug)}/environments`, { method: "POST", body: input }),
    onSettled: () => invalidateProjects(qc),
  });
}

/** Rename, change base URLs or (admins) mark protected; optimistic. */
export function useUpdateEnvironment(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ environment, ...input }: UpdateEnvironmentRequest & { environment: string }) =>
      apiFetch<{ environment: EnvironmentSummary }>(`${projectPath(slug)}/environments/${encodeURIComponent(environment)}`, { method: "PATCH", body: input }),
    onMutate: ({ environment, ...input }) =>
      patchCachedProject(qc, slug, (p) => ({
        ...p,
        environments: p.environments.map((e) =>
          e.slug === environment
            ? {
                ...e,
                ...(input.name === undefined ? {} : { name: input.name }),
                ...(input.protected === undefined ? {} : { protected: input.protected }),
                ...(input.baseUrls === undefined ? {} : { baseUrls: input.baseUrls }),
              }
            : e,
        ),
      })),
    onError: (_e, _v, context) => {
      if (context?.previous) qc.setQueryData(context.key, context.previous);
    },
    onSettled: () => invalidateProjects(qc),
  });
}

/** New order of every environment (slugs); shows at once, put back if refused. */
export function useReorderEnvironments(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (order: string[]) => apiFetch<{ project: ProjectDetail }>(`${projectPath(slug)}/environment-order`, { method: "PUT", body: { order } }),
    onMutate: (order) =>
      patchCachedProject(qc, slug, (p) => ({
        ...p,
        environments: [...p.environments]
          .sort((a, b) => order.indexOf(a.slug) - order.indexOf(b.slug))
          .map((e, i) => ({ ...e, position: i })),
      })),
    onError: (_e, _v, context) => {
      if (context?.previous) qc.setQueryData(context.key, context.previous);
    },
    onSuccess: ({ project }) => qc.setQueryData(projectQuery(slug).queryKey, { project }),
    onSettled: () => invalidateProjects(qc),
  });
}

/**
 * Open change requests (approvals waiting) counted per `project/environment`.
 * The key sits under "change-requests" so the approvals screens' invalidations refresh it too.
 */
export const pendingApprovalsQuery = (project?: string) =>
  queryOptions({
    queryKey: ["change-requests", "pending-by-environment", project ?? null],
    queryFn: async () => {
      const params = new URLSearchParams({ status: "open", ...(project ? { project } : {}) });
      try {
        const { changeRequests } = await apiFetch<{ changeRequests: { project: string; environment: string }[] }>(`/api/v1/change-requests?${params}`);
        const counts: Record<string, number> = {};
        for (const cr of changeRequests) counts[`${cr.project}/${cr.environment}`] = (counts[`${cr.project}/${cr.environment}`] ?? 0) + 1;
        return counts;
      } catch (error) {
        // Approvals are optional information on these pages: never fail the page for them.
        if (error instanceof ApiError && error.status === 404) return {};
        throw error;
      }
    },
    retry: false,
  });

export const usePendingApprovals = (project?: string) => useQuery(pendingApprovalsQuery(project));
