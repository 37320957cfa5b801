import { PageHeader } from "@/components/layout/page-header";
import { AdminOnly } from "@/components/layout/admin-only";
import { Card } from "@/components/ui/card";
import { TokensTable } from "@/components/tokens/tokens-table";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { configuredPublicUrl } from "@/lib/server/env";

export const metadata = { title: "API tokens" };

export default function TokensPage() {
  return (
    <>
      <PageHeader title="API tokens" description="Services read their environment's policy with a read token; CI and scripts use admin tokens." />
      <AdminOnly>
        <div className="flex flex-col gap-6">
          <Card title="New token">
            <CreateTokenForm publicUrl={configuredPublicUrl()} />
          </Card>
          <Card title="Tokens">
            <TokensTable />
          </Card>
        </div>
      </AdminOnly>
    </>
  );
}
