import { AUTH_BEFORE_CORS_TEXT, authAnsweredPreflight, type MigrationReport } from "@/lib/api/schemas/migration-check";
import { csvRecord } from "@/lib/server/http/csv";

export const MIGRATION_CSV_COLUMNS = [
  "project",
  "environment",
  "url",
  "class",
  "shape",
  "originRole",
  "origin",
  "method",
  "credentials",
  "live",
  "stage",
  "actualChecked",
  "allowlist",
  "draft",
  "drift",
  "diagnosis",
  "reason",
  "fix",
] as const;

/**
 * The matrix as CSV evidence: one record per endpoint × shape × origin, with
 * the live verdict, the published allowlist's and the draft's. RFC 4180
 * quoting and the formula-injection guard of the audit export (URLs and
 * messages are user input).
 */
export function renderReportCsv(report: MigrationReport): string {
  let out = csvRecord(MIGRATION_CSV_COLUMNS);
  for (const row of report.rows) {
    for (const cell of row.cells) {
      out += csvRecord([
        row.project,
        row.environment,
        row.url,
        row.class,
        cell.shape,
        cell.origin,
        cell.origin === "old" ? report.oldOrigin : report.newOrigin,
        cell.method,
        cell.credentials,
        cell.live.verdict,
        cell.live.stage ?? "",
        cell.live.verdict === "unreachable" ? "" : String(cell.live.actualChecked),
        cell.allowlist?.verdict ?? "not published",
        cell.draft?.verdict ?? "",
        cell.drift ?? "",
        authAnsweredPreflight(cell.live) ? "auth-before-cors" : "",
        cell.live.error ?? cell.live.failure?.message ?? "",
        authAnsweredPreflight(cell.live) ? AUTH_BEFORE_CORS_TEXT : (cell.live.failure?.fix ?? ""),
      ]);
    }
  }
  return out;
}
