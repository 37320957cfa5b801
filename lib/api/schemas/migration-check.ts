import { z } from "zod";
import { DEFAULT_REQUIRED_ENGINES, engineJudgementSchema, requiredEnginesSchema } from "@/lib/api/schemas/engines";
import { ENGINES } from "@/lib/cors/simulate/engines";
import { parseOrigin } from "@/lib/cors";
import { slugSchema } from "@/lib/api/schemas/project";

/**
 * Domain migration checks: probe every endpoint of some environments (base
 * URL × sample path) as the old and the new origin with the common request
 * shapes, beside what the published allowlist predicts, and save the matrix.
 */

/** At most this many probes per check (endpoints × shapes × 2 origins). */
export const MAX_MIGRATION_PROBES = 400;
export const MAX_MIGRATION_TARGETS = 50;

/**
 * The request shapes a page commonly makes:
 * - `simple-get`: `fetch(url)` — no preflight (https://fetch.spec.whatwg.org/#cors-safelisted-method);
 * - `json-post`: `fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}})` —
 *   preflighted because that Content-Type is not CORS-safelisted (https://fetch.spec.whatwg.org/#cors-safelisted-request-header);
 *   the POST itself is not sent (side effects), so its verdict is the preflight's;
 * - `credentialed-get`: `fetch(url, {credentials: "include"})` — needs Access-Control-Allow-Credentials.
 */
export const MIGRATION_SHAPES = ["simple-get", "json-post", "credentialed-get"] as const;
export const migrationShapeSchema = z.enum(MIGRATION_SHAPES);
export type MigrationShape = z.infer<typeof migrationShapeSchema>;

export const originRoleSchema = z.enum(["old", "new"]);
export type OriginRole = z.infer<typeof originRoleSchema>;

export const ENDPOINT_CLASSES = ["ready", "old-only", "neither", "partial", "auth-before-cors", "unreachable"] as const;
export const endpointClassSchema = z.enum(ENDPOINT_CLASSES);
export type EndpointClass = z.infer<typeof endpointClassSchema>;

/** One serialized origin (scheme://host[:port]), checked by the core's parser so the messages and fixes are the editor's. */
export const serializedOriginSchema = z
  .string({ error: "Give an origin, e.g. https://app.example.com." })
  .trim()
  .min(1, { error: "Give an origin, e.g. https://app.example.com." })
  .max(512, { error: "Use an origin of at most 512 characters." })
  .superRefine((value, ctx) => {
    const parsed = parseOrigin(value, null);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.problem.message });
      return;
    }
    if (parsed.origin.kind !== "exact") {
      ctx.addIssue({ code: "custom", message: "Give one origin as browsers send it (scheme://host[:port]), not a wildcard pattern, * or null: a page has exactly one origin." });
    }
  });

export const migrationTargetSchema = z.strictObject({ project: slugSchema, environment: slugSchema });
export type MigrationTarget = z.infer<typeof migrationTargetSchema>;

export const runMigrationCheckRequestSchema = z
  .strictObject({
    targets: z
      .array(migrationTargetSchema, { error: "Give the targets as a list of {project, environment}." })
      .min(1, { error: "Choose at least one project and its environment." })
      .max(MAX_MIGRATION_TARGETS, { error: `Check at most ${MAX_MIGRATION_TARGETS} environments at once.` })
      .superRefine((targets, ctx) => {
        const seen = new Set<string>();
        targets.forEach((t, i) => {
          const key = `${t.project}/${t.environment}`;
          if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i], message: `Remove this target: ${key} is listed twice.` });
          seen.add(key);
        });
      }),
    oldOrigin: serializedOriginSchema,
    newOrigin: serializedOriginSchema,
    /** The engines each cell is decided in: a cell is allowed only when every one allows it (the strictest verdict), and the Why? names the engine that blocks. */
    engines: requiredEnginesSchema.default([...DEFAULT_REQUIRED_ENGINES]),
  })
  .superRefine((body, ctx) => {
    if (body.oldOrigin === body.newOrigin) ctx.addIssue({ code: "custom", path: ["newOrigin"], message: "The new origin is the same as the old one: give the origin you are moving to." });
  });
export type RunMigrationCheckRequest = z.infer<typeof runMigrationCheckRequestSchema>;
/** What a client sends: `engines` may be left out (Chromium). */
export type RunMigrationCheckBody = z.input<typeof runMigrationCheckRequestSchema>;

const failureSchema = z.object({ rule: z.string(), message: z.string(), fix: z.string() });

