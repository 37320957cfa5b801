import { z } from "zod";
import { versionNumberSchema } from "@/lib/api/schemas/editing";
import { probeRequestSchema, probeResultSchema } from "@/lib/api/schemas/probe";
import { slugSchema } from "@/lib/api/schemas/project";
import { FORBIDDEN_METHODS } from "@/lib/cors/fetch-constants";
import { forbiddenRequestHeader } from "@/lib/cors/simulate/forbidden";
import { isToken } from "@/lib/cors/simulate/http-bytes";
import { DEFAULT_REQUIRED_ENGINES, engineJudgementSchema, requiredEnginesSchema } from "@/lib/api/schemas/engines";
import { ENGINES } from "@/lib/cors/simulate/engines";

/**
 * Saved checks: probes kept per environment ("app.example.com can PUT JSON
 * with credentials to /orders") that run on demand and after every publish.
 * The request fields follow the probe API's rules (POST /api/v1/probe).
 */

/** GET and HEAD are safe methods (RFC 9110 §9.2.1: read-only by definition): runs always send them; any other method may change data. */
export function methodHasSideEffects(method: string): boolean {
  const upper = method.toUpperCase();
  return upper !== "GET" && upper !== "HEAD";
}

/**
 * By default a saved-check run never sends the actual request of a method
 * other than GET or HEAD (it may have side effects: runs happen after every
 * publish), so for those only the preflight is verified — unless an editor
 * opted the check in with `sendActual`, and then the actual response is
 * checked too. Said wherever a result is shown, so "pass" doesn't claim more
 * than was checked.
 */
export function checksPreflightOnly(method: string, sendActual: boolean): boolean {
  return methodHasSideEffects(method) && !sendActual;
}

/** The warning next to the opt-in (form) and in the docs: what a run with `sendActual` really does. */
export function sendActualWarning(method: string): string {
  const m = method.toUpperCase();
  return `Corsboard will really send the ${m} — with its headers, without a body — to the target on every run, including after each publish; use a test endpoint.`;
}
export const PREFLIGHT_ONLY_LABEL = "preflight only — the actual response was not checked";

/** At most this many checks per environment (a run probes them all). */
export const MAX_SAVED_CHECKS = 50;

const probe = probeRequestSchema.shape;

export const savedCheckExpectSchema = z.enum(["allowed", "blocked"], {
  error: 'Use "allowed" (the browser should let the page read the response) or "blocked" (it should not).',
});
export type SavedCheckExpect = z.infer<typeof savedCheckExpectSchema>;

/**
 * A method fetch() accepts: an HTTP token (https://fetch.spec.whatwg.org/#concept-method)
 * that is not a forbidden method (#forbidden-method: CONNECT, TRACE, TRACK),
 * for which fetch() throws before sending anything — a check of it could
 * never pass, so it is refused when saved rather than failing every run.
 */
const checkMethodSchema = probe.method.unwrap().superRefine((method, ctx) => {
  if (!isToken(method)) {
    ctx.addIssue({ code: "custom", message: `"${method}" is not an HTTP method: use letters only (a token, no spaces), e.g. GET, PUT or PATCH.` });
  } else if (FORBIDDEN_METHODS.has(method.toUpperCase())) {
    ctx.addIssue({ code: "custom", message: `Browsers never send ${method.toUpperCase()} (a forbidden method: fetch() throws): use another method, e.g. GET.` });
  }
});

/**
 * Headers a page can set: names are HTTP tokens, and none is a forbidden
 * request header (https://fetch.spec.whatwg.org/#forbidden-request-header, as
 * Chromium applies it) — fetch() throws on the first and silently drops the
 * second, so the check would not test what it says. The issue names the header.
 */
const checkHeadersSchema = probe.headers.unwrap().superRefine((headers, ctx) => {
  for (const [name, value] of Object.entries(headers)) {
    if (!isToken(name)) {
      ctx.addIssue({ code: "custom", path: [name], message: `"${name}" is not a header name: use letters, digits and - only (no spaces or colons), e.g. X-Request-Id.` });
      continue;
    }
    const forbidden = forbiddenRequestHeader(name, value);
    if (forbidden.forbidden) {
      ctx.addIssue({ code: "custom", path: [name], message: `${name} ${forbidden.reason ?? "is a forbidden request header"}: a page cannot set it (the browser drops it), so remove it from the check.` });
    }
  }
});

/** Fields without defaults, so PATCH only changes what it sends. */
const savedCheckFields = {
  name: z
    .string({ error: "Give the check a name, e.g. \"app can PUT orders with cookies\"." })
    .trim()
    .min(1, { error: "Give the check a name, e.g. \"app can PUT orders with cookies\"." })
    .max(200, { error: "Use a name of at most 200 characters." }),
  url: probe.url,
  origin: probe.origin,
  method: checkMethodSchema,
  headers: checkHeadersSchema,
  credentials: probe.credentials.unwrap(),
  expect: savedCheckExpectSchema,
  /**
   * Also send the actual request for methods other than GET/HEAD (with its
   * headers, without a body) on every run, so its response is checked too.
   * No effect on GET/HEAD, which are always sent.
   */
  sendActual: z.boolean({ error: "Use true (also send the actual request on every run) or false (check the preflight only)." }),
  /** The engines that must each give the expected verdict (the check passes only when all do). */
  engines: requiredEnginesSchema,
};

