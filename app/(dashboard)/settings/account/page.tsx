import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionsList } from "@/components/account/sessions-list";

export const metadata = { title: "Your account" };

export default function AccountPage() {
  return (
    <>
      <PageHeader title="Your account" description="Your password, and the browsers signed in as you." />
      <div className="flex flex-col gap-6">
        <Card title="Password">
          <ChangePasswordForm />
        </Card>
        <Card title="Sessions">
          <SessionsList />
        </Card>
      </div>
    </>
  );
}
