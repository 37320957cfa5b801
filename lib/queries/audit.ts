"use client";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { AuditEvent } from "@/lib/api/schemas/audit";
import { apiFetch } from "@/lib/queries/api-fetch";

export interface AuditFilters {
  action?: string;
  actor?: string;
  targetType?: string;
}

export const auditQuery = (filters: AuditFilters) =>
  queryOptions({
    queryKey: ["audit", filters],
    queryFn: () => {
      const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
      return apiFetch<{ events: AuditEvent[]; nextBefore: string | null }>(`/api/v1/audit?${params}`);
    },
    placeholderData: keepPreviousData,
  });

export const useAudit = (filters: AuditFilters) => useQuery(auditQuery(filters));
