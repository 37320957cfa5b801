"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ProbeRequest, ProbeResultDoc } from "@/lib/api/schemas/probe";
import type { CreatedProbeRecord, CreateProbeRecordRequest, ProbeRecord, ProbeRecordSummary } from "@/lib/api/schemas/probe-record";
import { apiFetch } from "@/lib/queries/api-fetch";

/** The server-side probe (POST /api/v1/probe): refusals (422 SSRF guard, 429) arrive as ApiError. */
export function useProbe() {
  return useMutation({
    mutationFn: (input: ProbeRequest) => apiFetch<ProbeResultDoc>("/api/v1/probe", { method: "POST", body: input }),
  });
}

export const probeRecordsQuery = (limit = 10) =>
  queryOptions({
    queryKey: ["probe-records", { limit }],
    queryFn: () => apiFetch<{ records: ProbeRecordSummary[] }>(`/api/v1/probe-records?limit=${limit}`),
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
