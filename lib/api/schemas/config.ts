import { z } from "zod";
import { policyContentSchema } from "@/lib/api/schemas/policy";
import { slugSchema } from "@/lib/api/schemas/project";
import { TOKEN } from "@/lib/cors";
import type { ConfigDocument as CoreConfigDocument, ServedPolicy as CoreServedPolicy } from "@/lib/cors";
import type { SameType } from "@/lib/api/same-type";

/**
 * The config API (what services fetch with a `config_read` token) and the
 * management views of who fetches it (consumers) and which origins services
 * see (observed origins). The SDK (lib/sdk) reads the same document without
 * importing this file (it depends on lib/cors only): change both together.
 */

export const configFormatSchema = z.enum(["json", "origins", "nginx", "env"]);
export type ConfigFormat = z.infer<typeof configFormatSchema>;

/** Long-polls wait at most this long (seconds), whatever the client asks. */
export const MAX_WAIT_SECONDS = 60;

export const configParamsSchema = z.object({ project: slugSchema, environment: slugSchema });

export const configQuerySchema = z.object({
  format: configFormatSchema.default("json"),
  /** Long-poll: answer as soon as the latest version differs from this one (0 = "I have none"). */
  waitForChange: z.coerce.number().int().min(0).optional(),
  /** Long-poll timeout in seconds (capped at 60); at the timeout the answer is 304. */
  timeout: z.coerce.number().int().min(1).optional(),
});

export const streamQuerySchema = z.object({
  /** Same as the Last-Event-ID header (for clients that cannot set it). */
  lastEventId: z.coerce.number().int().min(0).optional(),
  /** Seconds between heartbeat comments (default 15). */
  heartbeat: z.coerce.number().int().min(1).max(60).optional(),
});

/** One allowlist entry as served: expired entries are already left out. */
export const servedOriginSchema = z.object({
  value: z.string(),
  /** The entry stops matching at this instant (services evaluate it per request). */
  expiresAt: z.iso.datetime().nullable(),
});

/** What a version stores (policyContentSchema), with expired entries left out and notes dropped. */
export const servedPolicySchema = policyContentSchema.extend({ origins: z.array(servedOriginSchema) });
export type ServedPolicy = z.infer<typeof servedPolicySchema>;
const servedIsCoreType: SameType<ServedPolicy, CoreServedPolicy> = true;
void servedIsCoreType;

/** `GET /api/v1/config/{project}/{environment}` (JSON format), and each SSE event's data. */
export const configDocumentSchema = z.object({
  project: z.string(),
  environment: z.string(),
  version: z.number().int().min(1),
  publishedAt: z.iso.datetime(),
  /** sha256 hex of the RFC 8785 canonical JSON (lib/cors/canonical-json.ts) of `policy`, as served. */
  contentHash: z.string(),
  policy: servedPolicySchema,
});
export type ConfigDocument = z.infer<typeof configDocumentSchema>;
const documentIsCoreType: SameType<ConfigDocument, CoreConfigDocument> = true;
void documentIsCoreType;

export const consumerSchema = z.object({
  token: z.object({ id: z.string(), name: z.string(), prefix: z.string(), scope: z.enum(["admin", "config_read"]), revoked: z.boolean() }),
  /** X-Corsboard-Instance of the service instance; "" when it sent none. */
  instance: z.string(),
  version: z.number().int(),
  onLatest: z.boolean(),
  /**
   * `live` (open SSE stream or long-poll), `polling` (plain fetches, seen
   * within its interval), `gone` (its stream closed, or unseen for longer than
   * `goneAfterSeconds[mode]`).
   */
  state: z.enum(["live", "polling", "gone"]),
  /** Same as `state === "gone"` (kept for earlier clients). */
  stale: z.boolean(),
  mode: z.enum(["fetch", "long-poll", "sse"]),
  userAgent: z.string().nullable(),
  firstSeenAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  /** When its SSE stream closed; null while connected or seen since. */
  disconnectedAt: z.iso.datetime().nullable(),
});
export type Consumer = z.infer<typeof consumerSchema>;

