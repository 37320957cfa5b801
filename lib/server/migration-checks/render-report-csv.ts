import { AUTH_BEFORE_CORS_TEXT, authAnsweredPreflight, type MigrationReport } from "@/lib/api/schemas/migration-check";
import { csvRecord } from "@/lib/server/http/csv";
import { blockingEngine } from "./blocking-engine";

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
  /** The engines every cell had to be allowed in, space-separated. */
  "engines",
  /** The required engine that blocks the cell (its verdict is the strictest), and the engine rule that sets it apart. */
  "blockedIn",
  "engineRule",
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
        report.engines.join(" "),
        blockingEngine(cell)?.engine ?? "",
        blockingEngine(cell)?.rule ?? "",
      ]);
    }
  }
  return out;
}
