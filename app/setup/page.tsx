import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthFrame } from "@/components/auth/auth-frame";
import { SetupForm } from "@/components/auth/setup-form";
import { needsSetup } from "@/lib/server/setup/create-first-admin";
import { setupCodeRequired } from "@/lib/server/setup/setup-code";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

/** One-time first-run screen: shown only while no account exists. */
export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/login");
  return (
    <AuthFrame title="Welcome to Corsboard" subtitle="Create the first admin account. You can invite colleagues afterwards.">
      <SetupForm codeRequired={setupCodeRequired(await headers())} />
    </AuthFrame>
  );
}
