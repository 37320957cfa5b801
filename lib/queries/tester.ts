"use client";
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ProbeRequest, SignedProbeResult } from "@/lib/api/schemas/probe";
import type { CreatedProbeRecord, CreateProbeRecordRequest, ProbeRecord, ProbeRecordSummary } from "@/lib/api/schemas/probe-record";
import { apiFetch } from "@/lib/queries/api-fetch";

/** The server-side probe (POST /api/v1/probe): refusals (422 SSRF guard, 429, 403 sendActual for viewers) arrive as ApiError. */
export function useProbe() {
  return useMutation({
    mutationFn: (input: ProbeRequest) => apiFetch<SignedProbeResult>("/api/v1/probe", { method: "POST", body: input }),
  });
}

/** How many saved results the Recent list shows at first, and how many more "Load more" adds. */
export const RECENT_RECORDS_PAGE = 20;

export const probeRecordsQuery = (limit = RECENT_RECORDS_PAGE) =>
  queryOptions({
    queryKey: ["probe-records", { limit }],
    queryFn: () => apiFetch<{ records: ProbeRecordSummary[] }>(`/api/v1/probe-records?limit=${limit}`),
    // "Load more" asks for a longer list: keep showing the shorter one meanwhile.
    placeholderData: keepPreviousData,
  });

export const probeRecordQuery = (id: string) =>
  queryOptions({
    queryKey: ["probe-records", "one", id],
    queryFn: () => apiFetch<{ record: ProbeRecord }>(`/api/v1/probe-records/${encodeURIComponent(id)}`),
    retry: false,
    // A saved record never changes.
    staleTime: Infinity,
  });

export const useProbeRecords = (limit?: number) => useQuery(probeRecordsQuery(limit));
export const useProbeRecord = (id: string) => useQuery(probeRecordQuery(id));

export function useSaveProbeRecord() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProbeRecordRequest) => apiFetch<CreatedProbeRecord>("/api/v1/probe-records", { method: "POST", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["probe-records"] }),
  });
}
