import { AUTH_BEFORE_CORS_TEXT, authAnsweredPreflight, type MigrationCell, type MigrationReport } from "@/lib/api/schemas/migration-check";
import { DRIFT_MESSAGES } from "./classify-endpoint";
import { SHAPE_LABELS } from "./shapes";
import { blockingEngine } from "./blocking-engine";
import { engineListLabel } from "@/lib/api/schemas/engines";

const CLASS_LABELS = { ready: "ready", "old-only": "old only", neither: "neither", partial: "partial", "auth-before-cors": "auth before CORS", unreachable: "unreachable" } as const;

/** Text safe inside a Markdown table cell: pipes escaped, line breaks flattened, no HTML. */
export function mdCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function verdict(cell: MigrationCell): string {
  const live = cell.live.verdict === "allowed" && !cell.live.actualChecked ? "allowed (preflight; actual not checked)" : cell.live.verdict;
  const allowlist = cell.allowlist ? cell.allowlist.verdict : "not published";
  return `${live}${authAnsweredPreflight(cell.live) ? " (auth before CORS)" : ""} / allowlist: ${allowlist}${cell.drift ? " **DRIFT**" : ""}`;
}

/** The report as a Markdown document (summary, scope, one table per endpoint, the reasons of every block). */
export function renderReportMarkdown(report: MigrationReport): string {
  const s = report.summary;
  const lines: string[] = [
    `# Domain migration check: ${mdCell(report.oldOrigin)} → ${mdCell(report.newOrigin)}`,
    "",
    `Run ${report.createdAt} by ${mdCell(report.createdBy)}. Report ${report.id}.`,
    "",
    `Each cell must be allowed in ${engineListLabel(report.engines)}: its verdict is the strictest of theirs.`,
    "",
    `**${s.endpoints} endpoints, ${s.probes} probes:** ${s.ready} ready, ${s.oldOnly} old only, ${s.neither} neither, ${s.partial} partial, ${s.authBeforeCors ?? 0} auth before CORS, ${s.unreachable} unreachable; ${s.drift} with drift.`,
    "",
    "| Project | Environment | Published version | Endpoints | Draft has new origin |",
    "|---|---|---|---|---|",
    ...report.scope.map((e) => `| ${mdCell(e.project)} | ${mdCell(e.environment)} | ${e.liveVersion === null ? "none" : `v${e.liveVersion}`} | ${e.endpoints} | ${e.draftHasNewOrigin ? "yes" : "no"} |`),
  ];
  for (const row of report.rows) {
    lines.push("", `## ${mdCell(row.project)} / ${mdCell(row.environment)}: ${mdCell(row.url)}`, "", `Class: **${CLASS_LABELS[row.class]}**${row.drift ? " — **DRIFT**" : ""}${row.unreachable ? ` — unreachable: ${mdCell(row.unreachable)}` : ""}`, "");
    lines.push("| Request | Old origin | New origin |", "|---|---|---|");
    for (const shape of ["simple-get", "json-post", "credentialed-get"] as const) {
      const old = row.cells.find((c) => c.shape === shape && c.origin === "old");
      const next = row.cells.find((c) => c.shape === shape && c.origin === "new");
      lines.push(`| ${SHAPE_LABELS[shape]} | ${old ? verdict(old) : ""} | ${next ? verdict(next) : ""} |`);
    }
    const notes = row.cells.filter((c) => c.live.failure || c.live.error || c.drift);
    if (notes.length > 0) lines.push("");
    for (const c of notes) {
      const what = `${SHAPE_LABELS[c.shape]}, ${c.origin} origin`;
      const blocked = blockingEngine(c);
      if (blocked) lines.push(`- ${what}: blocked in ${blocked.name} — ${mdCell(blocked.why ?? "")}`);
      if (c.live.error) lines.push(`- ${what}: unreachable — ${mdCell(c.live.error)}`);
      else if (authAnsweredPreflight(c.live)) lines.push(`- ${what}: blocked at the preflight — auth before CORS: ${AUTH_BEFORE_CORS_TEXT}`);
      else if (c.live.failure) lines.push(`- ${what}: blocked at the ${c.live.stage ?? "request"} — ${mdCell(c.live.failure.message)} Fix: ${mdCell(c.live.failure.fix)}`);
      if (c.drift) lines.push(`- ${what}: DRIFT — ${DRIFT_MESSAGES[c.drift]}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
