"use client";
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { AuditEvent } from "@/lib/api/schemas/audit";
import { apiFetch } from "@/lib/queries/api-fetch";

export interface AuditFilters {
  action?: string;
  actor?: string;
  targetType?: string;
  /** Project slug. */
  project?: string;
}

export interface AuditPage {
  events: AuditEvent[];
  nextBefore: string | null;
}

const PAGE_SIZE = 50;

/** The filters as query parameters, empty ones left out. */
export function auditParams(filters: AuditFilters): URLSearchParams {
  return new URLSearchParams(Object.entries(filters).filter(([, v]) => typeof v === "string" && v.trim() !== "").map(([k, v]) => [k, String(v).trim()]));
}

/** The download link of the events matching these filters. */
export function auditExportUrl(filters: AuditFilters, format: "json" | "csv"): string {
  const params = auditParams(filters);
  params.set("format", format);
  return `/api/v1/audit/export?${params}`;
}

/** Newest first, PAGE_SIZE at a time; `fetchNextPage` follows `nextBefore`. */
export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ["audit", filters],
    queryFn: ({ pageParam, signal }) => {
      const params = auditParams(filters);
      params.set("limit", String(PAGE_SIZE));
      if (pageParam) params.set("before", pageParam);
      return apiFetch<AuditPage>(`/api/v1/audit?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    placeholderData: keepPreviousData,
  });

export const useAudit = (filters: AuditFilters) => useInfiniteQuery(auditQuery(filters));
