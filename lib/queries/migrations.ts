"use client";
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApplyMigrationRequest, ApplyMigrationResult, MigrationExportFormat, MigrationReport, MigrationReportPage, MigrationReportResponse, RunMigrationCheckBody } from "@/lib/api/schemas/migration-check";
import { apiFetch } from "@/lib/queries/api-fetch";

const BASE = "/api/v1/migration-checks";
const reportPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** Reports per page in the list ("Load more" fetches the next page by cursor). */
export const REPORTS_PAGE_SIZE = 20;

export const migrationReportsQuery = () =>
  infiniteQueryOptions({
    queryKey: ["migration-checks", "list"],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => apiFetch<MigrationReportPage>(`${BASE}?limit=${REPORTS_PAGE_SIZE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    getNextPageParam: (last) => last.nextCursor,
  });
/** The report with where its drafts stand now (`drafts`, read live by the server). */
export const migrationReportQuery = (id: string) => queryOptions({ queryKey: ["migration-checks", id], queryFn: () => apiFetch<MigrationReportResponse>(reportPath(id)) });

export const useMigrationReports = () => useInfiniteQuery(migrationReportsQuery());
export const useMigrationReport = (id: string) => useQuery(migrationReportQuery(id));

/** Where the browser downloads a report as a file (Content-Disposition: attachment). */
export const migrationExportUrl = (id: string, format: MigrationExportFormat) => `${reportPath(id)}/export?format=${format}`;

/** Run a check; the new report is cached for its page and the list refreshes. */
export function useRunMigrationCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RunMigrationCheckBody) => apiFetch<{ report: MigrationReport }>(BASE, { method: "POST", body: input }),
    // The report page reads it (with the drafts' current state) fresh.
    onSuccess: () => qc.invalidateQueries({ queryKey: migrationReportsQuery().queryKey }),
  });
}

/** Add the new origin to the drafts; the report's draft states, drafts and project pages are refetched afterwards. */
export function useApplyMigrationFix(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ApplyMigrationRequest) => apiFetch<ApplyMigrationResult>(`${reportPath(id)}/apply`, { method: "POST", body: input }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: migrationReportQuery(id).queryKey }), qc.invalidateQueries({ queryKey: ["projects"] })]),
  });
}
