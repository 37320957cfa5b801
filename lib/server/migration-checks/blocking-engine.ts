import type { EngineJudgement } from "@/lib/api/schemas/engines";
import type { MigrationCell } from "@/lib/api/schemas/migration-check";

/** The required engine that blocks a live cell when several were required (the cell's verdict is the strictest), else null. */
export function blockingEngine(cell: Pick<MigrationCell, "live">): EngineJudgement | null {
  const engines = cell.live.engines ?? [];
  if (cell.live.verdict !== "blocked" || engines.length < 2) return null;
  return engines.find((e) => !e.passed) ?? null;
}
