"use client";
import { useMe } from "@/lib/queries/users";

/** What the signed-in user may change (the API enforces the same rules; this only hides controls). */
export function usePermissions(): { canEdit: boolean; isAdmin: boolean; known: boolean } {
  const { data } = useMe();
  const role = data?.role ?? null;
  return { canEdit: role === "editor" || role === "admin", isAdmin: role === "admin", known: Boolean(data) };
}
