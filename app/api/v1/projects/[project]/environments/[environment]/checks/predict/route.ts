import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { predictSavedChecks } from "@/lib/server/saved-checks/predict-saved-checks";

/**
 * Each saved check predicted against the live version and what would go live
 * (nothing is sent): the saved draft, or ?changeRequest=<id> (approval) or
 * ?version=<n> (rollback).
 */
export const GET = defineRoute(api["GET /api/v1/projects/{project}/environments/{environment}/checks/predict"], async ({ params, query }) =>
  predictSavedChecks(
    params.project,
    params.environment,
    query.changeRequest !== undefined ? { kind: "change-request", id: query.changeRequest } : query.version !== undefined ? { kind: "version", number: query.version } : { kind: "draft" },
  ),
);
