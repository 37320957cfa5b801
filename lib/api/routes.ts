import { z } from "zod";
import { problemSchema } from "@/lib/api/problem";
import { defineApi, type ApiRoute } from "@/lib/api/route-spec";
import { auditEventSchema, auditExportQuerySchema, auditQuerySchema } from "@/lib/api/schemas/audit";
import {
  configDocumentSchema,
  configQuerySchema,
  consumerListSchema,
  observedListSchema,
  observedQuerySchema,
  observedRefusalsSchema,
  observedReportSchema,
  streamQuerySchema,
} from "@/lib/api/schemas/config";
import {
  addOriginsRequestSchema,
  approveResultSchema,
  changeRequestListQuerySchema,
  changeRequestParamsSchema,
  changeRequestSchema,
  compareQuerySchema,
  compareResultSchema,
  createEnvironmentRequestSchema,
  createProjectRequestSchema,
  draftSchema,
  environmentParamsSchema,
  exportDocumentSchema,
  importRequestDocSchema,
  importRequestSchema,
  promoteRequestSchema,
  publishRequestSchema,
  publishResultSchema,
  rejectRequestSchema,
  reorderEnvironmentsRequestSchema,
  reviewRequestSchema,
  rollbackPreviewSchema,
  rollbackRequestSchema,
  saveDraftRequestSchema,
  searchQuerySchema,
  searchResultSchema,
  updateEnvironmentRequestSchema,
  updateProjectRequestSchema,
  versionParamsSchema,
  versionSchema,
  versionSummarySchema,
} from "@/lib/api/schemas/editing";
import { healthSchema } from "@/lib/api/schemas/health";
import {
  applyMigrationRequestSchema,
  applyMigrationResultSchema,
  migrationExportQuerySchema,
  migrationReportListQuerySchema,
  migrationReportPageSchema,
  migrationReportParamsSchema,
  migrationReportResponseSchema,
  migrationReportSchema,
  runMigrationCheckRequestSchema,
} from "@/lib/api/schemas/migration-check";
import { probeRequestSchema, signedProbeResultSchema } from "@/lib/api/schemas/probe";
import {
  createdProbeRecordSchema,
  createProbeRecordRequestSchema,
  probeRecordListQuerySchema,
  probeRecordParamsSchema,
  probeRecordSchema,
  probeRecordSummarySchema,
} from "@/lib/api/schemas/probe-record";
import { environmentSummarySchema, projectDetailSchema, projectListQuerySchema, projectParamsSchema, projectSummarySchema } from "@/lib/api/schemas/project";
import {
  brokenCheckSchema,
  createSavedCheckRequestSchema,
  savedCheckListSchema,
  savedCheckParamsSchema,
  savedCheckPredictionsSchema,
  savedCheckPredictQuerySchema,
  savedCheckRunResultSchema,
  savedCheckSchema,
  updateSavedCheckRequestSchema,
} from "@/lib/api/schemas/saved-check";
import { createdTokenSchema, createTokenRequestSchema, tokenSchema } from "@/lib/api/schemas/token";
import { createUserRequestSchema, idParamsSchema, meSchema, setupRequestSchema, updateUserRequestSchema, userSchema } from "@/lib/api/schemas/user";

/**
 * The HTTP surface, each route declared once (`METHOD /path` → summary, who
 * may call it, params/query/body schemas, response): route handlers are built
 * from these declarations (`defineRoute(api["POST /api/v1/probe"], …)`), and
 * the OpenAPI document (lib/api/openapi.ts) is generated from them, so the
 * schemas a handler parses are the ones documented. Routes not built with
 * defineRoute are listed with the reason in lib/api/routes.test.ts.
 */
