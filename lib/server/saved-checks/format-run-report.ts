import { engineListLabel } from "@/lib/api/schemas/engines";
import { checksPreflightOnly, PREFLIGHT_ONLY_LABEL, type SavedCheck, type SavedCheckRunResult } from "@/lib/api/schemas/saved-check";

/**
 * The saved-checks run as plain text for a terminal or CI log
 * (`npm run check -- --server …`): one line per check, the explanation and
 * fix under each failure, then a summary line.
 */
export function formatRunReport(run: SavedCheckRunResult, target: { project: string; environment: string }): string {
  const out: string[] = [];
  const version = run.liveVersion === null ? "nothing published yet" : `live version v${run.liveVersion}`;
  out.push(`Saved checks of ${target.project}/${target.environment} (${version}):`, "");
  if (run.checks.length === 0) out.push("  (no saved checks: add them on the environment page)");
  for (const check of run.checks) out.push(...formatCheck(check));
  out.push("", summaryLine(run));
  return `${out.join("\n")}\n`;
}

export function summaryLine(run: Pick<SavedCheckRunResult, "total" | "passed" | "failed">): string {
  if (run.total === 0) return "No saved checks to run.";
  return run.failed === 0 ? `All ${run.total} saved check${run.total === 1 ? "" : "s"} passed.` : `${run.failed} of ${run.total} saved check${run.total === 1 ? "" : "s"} failed.`;
}

function formatCheck(check: SavedCheck): string[] {
  const run = check.lastRun;
  const request = `${check.origin} → ${check.method} ${check.url}${check.credentials === "include" ? " (with credentials)" : ""}`;
  const mark = run?.passed ? "✓ PASS" : "✗ FAIL";
  const lines = [`${mark}  ${check.name}${checksPreflightOnly(check.method, check.sendActual) ? `  (${PREFLIGHT_ONLY_LABEL})` : ""}`, `        ${request}`];
  // Checks that must pass in more than Chromium say so (a Chromium-only check reads as before).
  if (check.engines.length > 1 || check.engines[0] !== "chromium") lines.push(`        must pass in ${engineListLabel(check.engines)}`);
  if (!run) return [...lines, "        not run"];
  const got = run.verdict === "error" ? "could not be probed" : run.verdict;
  lines.push(`        expected ${check.expect}, got ${got}`);
  if (!run.passed) {
    if (run.error) lines.push(`        Why: ${run.error}`);
    const failedEngine = run.engines.find((e) => !e.passed);
    if (failedEngine && run.engines.length > 1) {
      lines.push(`        Failed in ${failedEngine.name}: ${failedEngine.why ?? failedEngine.verdict}`);
      if (failedEngine.rule) lines.push(`        Engine rule: ${failedEngine.rule}`);
    }
    const failure = run.result?.failure;
    if (failure && run.verdict === "blocked") {
      lines.push(`        Why: ${failure.message}`, `        Fix: ${failure.fix}`, `        Rule: ${failure.rule}`);
    } else if (run.verdict === "allowed" && check.expect === "blocked") {
      lines.push(`        Why: the browser lets ${check.origin} read the response, but this check expects it to stay out.`, `        Fix: remove the entry that matches ${check.origin} from the environment's allowlist and publish.`);
    }
  }
  return lines;
}
