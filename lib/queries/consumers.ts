"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Consumer, ConsumerList, ObservedOrigin } from "@/lib/api/schemas/config";
import { apiFetch } from "@/lib/queries/api-fetch";
import { environmentKey, environmentPath } from "@/lib/queries/drafts";

export type { Consumer, ConsumerList, ObservedOrigin };

/** Observed origins: refreshed every 15 s while the page is open (the SDK reports them in batches). */
const REFRESH_MS = 15_000;
/**
 * Consumers: every second while the page is visible (React Query pauses it in
 * a background tab). Version changes and closed streams are written at once,
 * so "all N on the latest version" is right within ~2 s of a publish made
 * anywhere, and a killed service shows as gone as soon as its stream closes.
 * One cheap query (an index lookup, ≤ 1,000 rows) per open panel per second.
 */
const CONSUMERS_REFRESH_MS = 1_000;

export const consumersQuery = (project: string, environment: string) =>
  queryOptions({
    queryKey: [...environmentKey(project, environment), "consumers"],
    queryFn: ({ signal }) => apiFetch<ConsumerList>(`${environmentPath(project, environment)}/consumers`, { signal }),
    refetchInterval: CONSUMERS_REFRESH_MS,
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