/** What the live service did for one shape and origin (the server-side probe). */
export const liveResultSchema = z.object({
  verdict: z.enum(["allowed", "blocked", "unreachable"]),
  stage: z.enum(["preflight", "actual"]).nullable(),
  failure: failureSchema.nullable(),
  /** false for the JSON POST: the POST itself is not sent, its verdict is the preflight's ("actual not checked"). */
  actualChecked: z.boolean(),
  /** Network error, timeout or refusal (SSRF guard) when unreachable. */
  error: z.string().nullable(),
  /** The preflight's HTTP status (null: none sent or no answer; absent in reports saved before it was recorded). */
  preflightStatus: z.number().int().nullable().optional(),
  /** Each required engine's verdict (absent in reports saved before engines could be required): `verdict`, `stage` and `failure` are the first blocking engine's. */
  engines: z.array(engineJudgementSchema).optional(),
});
export type LiveResult = z.infer<typeof liveResultSchema>;

/**
 * Authentication answered the OPTIONS preflight with 401 before CORS could
 * add its headers — the simulator's and the Tester's auth-before-CORS rule
 * (lib/cors/simulate/preflight-check.ts): not drift (the service never got
 * as far as its CORS policy), and not the allowlist's fault. 403 is left out
 * on purpose: it is also how CORS layers refuse an origin.
 */
export function authAnsweredPreflight(live: Pick<LiveResult, "verdict" | "stage" | "preflightStatus">): boolean {
  return live.verdict === "blocked" && live.stage === "preflight" && live.preflightStatus === 401;
}

/** The diagnosis and fix of authAnsweredPreflight, in the Tester's words, for the matrix and the exports. */
export const AUTH_BEFORE_CORS_TEXT =
  "Authentication answered the OPTIONS preflight with 401 before CORS could add its headers. Browsers never send cookies or Authorization on a preflight, so this is not the allowlist and not a wrong token: answer OPTIONS (with the CORS headers and a 2xx status) before the auth check.";

/** What a policy predicts for the same request (evaluate + simulator); null when there is no such policy (never published). */
export const predictionSchema = z
  .object({
    verdict: z.enum(["allowed", "blocked"]),
    failure: failureSchema.nullable(),
    /** Each required engine's predicted verdict (absent in older reports); the verdict is the strictest. */
    engines: z.array(engineJudgementSchema).optional(),
  })
  .nullable();
export type Prediction = z.infer<typeof predictionSchema>;

/**
 * `allowlist-allows`: the published allowlist allows it, the live service blocks it (the service is not using the published policy);
 * `live-allows`: the live service allows what the published allowlist does not.
 */
export const driftSchema = z.enum(["allowlist-allows", "live-allows"]).nullable();
export type Drift = z.infer<typeof driftSchema>;

export const migrationCellSchema = z.object({
  shape: migrationShapeSchema,
  origin: originRoleSchema,
  method: z.string(),
  credentials: z.enum(["omit", "include"]),
  live: liveResultSchema,
  /** The published (live) policy's prediction. */
  allowlist: predictionSchema,
  /** The draft's prediction (does the draft already take the new origin?). */
  draft: predictionSchema,
  drift: driftSchema,
});
export type MigrationCell = z.infer<typeof migrationCellSchema>;

export const migrationRowSchema = z.object({
  project: z.string(),
  environment: z.string(),
  url: z.string(),
  class: endpointClassSchema,
  drift: z.boolean(),
  /** Why the endpoint could not be probed (first error), when unreachable. */
  unreachable: z.string().nullable(),
  cells: z.array(migrationCellSchema),
});
export type MigrationRow = z.infer<typeof migrationRowSchema>;

export const migrationScopeEntrySchema = z.object({
  project: z.string(),
  projectName: z.string(),
  environment: z.string(),
  environmentName: z.string(),
  protected: z.boolean(),
  /** The published version compared against (null: never published, no allowlist verdicts). */
  liveVersion: z.number().int().nullable(),
  endpoints: z.number().int(),
  draftHasNewOrigin: z.boolean(),
  draftHasOldOrigin: z.boolean(),
});
export type MigrationScopeEntry = z.infer<typeof migrationScopeEntrySchema>;

export const migrationSummarySchema = z.object({
  endpoints: z.number().int(),
  probes: z.number().int(),
  ready: z.number().int(),
  oldOnly: z.number().int(),
  neither: z.number().int(),
  partial: z.number().int(),
  unreachable: z.number().int(),
  /** Endpoints whose auth answers the preflight with 401 before CORS (their own class, never counted as drift). */
  authBeforeCors: z.number().int(),
  /** Endpoints with at least one cell where the allowlist and the live service disagree. */
  drift: z.number().int(),
});
export type MigrationSummary = z.infer<typeof migrationSummarySchema>;

