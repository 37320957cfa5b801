import { z } from "zod";
import { problemSchema } from "@/lib/api/problem";
import { healthSchema } from "@/lib/api/schemas/health";
import { configDocumentSchema, configQuerySchema, consumerListSchema, observedListSchema, observedQuerySchema, observedRefusalsSchema, observedReportSchema, streamQuerySchema } from "@/lib/api/schemas/config";
import { createUserRequestSchema, meSchema, setupRequestSchema, updateUserRequestSchema, userSchema } from "@/lib/api/schemas/user";
import { changePasswordRequestSchema, changePasswordResultSchema, issuedPasswordResetSchema, passwordResetInfoSchema, redeemPasswordResetRequestSchema, redeemPasswordResetResultSchema, revokeSessionsQuerySchema, revokeSessionsResultSchema, sessionListSchema } from "@/lib/api/schemas/password";
import { createdWebhookSchema, createWebhookRequestSchema, updateWebhookRequestSchema, webhookDeliveriesSchema, webhookDeliverySchema, webhookSchema } from "@/lib/api/schemas/webhook";
import { createdTokenSchema, createTokenRequestSchema, tokenSchema } from "@/lib/api/schemas/token";
import { environmentSummarySchema, projectDetailSchema, projectSummarySchema } from "@/lib/api/schemas/project";
import { probeRequestSchema, signedProbeResultSchema } from "@/lib/api/schemas/probe";
import { applyMigrationRequestSchema, applyMigrationResultSchema, migrationExportQuerySchema, migrationReportListQuerySchema, migrationReportPageSchema, migrationReportResponseSchema, migrationReportSchema, runMigrationCheckRequestSchema } from "@/lib/api/schemas/migration-check";
import { brokenCheckSchema, createSavedCheckRequestSchema, savedCheckListSchema, savedCheckPredictionsSchema, savedCheckPredictQuerySchema, savedCheckRunResultSchema, savedCheckSchema, updateSavedCheckRequestSchema } from "@/lib/api/schemas/saved-check";
import { createdProbeRecordSchema, createProbeRecordRequestSchema, probeRecordListQuerySchema, probeRecordSchema, probeRecordSummarySchema } from "@/lib/api/schemas/probe-record";
import { auditEventSchema, auditExportQuerySchema, auditQuerySchema } from "@/lib/api/schemas/audit";
import {
  addOriginsRequestSchema,
  approveResultSchema,
  changeRequestListQuerySchema,
  changeRequestSchema,
  compareQuerySchema,
  compareResultSchema,
  createEnvironmentRequestSchema,
  createProjectRequestSchema,
  draftSchema,
  exportDocumentSchema,
  importRequestDocSchema,
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
  versionSchema,
  versionSummarySchema,
} from "@/lib/api/schemas/editing";

/**
 * The HTTP surface, described once from the same zod schemas the route
 * handlers and forms use; the OpenAPI document is generated from it.
 */
export interface ApiRoute {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  /** `public`, the minimum role (admin API tokens count as admin), or `config`: a config_read token of that environment (or an admin token). */
  auth: "public" | "viewer" | "editor" | "admin" | "config";
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
}

