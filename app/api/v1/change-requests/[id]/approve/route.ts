import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { approveChangeRequest } from "@/lib/server/change-requests/approve-change-request";
import { brokenChecksBeforeApproval } from "@/lib/server/saved-checks/broken-checks";

/** Another editor or admin than the author; publishes in the same transaction. */
export const POST = defineRoute(
  api["POST /api/v1/change-requests/{id}/approve"],
  async ({ actor, params, body }) => {
    // Saved checks the approval breaks, predicted before its content goes live: reported like
    // a publish's, never refused (the dashboard shows the prediction before approving).
    const brokenChecks = await brokenChecksBeforeApproval(params.id);
    const result = await approveChangeRequest(actor, params.id, body);
    return { ...result, brokenChecks };
  },
);
