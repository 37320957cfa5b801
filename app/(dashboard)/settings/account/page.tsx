import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionsList } from "@/components/account/sessions-list";
import { headers } from "next/headers";
import { sessionActor } from "@/lib/server/auth/authenticate";
import { oidcSettings, passwordAllowedFor } from "@/lib/server/env";

export const metadata = { title: "Your account" };

export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const actor = await sessionActor(await headers());
  // SSO-only mode: no password to change, except the break-glass account's.
  const passwordsOff = actor !== null && !passwordAllowedFor(actor.email);
  return (
    <>
      <PageHeader title="Your account" description="Your password, and the browsers signed in as you." />
      <div className="flex flex-col gap-6">
        <Card title="Password">
          {passwordsOff ? (
            <p className="text-sm text-slate-600">You sign in with {oidcSettings()?.name ?? "single sign-on"}: passwords are turned off on this Corsboard.</p>
          ) : (
            <ChangePasswordForm />
          )}
        </Card>
        <Card title="Sessions">
          <SessionsList />
        </Card>
      </div>
    </>
  );
}
