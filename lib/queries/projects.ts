"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ProjectDetail, ProjectSummary } from "@/lib/api/schemas/project";
import { apiFetch } from "@/lib/queries/api-fetch";

export const projectsQuery = () =>
  queryOptions({ queryKey: ["projects"], queryFn: () => apiFetch<{ projects: ProjectSummary[] }>("/api/v1/projects") });
export const projectQuery = (slug: string) =>
  queryOptions({ queryKey: ["projects", slug], queryFn: () => apiFetch<{ project: ProjectDetail }>(`/api/v1/projects/${encodeURIComponent(slug)}`) });

export const useProjects = () => useQuery(projectsQuery());
export const useProject = (slug: string) => useQuery(projectQuery(slug));
