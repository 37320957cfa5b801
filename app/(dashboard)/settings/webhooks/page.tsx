import { PageHeader } from "@/components/layout/page-header";
import { AdminOnly } from "@/components/layout/admin-only";
import { Card } from "@/components/ui/card";
import { WebhooksList } from "@/components/webhooks/webhooks-list";
import { CreateWebhookForm } from "@/components/webhooks/create-webhook-form";

export const metadata = { title: "Webhooks" };

export default function WebhooksPage() {
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Tell Slack or your own systems when a change waits for approval, a version goes live, a saved check breaks or a migration check finishes. JSON deliveries are signed (X-Corsboard-Signature, HMAC-SHA256) and retried with backoff."
      />
      <AdminOnly>
        <div className="flex flex-col gap-6">
          <Card title="Webhooks">
            <WebhooksList />
          </Card>
          <Card title="Add a webhook">
            <CreateWebhookForm />
          </Card>
        </div>
      </AdminOnly>
    </>
  );
}
