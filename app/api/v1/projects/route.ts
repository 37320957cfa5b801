import { z } from "zod";
import { defineRoute } from "@/lib/server/http/route";
import { listProjects } from "@/lib/server/projects/list-projects";

const querySchema = z.strictObject({ archived: z.enum(["include", "exclude"]).default("exclude") });

export const GET = defineRoute({ auth: { role: "viewer" }, query: querySchema }, async ({ query }) => ({
  projects: await listProjects({ includeArchived: query.archived === "include" }),
}));
