import { applyMigrationRequestSchema, migrationReportParamsSchema } from "@/lib/api/schemas/migration-check";
import { defineRoute } from "@/lib/server/http/route";
import { applyMigrationFix } from "@/lib/server/migration-checks/apply-migration-fix";

/** Add the report's new origin to each environment's draft that lacks it (optionally expiring the old one). */
export const POST = defineRoute({ auth: { role: "editor" }, params: migrationReportParamsSchema, body: applyMigrationRequestSchema, maxBodyBytes: 16 * 1024 }, async ({ actor, params, body }) =>
  applyMigrationFix(actor, params.id, body),
);
