import { z } from "zod";
import { probeRequestSchema, probeResultSchema } from "@/lib/api/schemas/probe";
import { slugSchema } from "@/lib/api/schemas/project";

/**
 * Saved checks: probes kept per environment ("app.example.com can PUT JSON
 * with credentials to /orders") that run on demand and after every publish.
 * The request fields follow the probe API's rules (POST /api/v1/probe).
 */

/** At most this many checks per environment (a run probes them all). */
export const MAX_SAVED_CHECKS = 50;

const probe = probeRequestSchema.shape;

export const savedCheckExpectSchema = z.enum(["allowed", "blocked"], {
  error: 'Use "allowed" (the browser should let the page read the response) or "blocked" (it should not).',
});
export type SavedCheckExpect = z.infer<typeof savedCheckExpectSchema>;

/** Fields without defaults, so PATCH only changes what it sends. */
const savedCheckFields = {
  name: z
    .string({ error: "Give the check a name, e.g. \"app can PUT orders with cookies\"." })
    .trim()
    .min(1, { error: "Give the check a name, e.g. \"app can PUT orders with cookies\"." })
    .max(200, { error: "Use a name of at most 200 characters." }),
  url: probe.url,
  origin: probe.origin,
  method: probe.method.unwrap(),
  headers: probe.headers.unwrap(),
  credentials: probe.credentials.unwrap(),
  expect: savedCheckExpectSchema,
};

export const createSavedCheckRequestSchema = z.strictObject({
  ...savedCheckFields,
  method: savedCheckFields.method.default("GET"),
  headers: savedCheckFields.headers.default({}),
  credentials: savedCheckFields.credentials.default("omit"),
  expect: savedCheckFields.expect.default("allowed"),
});
export type CreateSavedCheckRequest = z.infer<typeof createSavedCheckRequestSchema>;

export const updateSavedCheckRequestSchema = z.strictObject(savedCheckFields).partial();
export type UpdateSavedCheckRequest = z.infer<typeof updateSavedCheckRequestSchema>;

export const savedCheckParamsSchema = z.object({
  project: slugSchema,
  environment: slugSchema,
  id: z.uuid({ error: "Use the id of a saved check (a UUID)." }),
});

export const savedCheckTriggerSchema = z.enum(["manual", "publish", "api"]);
export type SavedCheckTrigger = z.infer<typeof savedCheckTriggerSchema>;

/** The last run of a check: "error" when the target could not be probed at all (refused, bad URL). */
export const savedCheckRunSchema = z.object({
  at: z.string(),
  trigger: savedCheckTriggerSchema,
  verdict: z.enum(["allowed", "blocked", "error"]),
  passed: z.boolean(),
  /** The live version when it ran (null: nothing published). */
  version: z.number().int().nullable(),
  result: probeResultSchema.nullable(),
  /** Why the target could not be probed (verdict "error"). */
  error: z.string().nullable(),
});
export type SavedCheckRun = z.infer<typeof savedCheckRunSchema>;

export const savedCheckSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  origin: z.string(),
  method: z.string(),
  headers: z.record(z.string(), z.string()),
  credentials: z.enum(["omit", "include"]),
  expect: savedCheckExpectSchema,
  position: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastRun: savedCheckRunSchema.nullable(),
});
export type SavedCheck = z.infer<typeof savedCheckSchema>;

export const savedCheckListSchema = z.object({
  checks: z.array(savedCheckSchema),
  /** The live version and when it was published: a run after publish is due when checks ran on an older one. */
  liveVersion: z.number().int().nullable(),
  livePublishedAt: z.string().nullable(),
  /** Delay between a publish and its run of the checks (CORSBOARD_CHECKS_AFTER_PUBLISH_DELAY_MS). */
  afterPublishDelayMs: z.number().int(),
  max: z.number().int(),
});
export type SavedCheckList = z.infer<typeof savedCheckListSchema>;

export const savedCheckRunResultSchema = z.object({
  trigger: savedCheckTriggerSchema,
  liveVersion: z.number().int().nullable(),
  checks: z.array(savedCheckSchema),
  total: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
});
export type SavedCheckRunResult = z.infer<typeof savedCheckRunResultSchema>;

const predictedSchema = z.object({
  verdict: z.enum(["allowed", "blocked"]),
  stage: z.enum(["preflight", "actual"]).nullable(),
  failure: z.object({ rule: z.string(), message: z.string(), fix: z.string() }).nullable(),
  /** Which setting of the policy refuses the request (origin, method, headers…): the browser can't tell. */
  policyReason: z.object({ code: z.string(), message: z.string(), stage: z.enum(["preflight", "actual"]) }).nullable(),
});
export type PredictedCheckVerdict = z.infer<typeof predictedSchema>;

export const savedCheckPredictionSchema = z.object({
  id: z.string(),
  name: z.string(),
  origin: z.string(),
  method: z.string(),
  url: z.string(),
  expect: savedCheckExpectSchema,
  /** null when nothing is published yet. */
  live: predictedSchema.nullable(),
  draft: predictedSchema,
  /** passes | breaks (live meets the expectation, the draft not) | fixes | still-failing. */
  impact: z.enum(["passes", "breaks", "fixes", "still-failing"]),
});
export type SavedCheckPrediction = z.infer<typeof savedCheckPredictionSchema>;

export const savedCheckPredictionsSchema = z.object({
  liveVersion: z.number().int().nullable(),
  draftRevision: z.number().int(),
  /** False when the draft does not compile (its lint errors block publishing anyway): no draft predictions. */
  draftValid: z.boolean(),
  predictions: z.array(savedCheckPredictionSchema),
  breaks: z.number().int(),
});
export type SavedCheckPredictions = z.infer<typeof savedCheckPredictionsSchema>;

/** Request headers whose values are credentials: masked in the audit log and in lists. */
const SECRET_HEADER_NAMES: ReadonlySet<string> = new Set(["authorization", "proxy-authorization", "cookie", "x-api-key"]);
export const MASKED_HEADER_VALUE = "••••";

export function maskSecretHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, SECRET_HEADER_NAMES.has(name.toLowerCase()) ? MASKED_HEADER_VALUE : value]));
}
