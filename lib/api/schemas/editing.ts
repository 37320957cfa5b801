import { z } from "zod";
import { LINT_CODES, POLICY_FIELDS, type LintFinding } from "@/lib/cors";
import type { SameType } from "@/lib/api/same-type";
import { noOriginHandlingSchema, policyContentSchema } from "@/lib/api/schemas/policy";
import { samplePathsSchema, slugSchema } from "@/lib/api/schemas/project";

/**
 * Requests and answers of the dashboard's editing API (projects,
 * environments, drafts, publishing, approvals, history, compare/promote,
 * import/export, search). Shared by route handlers, forms and OpenAPI.
 */

const nameSchema = z.string().trim().min(1, { error: "Enter a name." }).max(100, { error: "Use at most 100 characters." });
const descriptionSchema = z.string().trim().max(1000, { error: "Use at most 1000 characters." });
const baseUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), { error: "Use an http(s) URL, e.g. https://api.example.com or https://api.example.com/v1/orders." });

// ---------------------------------------------------------------------------
// Projects and environments
// ---------------------------------------------------------------------------

export const createEnvironmentRequestSchema = z.strictObject({
  slug: slugSchema,
  name: nameSchema,
  protected: z.boolean().default(false),
  baseUrls: z.array(baseUrlSchema).max(50).default([]),
});
export type CreateEnvironmentRequest = z.infer<typeof createEnvironmentRequestSchema>;

export const createProjectRequestSchema = z.strictObject({
  slug: slugSchema,
  name: nameSchema,
  description: descriptionSchema.optional(),
  /** Default: dev, staging, prod (prod protected). */
  environments: z.array(createEnvironmentRequestSchema).min(1).max(20).optional(),
});
export type CreateProjectRequest = z.infer<typeof createProjectRequestSchema>;

export const updateProjectRequestSchema = z.strictObject({
  name: nameSchema.optional(),
  description: descriptionSchema.nullable().optional(),
  archived: z.boolean().optional(),
  samplePaths: samplePathsSchema.optional(),
});
export type UpdateProjectRequest = z.infer<typeof updateProjectRequestSchema>;

export const updateEnvironmentRequestSchema = z.strictObject({
  name: nameSchema.optional(),
  protected: z.boolean().optional(),
  baseUrls: z.array(baseUrlSchema).max(50).optional(),
});
export type UpdateEnvironmentRequest = z.infer<typeof updateEnvironmentRequestSchema>;

export const reorderEnvironmentsRequestSchema = z.strictObject({
  /** Every environment slug of the project, in the new order. */
  order: z.array(slugSchema).min(1).max(50),
});

export const environmentParamsSchema = z.object({ project: slugSchema, environment: slugSchema });

// ---------------------------------------------------------------------------
// Drafts
// ---------------------------------------------------------------------------

export const draftOriginInputSchema = z.strictObject({
  value: z.string().max(2048, { error: "An origin is at most 2048 characters." }),
  note: z.string().trim().max(500).nullable().default(null),
  expiresAt: z.iso.datetime({ error: "Use an ISO 8601 date-time, e.g. 2026-12-31T00:00:00Z." }).nullable().default(null),
});

/** A whole policy as the editor (and an imported document) gives it; lib/cors validates the values. */
export const policyEditSchema = z.strictObject({
  origins: z.array(draftOriginInputSchema).max(20_000),
  allowCredentials: z.boolean(),
  allowedMethods: z.array(z.string().max(64)).max(50),
  allowedHeaders: z.array(z.string().max(256)).max(200),
  reflectRequestHeaders: z.boolean(),
  exposedHeaders: z.array(z.string().max(256)).max(200),
  maxAgeSeconds: z.number().int().min(0).max(86_400).nullable(),
  noOrigin: noOriginHandlingSchema,
  allowPrivateNetwork: z.boolean(),
});
export type PolicyEdit = z.infer<typeof policyEditSchema>;

/** The whole draft, as the editor saves it. `revision` must be the one the editor loaded. */
export const saveDraftRequestSchema = policyEditSchema.extend({
  revision: z.number().int().min(0),
});
export type SaveDraftRequest = z.infer<typeof saveDraftRequestSchema>;

/** Add origins without a revision (merges with concurrent edits; duplicates are skipped). */
export const addOriginsRequestSchema = z.strictObject({
  origins: z.array(draftOriginInputSchema).min(1).max(20_000),
});
export type AddOriginsRequest = z.infer<typeof addOriginsRequestSchema>;

const stringList = z.array(z.string()).readonly();
const setPatch = <F extends string, V extends z.ZodType>(field: F, value: V) => z.object({ op: z.literal("set"), field: z.literal(field), value });

