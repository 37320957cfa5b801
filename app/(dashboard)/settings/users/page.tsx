import { PageHeader } from "@/components/layout/page-header";
import { AdminOnly } from "@/components/layout/admin-only";
import { Card } from "@/components/ui/card";
import { UsersTable } from "@/components/users/users-table";
import { CreateUserForm } from "@/components/users/create-user-form";
import { oidcSettings } from "@/lib/server/env";

export const metadata = { title: "Users" };

export const dynamic = "force-dynamic";

export default function UsersPage() {
  const sso = oidcSettings();
  // SSO-only mode: reset links only for the break-glass account.
  const passwordsOnlyFor = sso?.ssoOnly ? (sso.breakGlassEmail ?? "") : undefined;
  return (
    <>
      <PageHeader title="Users" description="Who can see and change the allowlists, and with which role." />
      <AdminOnly>
        <div className="flex flex-col gap-6">
          <Card title="Team">
            <UsersTable passwordsOnlyFor={passwordsOnlyFor} />
          </Card>
          <Card title="Add a user">
            <CreateUserForm sso={sso ? { name: sso.name, ssoOnly: sso.ssoOnly, breakGlassEmail: sso.breakGlassEmail } : null} />
          </Card>
        </div>
      </AdminOnly>
    </>
  );
}
