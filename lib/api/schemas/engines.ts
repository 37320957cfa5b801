import { z } from "zod";
import { DEFAULT_ENGINE, ENGINES, ENGINE_PROFILES, type Engine } from "@/lib/cors/simulate/engines";

/**
 * The engines a check must pass in ("allowed in Chromium and Firefox"): each
 * engine named once; the check passes only when every one gives the expected
 * verdict. Saved checks and migration checks share it (API, forms, OpenAPI).
 */
export const requiredEnginesSchema = z
  .array(z.enum(ENGINES, { error: `Use engines from: ${ENGINES.join(", ")}.` }), { error: `Give a list of engines, e.g. ["chromium", "firefox"].` })
  .min(1, { error: "Name at least one engine the check must pass in, e.g. chromium." })
  .refine((list) => new Set(list).size === list.length, { error: "Name each engine once." });

export const DEFAULT_REQUIRED_ENGINES: readonly Engine[] = [DEFAULT_ENGINE];

/** The engines in the table's order (Chromium first: its result is the main one), each once. */
export function orderEngines(list: readonly string[]): Engine[] {
  return ENGINES.filter((e) => list.includes(e));
}

/** "Chromium", "Chromium and Firefox", "Chromium, Firefox and WebKit (modelled)". */
export function engineListLabel(list: readonly Engine[]): string {
  const names = orderEngines(list).map(engineLabel);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** An engine's name, marked "(modelled)" when Corsboard does not run it. */
export function engineLabel(engine: Engine): string {
  const profile = ENGINE_PROFILES[engine];
  return profile.verification === "modelled" ? `${profile.name.replace(/ \(.*\)$/, "")} (modelled)` : profile.name;
}

/** One required engine's verdict on a check, and why it fails the expectation. */
export const engineJudgementSchema = z.object({
  engine: z.enum(ENGINES),
  name: z.string(),
  verdict: z.enum(["allowed", "blocked"]),
  stage: z.enum(["preflight", "actual"]).nullable(),
  passed: z.boolean(),
  /** The engine departure (lib/cors/simulate/engines.ts) that makes this engine decide otherwise than the passing ones, when one does. */
  rule: z.string().nullable(),
  /** Why it fails (null when it passes): the departure and the engine's own failure message. */
  why: z.string().nullable(),
});
export type EngineJudgement = z.infer<typeof engineJudgementSchema>;