/** A one-click fix's change (the core's PolicyPatch). */
export const policyPatchSchema = z.union([
  z.object({ op: z.literal("remove-origin"), index: z.number().int() }),
  z.object({ op: z.literal("replace-origin"), index: z.number().int(), value: z.string() }),
  setPatch("allowCredentials", z.boolean()),
  setPatch("allowedMethods", stringList),
  setPatch("allowedHeaders", stringList),
  setPatch("reflectRequestHeaders", z.boolean()),
  setPatch("exposedHeaders", stringList),
  setPatch("maxAgeSeconds", z.number().int().nullable()),
  setPatch("noOrigin", noOriginHandlingSchema),
  setPatch("allowPrivateNetwork", z.boolean()),
]);

/** A lint finding as the API sends it: the core's LintFinding (checked at compile time below). */
export const lintFindingSchema = z.object({
  code: z.enum(LINT_CODES),
  severity: z.enum(["error", "warning", "info"]),
  index: z.number().int().nullable(),
  field: z.enum(POLICY_FIELDS),
  message: z.string(),
  fix: z.object({ label: z.string(), value: z.string().optional(), patch: policyPatchSchema }).optional(),
});
export type LintFindingDto = z.infer<typeof lintFindingSchema>;
const findingIsCoreType: SameType<LintFindingDto, LintFinding> = true;
void findingIsCoreType;

export const originChangeSchema = z.object({
  value: z.string(),
  change: z.enum(["added", "removed", "changed"]),
  before: z.object({ note: z.string().nullable(), expiresAt: z.string().nullable() }).nullable(),
  after: z.object({ note: z.string().nullable(), expiresAt: z.string().nullable() }).nullable(),
});

export const policyDiffSchema = z.object({
  origins: z.array(originChangeSchema),
  settings: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  empty: z.boolean(),
});
export type PolicyDiff = z.infer<typeof policyDiffSchema>;

export const draftSchema = z.object({
  project: z.string(),
  environment: z.string(),
  protected: z.boolean(),
  revision: z.number().int(),
  content: policyContentSchema,
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().nullable(),
  liveVersion: z.number().int().nullable(),
  /** Draft vs the live version. */
  diff: policyDiffSchema,
  findings: z.array(lintFindingSchema),
  /** An open change request for this environment, if any. */
  pendingChangeRequest: z.string().nullable(),
});
export type Draft = z.infer<typeof draftSchema>;

// ---------------------------------------------------------------------------
// Publishing, approvals, history
// ---------------------------------------------------------------------------

export const publishRequestSchema = z.strictObject({
  message: z.string().trim().min(1, { error: "Say why, in a few words (it goes in the history)." }).max(500),
  /** The draft revision that was reviewed; a newer draft → 409. */
  revision: z.number().int().min(0),
});
export type PublishRequest = z.infer<typeof publishRequestSchema>;

export const versionSummarySchema = z.object({
  number: z.number().int(),
  message: z.string(),
  author: z.string().nullable(),
  createdAt: z.iso.datetime(),
  contentHash: z.string(),
  originCount: z.number().int(),
  /** Protected environments: who approved the change request that created it. */
  approvedBy: z.string().nullable(),
  /** Set when this version re-published an older version's content. */
  rollbackOf: z.number().int().nullable(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;
/** A version with its content and what changed since the previous version. */
export const versionSchema = versionSummarySchema.extend({ content: policyContentSchema, diff: policyDiffSchema });
export type Version = z.infer<typeof versionSchema>;

/** A version number in a path or query: 1 up to the database column's int4 limit (a bigger one is a 422, not a database error). */
export const versionNumberSchema = z.coerce
  .number({ error: "Use a version number, e.g. 3." })
  .int({ error: "Use a version number, e.g. 3." })
  .min(1, { error: "Version numbers start at 1." })
  .max(2_147_483_647, { error: "There is no version with such a big number." });

export const versionParamsSchema = z.object({
  project: slugSchema,
  environment: slugSchema,
  number: versionNumberSchema,
});

export const changeRequestStatusSchema = z.enum(["open", "approved", "rejected", "withdrawn"]);
export const changeRequestSchema = z.object({
  id: z.string(),
  project: z.string(),
  environment: z.string(),
  status: changeRequestStatusSchema,
  message: z.string(),
  author: z.string(),
  createdAt: z.iso.datetime(),
  reviewer: z.string().nullable(),
  reviewedAt: z.iso.datetime().nullable(),
  reviewComment: z.string().nullable(),
  baseVersion: z.number().int().nullable(),
  /** Set when the request rolls back to this older version. */
  rollbackOf: z.number().int().nullable(),
  /** The version created when approved. */
  version: z.number().int().nullable(),
  content: policyContentSchema,
  /** The requested content vs the base version. */
  diff: policyDiffSchema,
});
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

export const changeRequestParamsSchema = z.object({ id: z.string().min(1).max(100) });
export const changeRequestListQuerySchema = z.strictObject({
  status: changeRequestStatusSchema.optional(),
  project: slugSchema.optional(),
});
export type ChangeRequestListQuery = z.infer<typeof changeRequestListQuerySchema>;

/** Publishing answers with the new version, or with the change request a protected environment needs. */
export const publishResultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("published"), version: versionSummarySchema }),
  z.object({ kind: z.literal("change-request"), changeRequest: changeRequestSchema }),
]);
export type PublishResult = z.infer<typeof publishResultSchema>;

