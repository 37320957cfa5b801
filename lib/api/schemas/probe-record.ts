import { z } from "zod";
import { probeRequestSchema, probeResultSchema } from "@/lib/api/schemas/probe";

/**
 * Saved tester runs ("Save & copy link"): the request as the tester sent it,
 * the server probe's result and what the browser did, so a link shows the
 * same result to someone else later.
 */

/** The fetch() body the tester sent (not part of the probe: the probe never sends a body). */
export const testerBodySchema = z.strictObject({
  type: z.enum(["none", "json", "form", "text"], { error: "Use none, json, form or text." }),
  text: z.string({ error: "Give the body as a string." }).max(65_536, { error: "Keep the body under 64 KiB." }),
});
export type TesterBody = z.infer<typeof testerBodySchema>;

/** The probe request plus what only the browser run needs to be repeated exactly. */
export const testerRequestSchema = probeRequestSchema.extend({
  /** fetch()'s credentials mode in the browser; the probe only knows omit/include. */
  browserCredentials: z.enum(["omit", "same-origin", "include"], { error: "Use omit, same-origin or include." }).optional(),
  body: testerBodySchema.optional(),
  /**
   * fetch()'s cache mode in the browser run. "no-store" (the default) makes
   * Chromium send a fresh preflight every time; "default" lets it reuse a
   * cached one (Access-Control-Max-Age), as ordinary pages do.
   */
  browserCache: z.enum(["no-store", "default"], { error: "Use no-store or default." }).optional(),
});
export type TesterRequest = z.infer<typeof testerRequestSchema>;

/**
 * A tester request as a record stores it: the same fields, but the values of
 * credential headers are masked ("••••", lib/server/probe-records/mask-probe-record.ts),
 * which a request to send may not contain (header values are bytes). Records
 * are read back with this schema.
 */
export const storedTesterRequestSchema = testerRequestSchema.extend({
  headers: z.record(z.string(), z.string()),
});

export const browserOutcomeSchema = z.strictObject({
  outcome: z.enum(["allowed", "blocked", "not-run"], { error: "Use allowed, blocked or not-run." }),
  status: z.number().int().min(0).max(999).nullable().optional(),
  /** The TypeError's message when blocked (browsers hide the reason). */
  error: z.string().max(2000, { error: "Keep the error under 2000 characters." }).nullable().optional(),
  durationMs: z.number({ error: "Give the duration in milliseconds." }).min(0).max(3_600_000),
  pageOrigin: z.string({ error: "Give the page's origin." }).max(512, { error: "Use an origin of at most 512 characters." }),
  /** Response headers JavaScript could read (CORS-safelisted plus Access-Control-Expose-Headers). */
  exposedHeaders: z
    .record(z.string().max(256), z.string().max(8192))
    .refine((h) => Object.keys(h).length <= 100, { error: "At most 100 exposed headers." })
    .optional(),
});
export type BrowserOutcome = z.infer<typeof browserOutcomeSchema>;

export const probeRecordModeSchema = z.enum(["browser", "server"], { error: "Use browser (run in this browser) or server (probe as another origin)." });
export type ProbeRecordMode = z.infer<typeof probeRecordModeSchema>;

export const createProbeRecordRequestSchema = z.strictObject({
  mode: probeRecordModeSchema,
  title: z.string({ error: "Give the title as text." }).trim().max(200, { error: "Use a title of at most 200 characters." }).optional(),
  request: testerRequestSchema,
  /** null when the server probe did not run (refused: SSRF guard, rate limit). */
  result: probeResultSchema.nullable(),
  /**
   * The `signature` POST /api/v1/probe answered with this result (for this
   * request): a result is only saved when it verifies, so a link never shows
   * a verdict Corsboard's probe didn't see. Required when result isn't null.
   */
  signature: z.string({ error: "Give the signature POST /api/v1/probe answered with." }).max(200, { error: "Give the signature POST /api/v1/probe answered with." }).optional(),
  /** What the browser reported: it ran in the saver's browser, so Corsboard can't verify it. */
  browser: browserOutcomeSchema,
});
export type CreateProbeRecordRequest = z.infer<typeof createProbeRecordRequestSchema>;

export const probeRecordSchema = z.object({
  id: z.string(),
  mode: probeRecordModeSchema,
  title: z.string().nullable(),
  request: storedTesterRequestSchema,
  result: probeResultSchema.nullable(),
  browser: browserOutcomeSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  /** The dashboard link showing this result. */
  url: z.string(),
});
export type ProbeRecord = z.infer<typeof probeRecordSchema>;

export const probeRecordSummarySchema = z.object({
  id: z.string(),
  mode: probeRecordModeSchema,
  title: z.string().nullable(),
  method: z.string(),
  targetUrl: z.string(),
  origin: z.string(),
  verdict: z.enum(["allowed", "blocked"]).nullable(),
  browserOutcome: z.enum(["allowed", "blocked", "not-run"]),
  createdBy: z.string(),
  createdAt: z.string(),
  url: z.string(),
});
export type ProbeRecordSummary = z.infer<typeof probeRecordSummarySchema>;

export const createdProbeRecordSchema = z.object({ id: z.string(), url: z.string() });
export type CreatedProbeRecord = z.infer<typeof createdProbeRecordSchema>;

/** Any string: an id that is not a saved record's (malformed included) answers 404, not 422. */
export const probeRecordParamsSchema = z.object({ id: z.string() });

export const probeRecordListQuerySchema = z.strictObject({
  limit: z.coerce
    .number({ error: "Give limit as a number from 1 to 100." })
    .int({ error: "Give limit as a whole number from 1 to 100." })
    .min(1, { error: "Give limit as a number from 1 to 100." })
    .max(100, { error: "Give limit as a number from 1 to 100." })
    .default(20),
});

/** Where the dashboard shows a saved result. */
export const probeRecordPath = (id: string) => `/tester/results/${encodeURIComponent(id)}`;