export const migrationReportSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  oldOrigin: z.string(),
  newOrigin: z.string(),
  scope: z.array(migrationScopeEntrySchema),
  summary: migrationSummarySchema,
  /** The engines every cell had to be allowed in. */
  engines: z.array(z.enum(ENGINES)),
});
export type MigrationReportSummary = z.infer<typeof migrationReportSummarySchema>;

export const migrationReportSchema = migrationReportSummarySchema.extend({ rows: z.array(migrationRowSchema) });
export type MigrationReport = z.infer<typeof migrationReportSchema>;

/** Any id is looked up (an unknown one is a 404, whatever its shape). */
export const migrationReportParamsSchema = z.object({ id: z.string().min(1).max(100, { error: "Use a report id from the list of reports." }) });

export const migrationReportListQuerySchema = z.object({
  limit: z.coerce.number({ error: "Use a number from 1 to 100." }).int().min(1, { error: "Use a number from 1 to 100." }).max(100, { error: "Use a number from 1 to 100." }).default(50),
  /** The previous page's nextCursor. */
  cursor: z.string().min(1).max(100, { error: "Use the nextCursor of the previous page." }).optional(),
});

export const migrationReportPageSchema = z.object({
  reports: z.array(migrationReportSummarySchema),
  /** Pass as ?cursor= for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type MigrationReportPage = z.infer<typeof migrationReportPageSchema>;

export const migrationExportQuerySchema = z.object({
  format: z.enum(["json", "csv", "md"], { error: 'Use format "json", "csv" or "md".' }).default("json"),
});
export type MigrationExportFormat = z.infer<typeof migrationExportQuerySchema>["format"];

/** YYYY-MM-DD, a real calendar date. */
const dateSchema = z
  .string({ error: "Give a date as YYYY-MM-DD, e.g. 2030-01-31." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Give a date as YYYY-MM-DD, e.g. 2030-01-31." })
  .refine((v) => {
    const d = new Date(`${v}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, { error: "That is not a calendar date; give one as YYYY-MM-DD." });

export const applyMigrationRequestSchema = z.strictObject({
  /** The old origin's rule expires at 00:00 UTC of this day (must be after today). */
  expireOldOn: dateSchema.optional(),
  /** Note on the added origin; default "Added by migration check <date>: replaces <old>". */
  note: z.string().trim().max(500, { error: "Use a note of at most 500 characters." }).optional(),
});
export type ApplyMigrationRequest = z.infer<typeof applyMigrationRequestSchema>;

export const applyMigrationResultSchema = z.object({
  reportId: z.string(),
  environments: z.array(
    z.object({
      project: z.string(),
      environment: z.string(),
      /** `added`: the new origin was added; `already-there`: the draft listed it (an expiry may still have been set). */
      status: z.enum(["added", "already-there"]),
      /** The draft's revision after the change (unchanged when nothing was written). */
      revision: z.number().int(),
      /** The expiry set on the old origin's rule, or null. */
      oldExpiresAt: z.string().nullable(),
      /** expireOldOn was given but the draft does not list the old origin exactly. */
      oldNotListed: z.boolean(),
      changed: z.boolean(),
    }),
  ),
});
export type ApplyMigrationResult = z.infer<typeof applyMigrationResultSchema>;

/**
 * Where each environment of a report stands now (read when the report is
 * read, not saved with it): does its draft have the new origin, is the old
 * one still listed and expiring?
 */
export const migrationDraftStateSchema = z.object({
  project: z.string(),
  environment: z.string(),
  /** false: the project or environment was deleted since the check; nothing can be applied there. */
  exists: z.boolean(),
  archived: z.boolean(),
  /** The draft's revision now (0 when it has no draft yet). */
  revision: z.number().int(),
  hasNewOrigin: z.boolean(),
  hasOldOrigin: z.boolean(),
  /** The old origin's expiry in the draft, or null (not listed, or no expiry). */
  oldExpiresAt: z.string().nullable(),
});
export type MigrationDraftState = z.infer<typeof migrationDraftStateSchema>;

export const migrationReportResponseSchema = z.object({ report: migrationReportSchema, drafts: z.array(migrationDraftStateSchema) });
export type MigrationReportResponse = z.infer<typeof migrationReportResponseSchema>;

/** Drafts that an apply would still change: they exist, are editable and lack the new origin. */
export function draftsLackingNewOrigin(drafts: readonly MigrationDraftState[]): number {
  return drafts.filter((d) => d.exists && !d.archived && !d.hasNewOrigin).length;
}
