import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { AuthFrame } from "@/components/auth/auth-frame";
import { LoginForm } from "@/components/auth/login-form";
import { needsSetup } from "@/lib/server/setup/create-first-admin";
import { sessionActor } from "@/lib/server/auth/authenticate";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await needsSetup()) redirect("/setup");
  if (await sessionActor(await headers())) redirect("/");
  return (
    <AuthFrame title="Sign in" subtitle="Use the account an admin created for you.">
      <Suspense>
        <LoginForm />
      </Suspense>
    </AuthFrame>
  );
}