export const createSavedCheckRequestSchema = z.strictObject({
  ...savedCheckFields,
  method: savedCheckFields.method.default("GET"),
  headers: savedCheckFields.headers.default({}),
  credentials: savedCheckFields.credentials.default("omit"),
  expect: savedCheckFields.expect.default("allowed"),
  sendActual: savedCheckFields.sendActual.default(false),
  engines: savedCheckFields.engines.default([...DEFAULT_REQUIRED_ENGINES]),
});
export type CreateSavedCheckRequest = z.infer<typeof createSavedCheckRequestSchema>;
/** What a client sends: the fields with defaults (method, headers, credentials, expect, sendActual, engines) may be left out. */
export type CreateSavedCheckBody = z.input<typeof createSavedCheckRequestSchema>;

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
  /** Each required engine's verdict and, for one that fails, why (empty for an "error" run). */
  engines: z.array(engineJudgementSchema),
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
  /** Runs also send the actual request of a method other than GET/HEAD (an editor's opt-in). */
  sendActual: z.boolean(),
  /** The engines that must each give the expected verdict. */
  engines: z.array(z.enum(ENGINES)),
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
  /** Each required engine's predicted verdict; `verdict`, `stage` and `failure` are the first failing engine's (else the first's). */
  engines: z.array(engineJudgementSchema),
});
export type PredictedCheckVerdict = z.infer<typeof predictedSchema>;

export const savedCheckPredictionSchema = z.object({
  id: z.string(),
  name: z.string(),
  origin: z.string(),
  method: z.string(),
  url: z.string(),
  expect: savedCheckExpectSchema,
  engines: z.array(z.enum(ENGINES)),
  /** Methods other than GET/HEAD without sendActual: runs verify only the preflight (see checksPreflightOnly). */
  preflightOnly: z.boolean(),
  /** null when nothing is published yet. */
  live: predictedSchema.nullable(),
  /** With the content that would go live (the draft, a change request's, an old version's). */
  draft: predictedSchema,
  /** passes | breaks (live meets the expectation, the draft not) | fixes | still-failing. */
  impact: z.enum(["passes", "breaks", "fixes", "still-failing"]),
});
export type SavedCheckPrediction = z.infer<typeof savedCheckPredictionSchema>;

export const savedCheckPredictionsSchema = z.object({
  /** What would go live: the saved draft, a change request's content or an old version's (?changeRequest= / ?version=). */
  subject: z.enum(["draft", "change-request", "version"]),
  liveVersion: z.number().int().nullable(),
  /** The draft's revision predicted (subject "draft"), else null. */
  draftRevision: z.number().int().nullable(),
  /** False when the content does not compile (its lint errors block publishing anyway): no predictions. */
  draftValid: z.boolean(),
  predictions: z.array(savedCheckPredictionSchema),
  breaks: z.number().int(),
});
export type SavedCheckPredictions = z.infer<typeof savedCheckPredictionsSchema>;

/**
 * A saved check that was predicted to break, as the publish API reports it
 * (`brokenChecks` in its answer): the API never refuses a publish for it —
 * the dashboard asks for confirmation before sending — but says what broke.
 */
export const brokenCheckSchema = savedCheckPredictionSchema.pick({ id: true, name: true, origin: true, method: true, url: true, expect: true, engines: true, preflightOnly: true }).extend({
  /** Why the new content refuses it (or lets an origin in that should stay out). */
  reason: z.string(),
});
export type BrokenCheck = z.infer<typeof brokenCheckSchema>;

/** ?changeRequest=<id> or ?version=<n>: predict that content instead of the saved draft (one at most). */
export const savedCheckPredictQuerySchema = z
  .strictObject({
    changeRequest: z.string().min(1).max(100, { error: "Use the id of a change request of this environment." }).optional(),
    version: versionNumberSchema.optional(),
  })
  .refine((q) => q.changeRequest === undefined || q.version === undefined, { error: "Give changeRequest or version, not both.", path: ["version"] });
export type SavedCheckPredictQuery = z.infer<typeof savedCheckPredictQuerySchema>;

/**
 * Request headers whose values are likely credentials (Authorization, Cookie,
 * X-Auth-Token, Api-Key, X-Session-Id, X-Client-Secret…): masked in the audit
 * log and for viewers. Deliberately broad — masking a harmless header costs a
 * viewer one value, missing a token leaks it to everyone signed in.
 */
const SECRET_HEADER_NAME = /auth|token|secret|key|cookie|session|password|credential/i;
export const MASKED_HEADER_VALUE = "••••";

export function isSecretHeaderName(name: string): boolean {
  return SECRET_HEADER_NAME.test(name);
}

export function maskSecretHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isSecretHeaderName(name) ? MASKED_HEADER_VALUE : value]));
}
