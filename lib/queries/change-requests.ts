"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ChangeRequest, changeRequestStatusSchema } from "@/lib/api/schemas/editing";
import { apiFetch } from "@/lib/queries/api-fetch";
import { environmentKey, invalidateProjectViews } from "@/lib/queries/drafts";
import type { VersionSummary } from "@/lib/queries/versions";

export type ChangeRequestStatus = z.infer<typeof changeRequestStatusSchema>;
export interface ChangeRequestFilters {
  status?: ChangeRequestStatus;
  project?: string;
}

const base = "/api/v1/change-requests";

export const changeRequestsQuery = (filters: ChangeRequestFilters = {}) =>
  queryOptions({
    queryKey: ["change-requests", "list", filters],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
      return apiFetch<{ changeRequests: ChangeRequest[] }>(`${base}${params.size ? `?${params}` : ""}`, { signal });
    },
  });

export const changeRequestQuery = (id: string) =>
  queryOptions({
    queryKey: ["change-requests", "detail", id],
    queryFn: ({ signal }) => apiFetch<{ changeRequest: ChangeRequest }>(`${base}/${encodeURIComponent(id)}`, { signal }),
  });

export const useChangeRequests = (filters: ChangeRequestFilters = {}) => useQuery(changeRequestsQuery(filters));
export const useChangeRequest = (id: string) => useQuery(changeRequestQuery(id));

/** How many change requests wait for a reviewer (the nav badge); polls gently. */
export function useOpenChangeRequestCount() {
  return useQuery({
    ...changeRequestsQuery({ status: "open" }),
    refetchInterval: 60_000,
    retry: false,
    select: (data) => data.changeRequests.length,
  });
}

function useReview<I>(action: (input: I) => Promise<{ changeRequest: ChangeRequest; version?: VersionSummary | null }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: action,
    // Optimistic: the request leaves the "open" list at once; it comes back if the server refuses.
    onMutate: async (input: I) => {
      const id = (input as { id: string }).id;
      const key = changeRequestsQuery({ status: "open" }).queryKey;
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData(key);
      if (previous) qc.setQueryData(key, { changeRequests: previous.changeRequests.filter((c) => c.id !== id) });
      return { previous, key };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) qc.setQueryData(context.key, context.previous);
    },
    onSettled: (data) => {
      void qc.invalidateQueries({ queryKey: ["change-requests"] });
      if (data) {
        void qc.invalidateQueries({ queryKey: environmentKey(data.changeRequest.project, data.changeRequest.environment) });
        invalidateProjectViews(qc, data.changeRequest.project);
      }
    },
  });
}

export const useApproveChangeRequest = () =>
  useReview(({ id, comment }: { id: string; comment?: string }) =>
    apiFetch<{ changeRequest: ChangeRequest; version: VersionSummary }>(`${base}/${encodeURIComponent(id)}/approve`, {
      method: "POST",
      body: comment ? { comment } : {},
    }),
  );

export const useRejectChangeRequest = () =>
  useReview(({ id, comment }: { id: string; comment: string }) =>
    apiFetch<{ changeRequest: ChangeRequest }>(`${base}/${encodeURIComponent(id)}/reject`, { method: "POST", body: { comment } }),
  );

export const useWithdrawChangeRequest = () =>
  useReview(({ id }: { id: string }) => apiFetch<{ changeRequest: ChangeRequest }>(`${base}/${encodeURIComponent(id)}/withdraw`, { method: "POST" }));
