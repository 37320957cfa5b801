import { z } from "zod";
import { problemSchema } from "@/lib/api/problem";
import { healthSchema } from "@/lib/api/schemas/health";
import { createUserRequestSchema, meSchema, setupRequestSchema, updateUserRequestSchema, userSchema } from "@/lib/api/schemas/user";
import { createdTokenSchema, createTokenRequestSchema, tokenSchema } from "@/lib/api/schemas/token";
import { projectDetailSchema, projectSummarySchema } from "@/lib/api/schemas/project";
import { auditEventSchema, auditQuerySchema } from "@/lib/api/schemas/audit";

/**
 * The HTTP surface, described once from the same zod schemas the route
 * handlers and forms use; the OpenAPI document is generated from it.
 */
export interface ApiRoute {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  /** `public`, or the minimum role (admin API tokens count as admin). */
  auth: "public" | "viewer" | "editor" | "admin";
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
}

export const apiRoutes: ApiRoute[] = [
  { method: "get", path: "/api/health", summary: "Health and database reachability", auth: "public", response: healthSchema },
  { method: "get", path: "/api/setup", summary: "Whether first-run setup is still needed", auth: "public", response: z.object({ needsSetup: z.boolean() }) },
  { method: "post", path: "/api/setup", summary: "Create the first admin (only while there is no account)", auth: "public", body: setupRequestSchema, response: z.object({ user: userSchema }), status: 201 },
  { method: "get", path: "/api/v1/me", summary: "The caller", auth: "viewer", response: meSchema },
  { method: "get", path: "/api/v1/users", summary: "List users", auth: "admin", response: z.object({ users: z.array(userSchema) }) },
  { method: "post", path: "/api/v1/users", summary: "Create a user with a role", auth: "admin", body: createUserRequestSchema, response: z.object({ user: userSchema }), status: 201 },
  { method: "patch", path: "/api/v1/users/{id}", summary: "Change a user's role, name or disabled flag", auth: "admin", body: updateUserRequestSchema, response: z.object({ user: userSchema }) },
  { method: "get", path: "/api/v1/tokens", summary: "List API tokens", auth: "admin", response: z.object({ tokens: z.array(tokenSchema) }) },
  { method: "post", path: "/api/v1/tokens", summary: "Create an API token (the secret is in this answer only)", auth: "admin", body: createTokenRequestSchema, response: createdTokenSchema, status: 201 },
  { method: "delete", path: "/api/v1/tokens/{id}", summary: "Revoke an API token", auth: "admin", response: z.object({ token: tokenSchema }) },
  { method: "get", path: "/api/v1/projects", summary: "List projects with their environments", auth: "viewer", query: z.object({ archived: z.enum(["include", "exclude"]).optional() }), response: z.object({ projects: z.array(projectSummarySchema) }) },
  { method: "get", path: "/api/v1/projects/{project}", summary: "A project with each environment's draft policy", auth: "viewer", response: z.object({ project: projectDetailSchema }) },
  { method: "get", path: "/api/v1/audit", summary: "Audit events, newest first", auth: "viewer", query: auditQuerySchema, response: z.object({ events: z.array(auditEventSchema), nextBefore: z.string().nullable() }) },
];

export { problemSchema };
