"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApplyMigrationRequest, ApplyMigrationResult, MigrationExportFormat, MigrationReport, MigrationReportSummary, RunMigrationCheckRequest } from "@/lib/api/schemas/migration-check";
import { apiFetch } from "@/lib/queries/api-fetch";

const BASE = "/api/v1/migration-checks";
const reportPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export const migrationReportsQuery = () => queryOptions({ queryKey: ["migration-checks", "list"], queryFn: () => apiFetch<{ reports: MigrationReportSummary[] }>(BASE) });
export const migrationReportQuery = (id: string) => queryOptions({ queryKey: ["migration-checks", id], queryFn: () => apiFetch<{ report: MigrationReport }>(reportPath(id)) });

export const useMigrationReports = () => useQuery(migrationReportsQuery());
export const useMigrationReport = (id: string) => useQuery(migrationReportQuery(id));

/** Where the browser downloads a report as a file (Content-Disposition: attachment). */
export const migrationExportUrl = (id: string, format: MigrationExportFormat) => `${reportPath(id)}/export?format=${format}`;

/** Run a check; the new report is cached for its page and the list refreshes. */
export function useRunMigrationCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RunMigrationCheckRequest) => apiFetch<{ report: MigrationReport }>(BASE, { method: "POST", body: input }),
    onSuccess: ({ report }) => {
      qc.setQueryData(migrationReportQuery(report.id).queryKey, { report });
      return qc.invalidateQueries({ queryKey: migrationReportsQuery().queryKey });
    },
  });
}

/** Add the new origin to the drafts; drafts and project pages may be stale afterwards. */
export function useApplyMigrationFix(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ApplyMigrationRequest) => apiFetch<ApplyMigrationResult>(`${reportPath(id)}/apply`, { method: "POST", body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["projects"] }),
  });
}
