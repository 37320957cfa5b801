import type { Role } from "@/lib/api/schemas/user";

/** Who is making a request: a signed-in user, or an API token. */
export type Actor =
  | { kind: "user"; id: string; email: string; name: string; role: Role }
  | {
      kind: "token";
      id: string;
      name: string;
      scope: "admin" | "config_read";
      projectId: string | null;
      environmentId: string | null;
      /** The management role a token acts with: admin tokens act as admins; config tokens have none. */
      role: Role | null;
    };

/** How an actor is named in the audit log, kept even after the user or token is gone. */
export function actorLabel(actor: Actor): string {
  return actor.kind === "user" ? actor.email : `token:${actor.name}`;
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.id : null;
}
