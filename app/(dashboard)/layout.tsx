import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { sessionActor } from "@/lib/server/auth/authenticate";
import { needsSetup } from "@/lib/server/setup/create-first-admin";

export const dynamic = "force-dynamic";

/** Every dashboard page needs a session; before the first account exists, setup comes first. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await sessionActor(await headers());
  if (!actor) {
    if (await needsSetup()) redirect("/setup");
    redirect("/login");
  }
  return <AppShell user={{ name: actor.name, email: actor.email, role: actor.role }}>{children}</AppShell>;
}