/** Room for the largest allowlist the draft schema accepts (20,000 origins with notes). */
const DRAFT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export const api = defineApi({
  "GET /api/health": { summary: "Health and database reachability", auth: { public: true }, response: healthSchema },
  "GET /api/setup": { summary: "Whether first-run setup is still needed, and whether it needs the one-time setup code (from another machine than the server's)", auth: { public: true }, response: z.object({ needsSetup: z.boolean(), setupCodeRequired: z.boolean() }) },
  "POST /api/setup": { summary: "Create the first admin (only while there is no account; 409 setup_done after). From another machine than the server's, `setupCode` must be the one-time code printed in the server's log at startup: 403 setup_code_required / setup_code_wrong", auth: { public: true }, body: setupRequestSchema, maxBodyBytes: 16 * 1024, response: z.object({ user: userSchema }), status: 201 },
  "GET /api/v1/me": { summary: "The caller", auth: { role: "viewer" }, response: meSchema },
  "GET /api/v1/users": { summary: "List users", auth: { role: "admin" }, response: z.object({ users: z.array(userSchema) }) },
  "POST /api/v1/users": { summary: "Create a user with a role", auth: { role: "admin" }, body: createUserRequestSchema, maxBodyBytes: 16 * 1024, response: z.object({ user: userSchema }), status: 201 },
  "PATCH /api/v1/users/{id}": { summary: "Change a user's role, name or disabled flag", auth: { role: "admin" }, params: idParamsSchema, body: updateUserRequestSchema, maxBodyBytes: 16 * 1024, response: z.object({ user: userSchema }) },
  "GET /api/v1/tokens": { summary: "List API tokens", auth: { role: "admin" }, response: z.object({ tokens: z.array(tokenSchema) }) },
  "POST /api/v1/tokens": { summary: "Create an API token (the secret is in this answer only)", auth: { role: "admin" }, body: createTokenRequestSchema, maxBodyBytes: 16 * 1024, response: createdTokenSchema, status: 201 },
  "DELETE /api/v1/tokens/{id}": { summary: "Revoke an API token", auth: { role: "admin" }, params: idParamsSchema, response: z.object({ token: tokenSchema }) },
  "GET /api/v1/projects": { summary: "List projects with their environments", auth: { role: "viewer" }, query: projectListQuerySchema, response: z.object({ projects: z.array(projectSummarySchema) }) },
  "GET /api/v1/projects/{project}": { summary: "A project with each environment's draft policy", auth: { role: "viewer" }, params: projectParamsSchema, response: z.object({ project: projectDetailSchema }) },
  "GET /api/v1/audit": { summary: "Audit events, newest first", auth: { role: "viewer" }, query: auditQuerySchema, response: z.object({ events: z.array(auditEventSchema), nextBefore: z.string().nullable() }) },
  "GET /api/v1/audit/export": { summary: "The filtered audit log as a JSON or CSV download (Content-Disposition: attachment)", auth: { role: "viewer" }, query: auditExportQuerySchema, response: z.object({ exportedAt: z.string(), filters: z.record(z.string(), z.unknown()), events: z.array(auditEventSchema) }) },

  // Projects and environments
  "POST /api/v1/projects": { summary: "Create a project (default environments: dev, staging, prod — prod protected)", auth: { role: "editor" }, body: createProjectRequestSchema, maxBodyBytes: 64 * 1024, response: z.object({ project: projectDetailSchema }), status: 201 },
  "PATCH /api/v1/projects/{project}": { summary: "Rename, describe, archive or unarchive a project", auth: { role: "editor" }, params: projectParamsSchema, body: updateProjectRequestSchema, maxBodyBytes: 16 * 1024, response: z.object({ project: projectDetailSchema }) },
  "POST /api/v1/projects/{project}/environments": { summary: "Add an environment (at the end of the order)", auth: { role: "editor" }, params: projectParamsSchema, body: createEnvironmentRequestSchema, maxBodyBytes: 64 * 1024, response: z.object({ environment: environmentSummarySchema }), status: 201 },
  "PATCH /api/v1/projects/{project}/environments/{environment}": { summary: "Rename an environment, set its base URLs; changing `protected` needs an admin", auth: { role: "editor" }, params: environmentParamsSchema, body: updateEnvironmentRequestSchema, maxBodyBytes: 64 * 1024, response: z.object({ environment: environmentSummarySchema }) },
  "PUT /api/v1/projects/{project}/environment-order": { summary: "Reorder a project's environments (list every slug once)", auth: { role: "editor" }, params: projectParamsSchema, body: reorderEnvironmentsRequestSchema, maxBodyBytes: 16 * 1024, response: z.object({ project: projectDetailSchema }) },

  // Drafts
  "GET /api/v1/projects/{project}/environments/{environment}/draft": { summary: "An environment's draft with its diff vs live, lib/cors lint findings and open change request", auth: { role: "viewer" }, params: environmentParamsSchema, response: draftSchema },
  "PUT /api/v1/projects/{project}/environments/{environment}/draft": { summary: "Save the whole draft; 409 stale_revision (with `current`) when it changed since `revision`; 422 lists every lib/cors problem with its position and fix", auth: { role: "editor" }, params: environmentParamsSchema, body: saveDraftRequestSchema, maxBodyBytes: DRAFT_MAX_BODY_BYTES, response: draftSchema },
  "POST /api/v1/projects/{project}/environments/{environment}/draft/origins": { summary: "Add origins to the draft (merged with concurrent edits, no revision; duplicates skipped)", auth: { role: "editor" }, params: environmentParamsSchema, body: addOriginsRequestSchema, maxBodyBytes: 16 * 1024 * 1024, response: draftSchema },

  // Publishing, history, approvals
  "POST /api/v1/projects/{project}/environments/{environment}/publish": { summary: "Publish the draft: 201 new version; 202 change request (protected); 422 lint_errors; 409 stale_revision, nothing_to_publish or change_request_open. brokenChecks: the saved checks this publish breaks (predicted before it; reported, never refused — the dashboard asks first)", auth: { role: "editor" }, params: environmentParamsSchema, body: publishRequestSchema, maxBodyBytes: 16 * 1024, response: z.intersection(publishResultSchema, z.object({ brokenChecks: z.array(brokenCheckSchema) })), status: 201 },
  "GET /api/v1/projects/{project}/environments/{environment}/versions": { summary: "Published versions, newest first", auth: { role: "viewer" }, params: environmentParamsSchema, response: z.object({ versions: z.array(versionSummarySchema) }) },
  "GET /api/v1/projects/{project}/environments/{environment}/versions/{number}": { summary: "One version with its content and the diff vs the previous one", auth: { role: "viewer" }, params: versionParamsSchema, response: versionSchema },
  "GET /api/v1/projects/{project}/environments/{environment}/versions/{number}/rollback": { summary: "Preview a rollback: the diff from the live version to this version's content (what would go live)", auth: { role: "viewer" }, params: versionParamsSchema, response: rollbackPreviewSchema },
  "POST /api/v1/projects/{project}/environments/{environment}/versions/{number}/rollback": { summary: "Publish an old version's content as a new version (protected: 202 change request). brokenChecks: the saved checks the rollback breaks (predicted before it; reported, never refused)", auth: { role: "editor" }, params: versionParamsSchema, body: rollbackRequestSchema, maxBodyBytes: 16 * 1024, response: z.intersection(publishResultSchema, z.object({ brokenChecks: z.array(brokenCheckSchema) })), status: 201 },
  "GET /api/v1/change-requests": { summary: "Change requests, newest first", auth: { role: "viewer" }, query: changeRequestListQuerySchema, response: z.object({ changeRequests: z.array(changeRequestSchema) }) },
  "GET /api/v1/change-requests/{id}": { summary: "One change request with its diff", auth: { role: "viewer" }, params: changeRequestParamsSchema, response: z.object({ changeRequest: changeRequestSchema }) },
  "POST /api/v1/change-requests/{id}/approve": { summary: "Approve and publish (not by the author: 403 own_change_request; 409 base_moved when live moved since). brokenChecks: the saved checks the approval breaks (predicted before it; reported, never refused)", auth: { role: "editor" }, params: changeRequestParamsSchema, body: reviewRequestSchema, maxBodyBytes: 16 * 1024, response: approveResultSchema.extend({ brokenChecks: z.array(brokenCheckSchema) }) },
  "POST /api/v1/change-requests/{id}/reject": { summary: "Reject with a comment (not by the author)", auth: { role: "editor" }, params: changeRequestParamsSchema, body: rejectRequestSchema, maxBodyBytes: 16 * 1024, response: z.object({ changeRequest: changeRequestSchema }) },
  "POST /api/v1/change-requests/{id}/withdraw": { summary: "Withdraw (the author, or an admin)", auth: { role: "editor" }, params: changeRequestParamsSchema, response: z.object({ changeRequest: changeRequestSchema }) },

  // Compare, promote, import/export, search
  "GET /api/v1/projects/{project}/compare": { summary: "Compare two environments: origins only in one, in both, and differing settings", auth: { role: "viewer" }, params: projectParamsSchema, query: compareQuerySchema, response: compareResultSchema },
  "POST /api/v1/projects/{project}/environments/{environment}/promote": { summary: "Copy chosen origins of another environment into this environment's draft", auth: { role: "editor" }, params: environmentParamsSchema, body: promoteRequestSchema, maxBodyBytes: 4 * 1024 * 1024, response: draftSchema },
  "GET /api/v1/projects/{project}/export": { summary: "Export the project's policies (drafts) as a JSON document (download)", auth: { role: "viewer" }, params: projectParamsSchema, response: exportDocumentSchema },
  "POST /api/v1/projects/import": { summary: "Import an exported document: 201 new project (create), 200 drafts replaced (replace-drafts); 422 lists every problem", auth: { role: "editor" }, body: importRequestSchema, documentedBody: importRequestDocSchema, maxBodyBytes: 32 * 1024 * 1024, response: z.object({ project: projectDetailSchema }), status: 201 },
  "GET /api/v1/search": { summary: "Where is an origin allowed? Exact entries, wildcard patterns matching it, substrings; drafts and live versions", auth: { role: "viewer" }, query: searchQuerySchema, response: searchResultSchema },

  // Probe: test a live server as a browser would
  "POST /api/v1/probe": { summary: "Send the CORS preflight (and, when it passes, the request: GET/HEAD always, other methods with sendActual) a browser would send, and decide like Chromium; network errors answer verdict blocked with the cause; 422 target_not_allowed for private/loopback/link-local targets (unless CORSBOARD_PROBE_ALLOW_PRIVATE=1); 429 rate_limited (30 per minute per caller, Retry-After); 403 naming body.sendActual for viewers; the result carries `signature` (HMAC of request + result) that saving it requires", auth: { role: "viewer" }, body: probeRequestSchema, response: signedProbeResultSchema },
  "POST /api/v1/probe-records": { summary: "Save a tester run (request, server probe result with its signature or null, browser outcome as reported, optional title ≤ 200) to share as a link; credential headers are masked before saving; 201 {id, url}; 422 naming body.result when the signature doesn't verify; 413 over 256 KiB; 429 (one probe token per save)", auth: { role: "viewer" }, body: createProbeRecordRequestSchema, maxBodyBytes: 256 * 1024, response: createdProbeRecordSchema, status: 201 },
  "GET /api/v1/probe-records": { summary: "Recently saved tester runs, newest first (?limit=1..100, default 20)", auth: { role: "viewer" }, query: probeRecordListQuerySchema, response: z.object({ records: z.array(probeRecordSummarySchema) }) },
  "GET /api/v1/probe-records/{id}": { summary: "One saved tester run with who saved it and when; 404 for an unknown or malformed id", auth: { role: "viewer" }, params: probeRecordParamsSchema, response: z.object({ record: probeRecordSchema }) },

  // Saved checks: probes kept per environment, run on demand and after every publish
  "GET /api/v1/projects/{project}/environments/{environment}/checks": { summary: "The environment's saved checks with their last run (when, trigger manual|publish|api, verdict, passed, live version, probe result), the live version and when it was published", auth: { role: "viewer" }, params: environmentParamsSchema, response: savedCheckListSchema },
  "POST /api/v1/projects/{project}/environments/{environment}/checks": { summary: "Add a saved check (name, url, origin, method, headers, credentials, expect allowed|blocked, sendActual: runs also send the actual request of a method other than GET/HEAD, with its headers and no body — default false, preflight only; the probe API's rules); 422 names each bad field, too_many_checks past 50; 409 project_archived", auth: { role: "editor" }, params: environmentParamsSchema, body: createSavedCheckRequestSchema, maxBodyBytes: 64 * 1024, response: savedCheckSchema, status: 201 },
  "PATCH /api/v1/projects/{project}/environments/{environment}/checks/{id}": { summary: "Change a saved check (changing what it probes clears its last result)", auth: { role: "editor" }, params: savedCheckParamsSchema, body: updateSavedCheckRequestSchema, maxBodyBytes: 64 * 1024, response: savedCheckSchema },
  "DELETE /api/v1/projects/{project}/environments/{environment}/checks/{id}": { summary: "Delete a saved check (204)", auth: { role: "editor" }, params: savedCheckParamsSchema, response: z.null(), status: 204 },
  "POST /api/v1/projects/{project}/environments/{environment}/checks/run": { summary: "Probe every saved check now (concurrency 4, actual request of a method other than GET/HEAD sent only for checks with sendActual); stores and returns each result with total/passed/failed; trigger api for API tokens; 429 past 6 runs a minute", auth: { role: "editor" }, params: environmentParamsSchema, response: savedCheckRunResultSchema },
  "POST /api/v1/projects/{project}/environments/{environment}/checks/{id}/run": { summary: "Probe one saved check now", auth: { role: "editor" }, params: savedCheckParamsSchema, response: savedCheckRunResultSchema },
  "GET /api/v1/projects/{project}/environments/{environment}/checks/predict": { summary: "Each saved check predicted against the live version and what would go live — the saved draft, ?changeRequest=<id> (approval) or ?version=<n> (rollback) — with the core (nothing sent): impact passes | breaks | fixes | still-failing, preflightOnly for methods other than GET/HEAD without sendActual, and how many would break", auth: { role: "viewer" }, params: environmentParamsSchema, query: savedCheckPredictQuerySchema, response: savedCheckPredictionsSchema },

  // Domain migration checks: probe endpoints as the old and the new origin, save the matrix, fix the drafts
  "POST /api/v1/migration-checks": { summary: "Run a domain migration check: every endpoint (base URL × sample path) of the targets probed as oldOrigin and newOrigin with a simple GET, a JSON POST (preflight only, actual not sent) and a credentialed GET (concurrency 4, 5 s timeout each; once a host:port refuses, fails DNS or times out, its remaining cells are not probed again but marked unreachable with that reason; one DNS lookup per name per run), beside the published allowlist's and the draft's predictions; classes ready | old-only | neither | partial | unreachable and drift; saved and returned (201); 422 names each bad target, too_many_probes past 400; 429 past 6 runs a minute", auth: { role: "editor" }, body: runMigrationCheckRequestSchema, maxBodyBytes: 64 * 1024, response: z.object({ report: migrationReportSchema }), status: 201 },
  "GET /api/v1/migration-checks": { summary: "Saved migration-check reports, newest first (without rows), a page at a time: ?limit=1..100 (default 50), ?cursor=<nextCursor of the previous page>; nextCursor null on the last page", auth: { role: "viewer" }, query: migrationReportListQuerySchema, response: migrationReportPageSchema },
  "GET /api/v1/migration-checks/{id}": { summary: "One saved migration-check report with its matrix, and `drafts`: where each environment's draft stands now (read live: has the new origin? old one listed, expiring?)", auth: { role: "viewer" }, params: migrationReportParamsSchema, response: migrationReportResponseSchema },
  "GET /api/v1/migration-checks/{id}/export": { summary: "A saved report as a download (Content-Disposition: attachment): ?format=json | csv (RFC 4180, one record per endpoint × shape × origin, formula-injection guarded) | md", auth: { role: "viewer" }, params: migrationReportParamsSchema, query: migrationExportQuerySchema, response: migrationReportSchema },
  "POST /api/v1/migration-checks/{id}/apply": { summary: "Add the report's new origin to the draft of every environment that lacks it (note says why) and, with expireOldOn (YYYY-MM-DD, after today), expire the old origin's rule there; one transaction for all environments, revision bumped and audited per environment (only where something changed: safe to repeat or run concurrently); 409 project_archived, 409 concurrent_change when other writes to the same drafts kept it from applying after retries; drafts only (publish from each editor)", auth: { role: "editor" }, params: migrationReportParamsSchema, body: applyMigrationRequestSchema, maxBodyBytes: 16 * 1024, response: applyMigrationResultSchema },

  // Config API (services, with a config_read token) and who reads it
  "GET /api/v1/config/{project}/{environment}": { summary: "The latest published policy (expired rules left out) as JSON or ?format=origins|nginx|env, strong ETag (If-None-Match → 304); long-poll with ?waitForChange=<version>&timeout=<s ≤ 60> (304 at the timeout); 401 bad token, 403 token of another environment, 404 unknown environment or nothing published yet (code nothing_published)", auth: { config: true }, query: configQuerySchema, response: configDocumentSchema },
  "GET /api/v1/config/{project}/{environment}/stream": { summary: "Server-Sent Events (text/event-stream): a `policy` event per new version, id = version, data = the JSON document; honours Last-Event-ID; heartbeat comments every 15 s", auth: { config: true }, query: streamQuerySchema, response: configDocumentSchema },
  "POST /api/v1/config/{project}/{environment}/observed": { summary: "Report observed origins (the SDK's aggregated batches: allowed/rejected counts per origin)", auth: { config: true }, body: observedReportSchema, maxBodyBytes: 512 * 1024, response: z.object({ accepted: z.number().int(), dropped: z.number().int() }), status: 202 },
  "GET /api/v1/projects/{project}/environments/{environment}/consumers": { summary: "Services reading this environment's config: token, instance, version got, onLatest, state (live, polling, gone)", auth: { role: "viewer" }, params: environmentParamsSchema, response: consumerListSchema },
  "GET /api/v1/projects/{project}/environments/{environment}/observed": { summary: "Origins the services of this environment saw (reported by the SDK), with allowed/rejected counts", auth: { role: "viewer" }, params: environmentParamsSchema, query: observedQuerySchema, response: observedListSchema },
  "GET /api/v1/projects/{project}/environments/{environment}/observed/refusals": { summary: "What services of this environment refused in the last hour (12 five-minute buckets), by reason kind (origin, method, headers, credentials, private-network, no-origin) and what was refused", auth: { role: "viewer" }, params: environmentParamsSchema, response: observedRefusalsSchema },
});

export type ApiRouteKey = keyof typeof api;

/**
 * Route handlers under app/api that are not declared above, so not in the
 * OpenAPI document, with the reason (`{...name}`: a catch-all segment).
 * With the declarations, the complete list of API routes (proxy.ts answers
 * 404/405 for anything else; lib/api/routes.test.ts checks it against disk).
 */
export const UNDECLARED_ROUTES: Readonly<Record<string, string>> = {
  "GET /api/auth/{...all}": "better-auth's own endpoints",
  "POST /api/auth/{...all}": "better-auth's own endpoints",
  "GET /api/v1/openapi.json": "the document itself",
};

/** Every API route key, declared or not. */
export const allRouteKeys: readonly string[] = [...Object.keys(api), ...Object.keys(UNDECLARED_ROUTES)];

/** Every declared route, in declaration order. */
export const apiRoutes: readonly ApiRoute[] = Object.values(api);

export { problemSchema };
