"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ConsumerList, ObservedOrigin } from "@/lib/api/schemas/config";
import { apiFetch } from "@/lib/queries/api-fetch";
import { environmentKey, environmentPath } from "@/lib/queries/drafts";

export type { ConsumerList, ObservedOrigin };

/** Refreshed every 15 s while the page is open (consumers are recorded in batches every 2 s). */
const REFRESH_MS = 15_000;

export const consumersQuery = (project: string, environment: string) =>
  queryOptions({
    queryKey: [...environmentKey(project, environment), "consumers"],
    queryFn: ({ signal }) => apiFetch<ConsumerList>(`${environmentPath(project, environment)}/consumers`, { signal }),
    refetchInterval: REFRESH_MS,
  });

export const observedQuery = (project: string, environment: string, limit = 20) =>
  queryOptions({
    queryKey: [...environmentKey(project, environment), "observed", limit],
    queryFn: ({ signal }) =>
      apiFetch<{ project: string; environment: string; origins: ObservedOrigin[] }>(`${environmentPath(project, environment)}/observed?limit=${limit}`, { signal }),
    refetchInterval: REFRESH_MS,
  });

/** Who reads this environment's config (and at which version), and which origins those services saw. */
export function useConsumers(project: string, environment: string) {
  const consumers = useQuery(consumersQuery(project, environment));
  const observed = useQuery(observedQuery(project, environment));
  return { consumers, observed };
}
