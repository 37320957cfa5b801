import { z } from "zod";
import { checkHeaderValue } from "@/lib/cors/simulate/header-value";
import { normalizeHeaderValue } from "@/lib/cors/simulate/http-bytes";
import { checkRequestOrigin, checkRequestUrl } from "@/lib/cors/request-target";
import { ENGINES } from "@/lib/cors/simulate/engines";

/**
 * POST /api/v1/probe: Corsboard sends the preflight (and, when it passes, the
 * request) a browser would send for this fetch(), and the browser simulator
 * decides on the responses.
 */
export const probeRequestSchema = z.strictObject({
  url: z
    .string({ error: "Give the absolute http:// or https:// URL the page fetches, e.g. https://api.example.com/items." })
    .trim()
    .max(2048, { error: "Use a URL of at most 2048 characters." })
    .superRefine((value, ctx) => {
      const checked = checkRequestUrl(value);
      if (checked.ok) return;
      const message =
        checked.problem === "not-absolute"
          ? "Give an absolute http:// or https:// URL, e.g. https://api.example.com/items."
          : checked.problem === "scheme"
            ? `Only http:// and https:// URLs can be probed, not ${checked.protocol}.`
            : "Remove the user name and password from the URL: browsers refuse to fetch() such URLs.";
      ctx.addIssue({ code: "custom", message });
    }),
  origin: z
    .string({ error: "Give the origin of the page making the request, e.g. https://app.example.com." })
    .trim()
    .max(512, { error: "Use an origin of at most 512 characters." })
    .superRefine((value, ctx) => {
      const checked = checkRequestOrigin(value);
      if (checked.ok) return;
      const message =
        checked.problem !== "not-serialized"
          ? "Give a serialized origin: scheme, host and optional port, e.g. https://app.example.com (or \"null\")."
          : `Give the serialized origin only (no path, query or trailing slash): ${checked.serialized}.`;
      ctx.addIssue({ code: "custom", message });
    }),
  method: z
    .string({ error: "Give the HTTP method, e.g. GET or PUT." })
    .min(1, { error: "Give the HTTP method, e.g. GET or PUT." })
    .max(32, { error: "Use a method of at most 32 characters." })
    .default("GET"),
  headers: z
    .record(z.string().max(256, { error: "Use header names of at most 256 characters." }), z.string({ error: "Header values must be strings." }).max(8192, { error: "Use header values of at most 8192 characters." }), {
      error: "Give the request headers as an object of name: value strings.",
    })
    .refine((h) => Object.keys(h).length <= 64, { error: "Send at most 64 headers." })
    // Values as fetch() takes them (lib/cors): refused where fetch() throws,
    // leading/trailing whitespace trimmed as fetch() trims it before sending.
    .superRefine((headers, ctx) => {
      for (const [name, value] of Object.entries(headers)) {
        const checked = checkHeaderValue(name, value);
        const message = checked.ok ? controlCharacterMessage(name, checked.value) : checked.message;
        if (message) ctx.addIssue({ code: "custom", path: [name], message });
      }
    })
    .transform((headers) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, normalizeHeaderValue(value)])))
    .default({}),
  credentials: z.enum(["omit", "include"], { error: "Use \"omit\" or \"include\" (fetch()'s credentials option)." }).default("omit"),
  sendActual: z.boolean({ error: "Use true or false." }).default(false),
  /** Browser engines to decide like (lib/cors/simulate/engines.ts); the first is the main result. Default: all. */
  engines: z
    .array(z.enum(ENGINES, { error: `Use ${ENGINES.map((e) => JSON.stringify(e)).join(", ")}.` }))
    .min(1, { error: "Name at least one engine, or leave engines out for all." })
    .optional(),
});
export type ProbeRequest = z.infer<typeof probeRequestSchema>;