export const apiRoutes: ApiRoute[] = [
  { method: "get", path: "/api/health", summary: "Health and database reachability", auth: "public", response: healthSchema },
  { method: "get", path: "/api/setup", summary: "Whether first-run setup is still needed, and whether it needs the one-time setup code (from another machine than the server's)", auth: "public", response: z.object({ needsSetup: z.boolean(), setupCodeRequired: z.boolean() }) },
  { method: "post", path: "/api/setup", summary: "Create the first admin (only while there is no account; 409 setup_done after). From another machine than the server's, `setupCode` must be the one-time code printed in the server's log at startup: 403 setup_code_required / setup_code_wrong", auth: "public", body: setupRequestSchema, response: z.object({ user: userSchema }), status: 201 },
  { method: "get", path: "/api/v1/me", summary: "The caller", auth: "viewer", response: meSchema },
  { method: "post", path: "/api/v1/me/password", summary: "Change your own password (the current one is needed; the new one must follow the password rule); every other session of yours is signed out. Signed-in users only (403 session_required for a token)", auth: "viewer", body: changePasswordRequestSchema, response: changePasswordResultSchema },
  { method: "get", path: "/api/v1/me/sessions", summary: "Your sessions that have not expired (browsers signed in as you), the current one marked", auth: "viewer", response: sessionListSchema },
  { method: "delete", path: "/api/v1/me/sessions", summary: "Sign out everywhere (`keep=current`: everywhere but here)", auth: "viewer", query: revokeSessionsQuerySchema, response: revokeSessionsResultSchema },
  { method: "delete", path: "/api/v1/me/sessions/{id}", summary: "Sign out one of your sessions", auth: "viewer", response: revokeSessionsResultSchema },
  { method: "get", path: "/api/v1/password-resets/{token}", summary: "Whose password a reset link resets, until when (404 reset_link_invalid when unknown, used or expired)", auth: "public", response: passwordResetInfoSchema },
  { method: "post", path: "/api/v1/password-resets/{token}", summary: "Redeem a reset link: set a new password (it works once); every session of the user is signed out", auth: "public", body: redeemPasswordResetRequestSchema, response: redeemPasswordResetResultSchema },
  { method: "post", path: "/api/v1/users/{id}/password-reset", summary: "Issue a one-time password-reset link for a user (valid 24 hours, replaces an unused one; shown in this answer only)", auth: "admin", response: issuedPasswordResetSchema, status: 201 },
  { method: "get", path: "/api/v1/users", summary: "List users", auth: "admin", response: z.object({ users: z.array(userSchema) }) },
  { method: "post", path: "/api/v1/users", summary: "Create a user with a role", auth: "admin", body: createUserRequestSchema, response: z.object({ user: userSchema }), status: 201 },
  { method: "patch", path: "/api/v1/users/{id}", summary: "Change a user's role, name or disabled flag", auth: "admin", body: updateUserRequestSchema, response: z.object({ user: userSchema }) },
  { method: "get", path: "/api/v1/webhooks", summary: "List webhooks (never their secrets), each with its latest delivery", auth: "admin", response: z.object({ webhooks: z.array(webhookSchema) }) },
  { method: "post", path: "/api/v1/webhooks", summary: "Add a webhook: URL, events, format (json | slack), signing secret (generated when left out; in this answer only). A private target is refused (422 target_not_allowed) unless CORSBOARD_PROBE_ALLOW_PRIVATE=1", auth: "admin", body: createWebhookRequestSchema, response: createdWebhookSchema, status: 201 },
  { method: "patch", path: "/api/v1/webhooks/{id}", summary: "Change a webhook (name, URL, events, format, enabled, secret)", auth: "admin", body: updateWebhookRequestSchema, response: z.object({ webhook: webhookSchema }) },
  { method: "delete", path: "/api/v1/webhooks/{id}", summary: "Delete a webhook and its delivery log", auth: "admin", response: z.object({ webhook: webhookSchema }) },
  { method: "get", path: "/api/v1/webhooks/{id}/deliveries", summary: "The webhook's latest 50 deliveries: event, status (pending | delivered | failed), attempts, response code, error, next attempt", auth: "admin", response: webhookDeliveriesSchema },
  { method: "post", path: "/api/v1/webhooks/{id}/test", summary: "Send test: a webhook.test event to this webhook now; answers the delivery (retried later like any other if it failed)", auth: "admin", response: z.object({ delivery: webhookDeliverySchema }) },
  { method: "get", path: "/api/v1/tokens", summary: "List API tokens", auth: "admin", response: z.object({ tokens: z.array(tokenSchema) }) },
  { method: "post", path: "/api/v1/tokens", summary: "Create an API token (the secret is in this answer only)", auth: "admin", body: createTokenRequestSchema, response: createdTokenSchema, status: 201 },
  { method: "delete", path: "/api/v1/tokens/{id}", summary: "Revoke an API token", auth: "admin", response: z.object({ token: tokenSchema }) },
  { method: "get", path: "/api/v1/projects", summary: "List projects with their environments", auth: "viewer", query: z.object({ archived: z.enum(["include", "exclude"]).optional() }), response: z.object({ projects: z.array(projectSummarySchema) }) },
  { method: "get", path: "/api/v1/projects/{project}", summary: "A project with each environment's draft policy", auth: "viewer", response: z.object({ project: projectDetailSchema }) },
  { method: "get", path: "/api/v1/audit", summary: "Audit events, newest first", auth: "viewer", query: auditQuerySchema, response: z.object({ events: z.array(auditEventSchema), nextBefore: z.string().nullable() }) },
  { method: "get", path: "/api/v1/audit/export", summary: "The filtered audit log as a JSON or CSV download (Content-Disposition: attachment)", auth: "viewer", query: auditExportQuerySchema, response: z.object({ exportedAt: z.string(), filters: z.record(z.string(), z.unknown()), events: z.array(auditEventSchema) }) },

  // Projects and environments
  { method: "post", path: "/api/v1/projects", summary: "Create a project (default environments: dev, staging, prod — prod protected)", auth: "editor", body: createProjectRequestSchema, response: z.object({ project: projectDetailSchema }), status: 201 },
  { method: "patch", path: "/api/v1/projects/{project}", summary: "Rename, describe, archive or unarchive a project", auth: "editor", body: updateProjectRequestSchema, response: z.object({ project: projectDetailSchema }) },
  { method: "post", path: "/api/v1/projects/{project}/environments", summary: "Add an environment (at the end of the order)", auth: "editor", body: createEnvironmentRequestSchema, response: z.object({ environment: environmentSummarySchema }), status: 201 },
  { method: "patch", path: "/api/v1/projects/{project}/environments/{environment}", summary: "Rename an environment, set its base URLs; changing `protected` needs an admin", auth: "editor", body: updateEnvironmentRequestSchema, response: z.object({ environment: environmentSummarySchema }) },
  { method: "put", path: "/api/v1/projects/{project}/environment-order", summary: "Reorder a project's environments (list every slug once)", auth: "editor", body: reorderEnvironmentsRequestSchema, response: z.object({ project: projectDetailSchema }) },

  // Drafts
  { method: "get", path: "/api/v1/projects/{project}/environments/{environment}/draft", summary: "An environment's draft with its diff vs live, lib/cors lint findings and open change request", auth: "viewer", response: draftSchema },
  { method: "put", path: "/api/v1/projects/{project}/environments/{environment}/draft", summary: "Save the whole draft; 409 stale_revision (with `current`) when it changed since `revision`; 422 lists every lib/cors problem with its position and fix", auth: "editor", body: saveDraftRequestSchema, response: draftSchema },
  { method: "post", path: "/api/v1/projects/{project}/environments/{environment}/draft/origins", summary: "Add origins to the draft (merged with concurrent edits, no revision; duplicates skipped)", auth: "editor", body: addOriginsRequestSchema, response: draftSchema },

  // Publishing, history, approvals
  { method: "post", path: "/api/v1/projects/{project}/environments/{environment}/publish", summary: "Publish the draft: 201 new version; 202 change request (protected); 422 lint_errors; 409 stale_revision, nothing_to_publish or change_request_open. brokenChecks: the saved checks this publish breaks (predicted before it; reported, never refused — the dashboard asks first)", auth: "editor", body: publishRequestSchema, response: z.intersection(publishResultSchema, z.object({ brokenChecks: z.array(brokenCheckSchema) })), status: 201 },
  { method: "get", path: "/api/v1/projects/{project}/environments/{environment}/versions", summary: "Published versions, newest first", auth: "viewer", response: z.object({ versions: z.array(versionSummarySchema) }) },
  { method: "get", path: "/api/v1/projects/{project}/environments/{environment}/versions/{number}", summary: "One version with its content and the diff vs the previous one", auth: "viewer", response: versionSchema },
  { method: "get", path: "/api/v1/projects/{project}/environments/{environment}/versions/{number}/rollback", summary: "Preview a rollback: the diff from the live version to this version's content (what would go live)", auth: "viewer", response: rollbackPreviewSchema },
  { method: "post", path: "/api/v1/projects/{project}/environments/{environment}/versions/{number}/rollback", summary: "Publish an old version's content as a new version (protected: 202 change request). brokenChecks: the saved checks the rollback breaks (predicted before it; reported, never refused)", auth: "editor", body: rollbackRequestSchema, response: z.intersection(publishResultSchema, z.object({ brokenChecks: z.array(brokenCheckSchema) })), status: 201 },
  { method: "get", path: "/api/v1/change-requests", summary: "Change requests, newest first", auth: "viewer", query: changeRequestListQuerySchema, response: z.object({ changeRequests: z.array(changeRequestSchema) }) },
  { method: "get", path: "/api/v1/change-requests/{id}", summary: "One change request with its diff", auth: "viewer", response: z.object({ changeRequest: changeRequestSchema }) },
  { method: "post", path: "/api/v1/change-requests/{id}/approve", summary: "Approve and publish (not by the author: 403 own_change_request; 409 base_moved when live moved since). brokenChecks: the saved checks the approval breaks (predicted before it; reported, never refused)", auth: "editor", body: reviewRequestSchema, response: approveResultSchema.extend({ brokenChecks: z.array(brokenCheckSchema) }) },
  { method: "post", path: "/api/v1/change-requests/{id}/reject", summary: "Reject with a comment (not by the author)", auth: "editor", body: rejectRequestSchema, response: z.object({ changeRequest: changeRequestSchema }) },
  { method: "post", path: "/api/v1/change-requests/{id}/withdraw", summary: "Withdraw (the author, or an admin)", auth: "editor", response: z.object({ changeRequest: changeRequestSchema }) },

  // Compare, promote, import/export, search
  { method: "get", path: "/api/v1/projects/{project}/compare", summary: "Compare two environments: origins only in one, in both, and differing settings", auth: "viewer", query: compareQuerySchema, response: compareResultSchema },
  { method: "post", path: "/api/v1/projects/{project}/environments/{environment}/promote", summary: "Copy chosen origins of another environment into this environment's draft", auth: "editor", body: promoteRequestSchema, response: draftSchema },
  { method: "get", path: "/api/v1/projects/{project}/export", summary: "Export the project's policies (drafts) as a JSON document (download)", auth: "viewer", response: exportDocumentSchema },
  { method: "post", path: "/api/v1/projects/import", summary: "Import an exported document: 201 new project (create), 200 drafts replaced (replace-drafts); 422 lists every problem", auth: "editor", body: importRequestDocSchema, response: z.object({ project: projectDetailSchema }), status: 201 },
  { method: "get", path: "/api/v1/search", summary: "Where is an origin allowed? Exact entries, wildcard patterns matching it, substrings; drafts and live versions", auth: "viewer", query: searchQuerySchema, response: searchResultSchema },

  // Probe: test a live server as a browser would
  { method: "post", path: "/api/v1/probe", summary: "Send the CORS preflight (and, when it passes, the request: GET/HEAD always, other methods with sendActual) a browser would send, and decide like Chromium; network errors answer verdict blocked with the cause; 422 target_not_allowed for private/loopback/link-local targets (unless CORSBOARD_PROBE_ALLOW_PRIVATE=1); 429 rate_limited (30 per minute per caller, Retry-After); 403 naming body.sendActual for viewers; the result carries `signature` (HMAC of request + result) that saving it requires", auth: "viewer", body: probeRequestSchema, response: signedProbeResultSchema },
  { method: "post", path: "/api/v1/probe-records", summary: "Save a tester run (request, server probe result with its signature or null, browser outcome as reported, optional title ≤ 200) to share as a link; credential headers are masked before saving; 201 {id, url}; 422 naming body.result when the signature doesn't verify; 413 over 256 KiB; 429 (one probe token per save)", auth: "viewer", body: createProbeRecordRequestSchema, response: createdProbeRecordSchema, status: 201 },
  { method: "get", path: "/api/v1/probe-records", summary: "Recently saved tester runs, newest first (?limit=1..100, default 20)", auth: "viewer", query: probeRecordListQuerySchema, response: z.object({ records: z.array(probeRecordSummarySchema) }) },
  { method: "get", path: "/api/v1/probe-records/{id}", summary: "One saved tester run with who saved it and when; 404 for an unknown or malformed id", auth: "viewer", response: z.object({ record: probeRecordSchema }) },

  // Saved checks: probes kept per environment, run on demand and after every publish
  { method: "get", path: "/api/v1/projects/{project}/environments/{environment}/checks", summary: "The environment's saved checks with their last run (when, trigger manual|publish|api, verdict, passed, live version, probe result), the live version and when it was published", auth: "viewer", response: savedCheckListSchema },
  { method: "post", path: "/api/v1/projects/{project}/environments/{environment}/checks", summary: "Add a saved check (name, url, origin, method, headers, credentials, expect allowed|blocked, sendActual: runs also send the actual request of a method other than GET/HEAD, with its headers and no body — default false, preflight only; the probe API's rules); 422 names each bad field, too_many_checks past 50; 409 project_archived", auth: "editor", body: createSavedCheckRequestSchema, response: savedCheckSchema, status: 201 },
  { method: "patch", path: "/api/v1/projects/{project}/environments/{environment}/checks/{id}", summary: "Change a saved check (changing what it probes clears its last result)", auth: "editor", body: updateSavedCheckRequestSchema, response: savedCheckSchema },
  { method: "delete", path: "/api/v1/projects/{project}/environments/{environment}/checks/{id}", summary: "Delete a saved check (204)", auth: "editor", response: z.null(), status: 204 },
  { method: "post", path: "/api/v1/projects/{project}/environments/{environment}/checks/run", summary: "Probe every saved check now (concurrency 4, actual request of a method other than GET/HEAD sent only for checks with sendActual); stores and returns each result with total/passed/failed; trigger api for API tokens; 429 past 6 runs a minute", auth: "editor", response: savedCheckRunResultSchema },
  { method: "post", path: "/api/v1/projects/{project}/environments/{environment}/checks/{id}/run", summary: "Probe one saved check now", auth: "editor", response: savedCheckRunResultSchema },
  { method: "get", path: "/api/v1/projects/{project}/environments/{environment}/checks/predict", summary: "Each saved check predicted against the live version and what would go live — the saved draft, ?changeRequest=<id> (approval) or ?version=<n> (rollback) — with the core (nothing sent): impact passes | breaks | fixes | still-failing, preflightOnly for methods other than GET/HEAD without sendActual, and how many would break", auth: "viewer", query: savedCheckPredictQuerySchema, response: savedCheckPredictionsSchema },

  // Domain migration checks: probe endpoints as the old and the new origin, save the matrix, fix the drafts
  { method: "post", path: "/api/v1/migration-checks", summary: "Run a domain migration check: every endpoint (base URL × sample path) of the targets probed as oldOrigin and newOrigin with a simple GET, a JSON POST (preflight only, actual not sent) and a credentialed GET (concurrency 4, 5 s timeout each; once a host:port refuses, fails DNS or times out, its remaining cells are not probed again but marked unreachable with that reason; one DNS lookup per name per run), beside the published allowlist's and the draft's predictions; classes ready | old-only | neither | partial | unreachable and drift; saved and returned (201); 422 names each bad target, too_many_probes past 400; 429 past 6 runs a minute", auth: "editor", body: runMigrationCheckRequestSchema, response: z.object({ report: migrationReportSchema }), status: 201 },
  { method: "get", path: "/api/v1/migration-checks", summary: "Saved migration-check reports, newest first (without rows), a page at a time: ?limit=1..100 (default 50), ?cursor=<nextCursor of the previous page>; nextCursor null on the last page", auth: "viewer", query: migrationReportListQuerySchema, response: migrationReportPageSchema },
  { method: "get", path: "/api/v1/migration-checks/{id}", summary: "One saved migration-check report with its matrix, and `drafts`: where each environment's draft stands now (read live: has the new origin? old one listed, expiring?)", auth: "viewer", response: migrationReportResponseSchema },
  { method: "get", path: "/api/v1/migration-checks/{id}/export", summary: "A saved report as a download (Content-Disposition: attachment): ?format=json | csv (RFC 4180, one record per endpoint × shape × origin, formula-injection guarded) | md", auth: "viewer", query: migrationExportQuerySchema, response: migrationReportSchema },
  { method: "post", path: "/api/v1/migration-checks/{id}/apply", summary: "Add the report's new origin to the draft of every environment that lacks it (note says why) and, with expireOldOn (YYYY-MM-DD, after today), expire the old origin's rule there; one transaction for all environments, revision bumped and audited per environment (only where something changed: safe to repeat or run concurrently); 409 project_archived, 409 concurrent_change when other writes to the same drafts kept it from applying after retries; drafts only (publish from each editor)", auth: "editor", body: applyMigrationRequestSchema, response: applyMigrationResultSchema },

  // Config API (services, with a config_read token) and who reads it
  { method: "get", path: "/api/v1/config/{project}/{environment}", summary: "The latest published policy (expired rules left out) as JSON or ?format=origins|nginx|env, strong ETag (If-None-Match → 304); long-poll with ?waitForChange=<version>&timeout=<s ≤ 60> (304 at the timeout); 401 bad token, 403 token of another environment, 404 unknown environment or nothing published yet (code nothing_published)", auth: "config", query: configQuerySchema, response: configDocumentSchema },
  { method: "get", path: "/api/v1/config/{project}/{environment}/stream", summary: "Server-Sent Events (text/event-stream): a `policy` event per new version, id = version, data = the JSON document; honours Last-Event-ID; heartbeat comments every 15 s", auth: "config", query: streamQuerySchema, response: configDocumentSchema },
  { method: "post", path: "/api/v1/config/{project}/{environment}/observed", summary: "Report observed origins (the SDK's aggregated batches: allowed/rejected counts per origin)", auth: "config", body: observedReportSchema, response: z.object({ accepted: z.number().int(), dropped: z.number().int() }), status: 202 },
  { method: "get", path: "/api/v1/projects/{project}/environments/{environment}/consumers", summary: "Services reading this environment's config: token, instance, version got, onLatest, state (live, polling, gone)", auth: "viewer", response: consumerListSchema },
  { method: "get", path: "/api/v1/projects/{project}/environments/{environment}/observed", summary: "Origins the services of this environment saw (reported by the SDK), with allowed/rejected counts", auth: "viewer", query: observedQuerySchema, response: observedListSchema },
  { method: "get", path: "/api/v1/projects/{project}/environments/{environment}/observed/refusals", summary: "What services of this environment refused in the last hour (12 five-minute buckets), by reason kind (origin, method, headers, credentials, private-network, no-origin) and what was refused", auth: "viewer", response: observedRefusalsSchema },
];

export { problemSchema };
