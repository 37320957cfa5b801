import { headers } from "next/headers";
import type { ReactNode } from "react";
import { sessionActor } from "@/lib/server/auth/authenticate";
import { Alert } from "@/components/ui/states";

/** Server-side guard for admin pages; the API enforces the same rule on every call. */
export async function AdminOnly({ children }: { children: ReactNode }) {
  const actor = await sessionActor(await headers());
  if (actor?.role !== "admin") return <Alert tone="warning">Only admins can see this page. Ask an admin if you need access.</Alert>;
  return <>{children}</>;
}