/**
 * fetch() lets other control characters through (U+0001, U+007F…), but HTTP
 * does not (RFC 9110 field-value): the probe's HTTP client throws on them,
 * which made every run of a check holding one a 500. Refused like the rest.
 */
function controlCharacterMessage(name: string, value: string): string | null {
  const match = /[\u0000-\u0008\u000a-\u001f\u007f]/.exec(value);
  if (!match) return null;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  return `The value of ${name} contains a control character (U+${code}): HTTP header values can't hold one, and servers refuse it. Remove it.`;
}

const rawHeadersSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const stepSchema = z.object({
  id: z.string(),
  title: z.string(),
  outcome: z.enum(["pass", "fail", "skip"]),
  detail: z.string(),
  spec: z.string(),
  values: z.record(z.string(), z.string()).optional(),
});

/**
 * The probe's answer (ProbeAnswer, lib/server/probe/probe-engines.ts), field
 * for field: run-signed-probe.ts fails to compile when a field is added to one
 * alone. Its values may be wider than the probe's: failure.rule is any
 * string, departures and the engine fields are optional (results saved by
 * earlier versions are parsed with it too, probe-record-dto.ts).
 */
export const probeResultSchema = z.object({
  verdict: z.enum(["allowed", "blocked"]),
  /** Where the browser stops, when blocked. */
  stage: z.enum(["preflight", "actual"]).nullable(),
  target: z.object({ host: z.string(), address: z.string(), port: z.number().int() }).nullable(),
  preflight: z.object({
    required: z.boolean(),
    request: z.object({ method: z.literal("OPTIONS"), url: z.string(), headers: z.record(z.string(), z.string()) }).nullable(),
    status: z.number().int().nullable(),
    headers: rawHeadersSchema.nullable(),
    error: z.string().nullable(),
    maxAgeSeconds: z.number().nullable(),
  }),
  /** null when the actual request was not sent (methods other than GET/HEAD without sendActual). */
  actual: z
    .object({
      request: z.object({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()) }),
      status: z.number().int().nullable(),
      headers: rawHeadersSchema.nullable(),
      error: z.string().nullable(),
      bodyBytesRead: z.number().int(),
      bodyTruncated: z.boolean(),
    })
    .nullable(),
  steps: z.array(stepSchema),
  failure: z.object({ rule: z.string(), message: z.string(), fix: z.string() }).nullable(),
  warnings: z.array(z.string()),
  /** Engine rules that bear on this request (lib/cors/simulate/engines.ts). */
  departures: z.array(z.string()).optional(),
  /** The verdict per engine (the top-level verdict is the first engine's). */
  engines: z
    .array(
      z.object({
        engine: z.enum(ENGINES),
        name: z.string(),
        verification: z.enum(["run", "modelled"]),
        verdict: z.enum(["allowed", "blocked"]),
        stage: z.enum(["preflight", "actual"]).nullable(),
        failure: z.object({ rule: z.string(), message: z.string(), fix: z.string() }).nullable(),
        warnings: z.array(z.string()),
      }),
    )
    .optional(),
  /** When engines disagree: which of their departures from the Fetch Standard makes the difference, with sources. */
  engineDifferences: z
    .array(
      z.object({
        rule: z.string(),
        title: z.string(),
        standard: z.string(),
        standardSource: z.string(),
        engines: z.partialRecord(z.enum(ENGINES), z.object({ behaviour: z.string(), source: z.string() })),
      }),
    )
    .optional(),
});
export type ProbeResultDoc = z.infer<typeof probeResultSchema>;

/**
 * What POST /api/v1/probe answers: the result plus `signature`, an
 * HMAC-SHA256 (base64url) of the request and the result keyed by a server
 * secret. Saving the result (POST /api/v1/probe-records) requires it, so a
 * shared link can only show what Corsboard's probe really saw.
 */
export const signedProbeResultSchema = probeResultSchema.extend({ signature: z.string() });
export type SignedProbeResult = z.infer<typeof signedProbeResultSchema>;
