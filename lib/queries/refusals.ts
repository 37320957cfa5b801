"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ObservedRefusals } from "@/lib/api/schemas/config";
import { apiFetch } from "@/lib/queries/api-fetch";
import { environmentKey, environmentPath } from "@/lib/queries/drafts";

/** What services refused in the last hour; refreshed every 15 s like the consumers (SDKs report every minute by default). */
export const refusalsQuery = (project: string, environment: string) =>
  queryOptions({
    queryKey: [...environmentKey(project, environment), "refusals"],
    queryFn: ({ signal }) => apiFetch<ObservedRefusals>(`${environmentPath(project, environment)}/observed/refusals`, { signal }),
    refetchInterval: 15_000,
  });

export function useRefusals(project: string, environment: string) {
  return useQuery(refusalsQuery(project, environment));
}
