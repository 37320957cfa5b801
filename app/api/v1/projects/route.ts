import { z } from "zod";
import { createProjectRequestSchema } from "@/lib/api/schemas/editing";
import { defineRoute, json } from "@/lib/server/http/route";
import { createProject } from "@/lib/server/projects/create-project";
import { listProjects } from "@/lib/server/projects/list-projects";

const querySchema = z.strictObject({ archived: z.enum(["include", "exclude"]).default("exclude") });

export const GET = defineRoute({ auth: { role: "viewer" }, query: querySchema }, async ({ query }) => ({
  projects: await listProjects({ includeArchived: query.archived === "include" }),
}));

export const POST = defineRoute({ auth: { role: "editor" }, body: createProjectRequestSchema, maxBodyBytes: 64 * 1024 }, async ({ actor, body }) =>
  json({ project: await createProject(actor, body) }, 201),
);
