"use client";
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { auditDateRangeFormSchema, dayRangeToInstants, type AuditEvent } from "@/lib/api/schemas/audit";
import { apiFetch } from "@/lib/queries/api-fetch";

export interface AuditFilters {
  action?: string;
  actor?: string;
  targetType?: string;
  /** Project slug. */
  project?: string;
  /** First and last day of the range (YYYY-MM-DD, the viewer's time zone), both included. */
  from?: string;
  to?: string;
}

export interface AuditPage {
  events: AuditEvent[];
  nextBefore: string | null;
}

const PAGE_SIZE = 50;

const present = (filters: AuditFilters) =>
  Object.entries(filters).filter(([, v]) => typeof v === "string" && v.trim() !== "").map(([k, v]) => [k, String(v).trim()] as [string, string]);

/** The filters as the page's own query string (days as typed), empty ones left out. */
export function auditPageParams(filters: AuditFilters): URLSearchParams {
  return new URLSearchParams(present(filters));
}

/**
 * The filters as the API's query parameters, empty ones left out: the day
 * range becomes the instants the API takes (first and last millisecond of
 * those days where the viewer is); a range that doesn't parse is left out
 * (the form shows why).
 */
export function auditParams(filters: AuditFilters): URLSearchParams {
  const { from, to, ...rest } = filters;
  const params = new URLSearchParams(present(rest));
  const range = auditDateRangeFormSchema.safeParse({ from: from?.trim() || undefined, to: to?.trim() || undefined });
  if (range.success) for (const [k, v] of Object.entries(dayRangeToInstants(range.data))) params.set(k, v);
  return params;
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