export const reviewRequestSchema = z.strictObject({
  comment: z.string().trim().max(1000).optional(),
});
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;
export const rejectRequestSchema = z.strictObject({
  comment: z.string().trim().min(1, { error: "Say what needs to change." }).max(1000),
});
export type RejectRequest = z.infer<typeof rejectRequestSchema>;
export const approveResultSchema = z.object({ changeRequest: changeRequestSchema, version: versionSummarySchema });

export const rollbackRequestSchema = z.strictObject({
  /** Default: "Roll back to version N". */
  message: z.string().trim().min(1).max(500).optional(),
});
export type RollbackRequest = z.infer<typeof rollbackRequestSchema>;

/** What a rollback would change: live version → the old version's content. */
export const rollbackPreviewSchema = z.object({
  liveVersion: z.number().int().nullable(),
  diff: policyDiffSchema,
});
export type RollbackPreview = z.infer<typeof rollbackPreviewSchema>;

// ---------------------------------------------------------------------------
// Compare, promote, import/export, search
// ---------------------------------------------------------------------------

export const compareQuerySchema = z.strictObject({ from: slugSchema, to: slugSchema, source: z.enum(["live", "draft"]).default("draft") });
export type CompareQuery = z.infer<typeof compareQuerySchema>;

export const compareResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  source: z.enum(["live", "draft"]),
  /** Origin values, in the order of the `from` (or `to`) allowlist. */
  onlyInFrom: z.array(z.string()),
  onlyInTo: z.array(z.string()),
  inBoth: z.array(z.string()),
  /** Settings that differ (origins excluded). */
  settings: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export type CompareResult = z.infer<typeof compareResultSchema>;

export const promoteRequestSchema = z.strictObject({
  from: slugSchema,
  /** Origins (values) of `from` to copy into this environment's draft; note and expiry come along. */
  origins: z.array(z.string().max(2048)).min(1).max(20_000),
  /** Copy from `from`'s draft (default) or its live version. */
  source: z.enum(["live", "draft"]).default("draft"),
});
export type PromoteRequest = z.infer<typeof promoteRequestSchema>;

export const exportDocumentSchema = z.object({
  format: z.literal("corsboard.project/v1"),
  project: z.object({ slug: z.string(), name: z.string(), description: z.string().nullable() }),
  environments: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      protected: z.boolean(),
      baseUrls: z.array(z.string()),
      policy: policyContentSchema,
    }),
  ),
});
export type ExportDocument = z.infer<typeof exportDocumentSchema>;

/**
 * What an import accepts: the export format, strictly (unknown fields are
 * refused), with the editor's limits. lib/cors then checks every policy.
 */
export const importDocumentSchema = z.strictObject({
  format: z.literal("corsboard.project/v1", { error: 'Use a document exported by Corsboard ("format": "corsboard.project/v1").' }),
  project: z.strictObject({ slug: slugSchema, name: nameSchema, description: descriptionSchema.nullable().default(null) }),
  environments: z
    .array(
      z.strictObject({
        slug: slugSchema,
        name: nameSchema,
        protected: z.boolean(),
        baseUrls: z.array(baseUrlSchema).max(50).default([]),
        policy: policyEditSchema,
      }),
    )
    .min(1, { error: "A project needs at least one environment." })
    .max(50),
});
export type ImportDocument = z.infer<typeof importDocumentSchema>;

export const importModeSchema = z.enum(["create", "replace-drafts"]);

/**
 * `document` is validated by the server as a whole (importDocumentSchema,
 * then lib/cors on every policy) so that every problem is listed at once.
 * `slug` imports under another slug than the document's (e.g. a copy).
 */
export const importRequestSchema = z.strictObject({
  document: z.unknown().refine((v) => v !== undefined, { error: "Send the exported document as `document`." }),
  mode: importModeSchema.default("create"),
  slug: slugSchema.optional(),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;
/** The import request as documented (OpenAPI): the document in its exported form. */
export const importRequestDocSchema = z.strictObject({
  document: exportDocumentSchema,
  mode: importModeSchema.default("create"),
  slug: slugSchema.optional(),
});

export const searchQuerySchema = z.strictObject({
  origin: z.string().trim().min(1, { error: "Enter an origin or a part of one." }).max(2048),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;
export const searchHitSchema = z.object({
  project: z.string(),
  projectName: z.string(),
  environment: z.string(),
  value: z.string(),
  /** How the allowlist entry relates to the searched origin. */
  match: z.enum(["exact", "pattern", "substring"]),
  where: z.enum(["draft", "live"]),
  expiresAt: z.string().nullable(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;
export const searchResultSchema = z.object({
  /** The searched text, and the canonical origin it was matched as (null when it is not an origin). */
  query: z.string(),
  origin: z.string().nullable(),
  hits: z.array(searchHitSchema),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
