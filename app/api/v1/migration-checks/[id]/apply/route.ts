import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { applyMigrationFix } from "@/lib/server/migration-checks/apply-migration-fix";

/** Add the report's new origin to each environment's draft that lacks it (optionally expiring the old one). */
export const POST = defineRoute(api["POST /api/v1/migration-checks/{id}/apply"], async ({ actor, params, body }) =>
  applyMigrationFix(actor, params.id, body),
);