export const consumerListSchema = z.object({
  project: z.string(),
  environment: z.string(),
  latestVersion: z.number().int().nullable(),
  /** Unseen for this long (seconds, per mode), an instance is gone. */
  goneAfterSeconds: z.object({ fetch: z.number().int(), "long-poll": z.number().int(), sse: z.number().int() }),
  consumers: z.array(consumerSchema),
});
export type ConsumerList = z.infer<typeof consumerListSchema>;

/** Most origins one report may carry; the SDK sends bigger aggregates in several reports. */
export const MAX_OBSERVED_PER_REPORT = 1_000;

/** Why services refused requests (lib/sdk/refusal.ts, RefusalKind): by the setting that would fix it. */
export const REFUSAL_KINDS = ["origin", "method", "headers", "credentials", "private-network", "no-origin"] as const;
export const refusalKindSchema = z.enum(REFUSAL_KINDS);
export type RefusalKind = z.infer<typeof refusalKindSchema>;
/** Distinct refusal reasons per origin in one report (the SDK keeps no more). */
export const MAX_REFUSALS_PER_ORIGIN = 20;

/** An HTTP token (method or header name, https://httpwg.org/specs/rfc9110.html#tokens). */
const httpToken = (what: string, max: number) => z.string().min(1).max(max).regex(TOKEN, `${what} must be an HTTP token (letters, digits, - and the like; no spaces).`);

const refusalReportSchema = z.strictObject({
  kind: refusalKindSchema,
  /** kind "method": the method the preflight asked for. */
  method: httpToken("method", 64).optional(),
  /** kind "headers": the requested headers the policy does not allow. */
  headers: z.array(httpToken("header name", 128)).min(1).max(20).optional(),
  count: z.number().int().min(1).max(1e12),
});

/** `POST /api/v1/config/{project}/{environment}/observed` (the SDK's batches). */
export const observedReportSchema = z.strictObject({
  /** The policy version the service ran. */
  version: z.number().int().min(0).nullable().optional(),
  origins: z
    .array(
      z.strictObject({
        origin: z.string().min(1).max(2048),
        allowed: z.number().int().min(0).max(1e12),
        rejected: z.number().int().min(0).max(1e12),
        /** The verdict of the latest sighting, when both counts are non-zero. */
        lastAllowed: z.boolean().optional(),
        /** Why requests of this origin were refused, with counts (older SDKs send none). */
        refusals: z.array(refusalReportSchema).max(MAX_REFUSALS_PER_ORIGIN).optional(),
      }),
    )
    .max(MAX_OBSERVED_PER_REPORT),
});
export type ObservedReport = z.infer<typeof observedReportSchema>;

export const observedOriginSchema = z.object({
  origin: z.string(),
  allowedCount: z.number().int(),
  rejectedCount: z.number().int(),
  lastAllowed: z.boolean(),
  lastVersion: z.number().int().nullable(),
  firstSeenAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  /** Why its latest refused request was refused, and what (method, or headers comma-separated); null: none reported. */
  lastRefusal: z.object({ kind: refusalKindSchema, detail: z.string() }).nullable(),
});
export type ObservedOrigin = z.infer<typeof observedOriginSchema>;

export const observedListSchema = z.object({
  project: z.string(),
  environment: z.string(),
  origins: z.array(observedOriginSchema),
});

/** `GET …/environments/{environment}/observed/refusals`: refusals in the last hour, by kind and what was refused. */
export const observedRefusalsSchema = z.object({
  project: z.string(),
  environment: z.string(),
  /** The window summed: the 5-minute buckets that started in the last `windowMinutes`. */
  windowMinutes: z.number().int(),
  refusals: z.array(z.object({ kind: refusalKindSchema, detail: z.string(), count: z.number().int() })),
});
export type ObservedRefusals = z.infer<typeof observedRefusalsSchema>;

export const observedQuerySchema = z.object({
  verdict: z.enum(["allowed", "rejected", "all"]).default("all"),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
