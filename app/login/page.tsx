import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { AuthFrame } from "@/components/auth/auth-frame";
import { LoginForm } from "@/components/auth/login-form";
import { needsSetup } from "@/lib/server/setup/create-first-admin";
import { sessionActor } from "@/lib/server/auth/authenticate";
import { oidcSettings } from "@/lib/server/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await needsSetup()) redirect("/setup");
  if (await sessionActor(await headers())) redirect("/");
  const sso = oidcSettings();
  // SSO-only: the password form is shown only on the break-glass path (/login?break-glass), for the one account that keeps its password.
  const breakGlass = (await searchParams)["break-glass"] !== undefined;
  const passwordForm = !sso?.ssoOnly || breakGlass;
  const subtitle = !sso ? "Use the account an admin created for you." : passwordForm && sso.ssoOnly ? "Break-glass sign-in: only the emergency admin account can use its password." : passwordForm ? `Sign in with ${sso.name}, or with the password of the account an admin created for you.` : `Sign in with your ${sso.name} account.`;
  return (
    <AuthFrame title="Sign in" subtitle={subtitle}>
      <Suspense>
        <LoginForm sso={sso ? { name: sso.name } : null} passwordForm={passwordForm} breakGlass={Boolean(sso?.ssoOnly && breakGlass)} />
      </Suspense>
    </AuthFrame>
  );
}
