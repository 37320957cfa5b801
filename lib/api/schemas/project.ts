import { z } from "zod";
import { policyContentSchema } from "@/lib/api/schemas/policy";

export const slugSchema = z
  .string()
  .trim()
  .min(1, { error: "Enter a slug." })
  .max(64, { error: "Use a slug of at most 64 characters." })
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "Use lowercase letters, digits and dashes, starting with a letter or digit." });

export const environmentSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  position: z.number().int(),
  protected: z.boolean(),
  baseUrls: z.array(z.string()),
  originCount: z.number().int(),
  latestVersion: z.number().int().nullable(),
});
export type EnvironmentSummary = z.infer<typeof environmentSummarySchema>;

export const projectSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  archived: z.boolean(),
  environments: z.array(environmentSummarySchema),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const environmentDetailSchema = environmentSummarySchema.extend({
  draft: policyContentSchema.extend({ revision: z.number().int() }),
});
export type EnvironmentDetail = z.infer<typeof environmentDetailSchema>;

export const MAX_SAMPLE_PATHS = 50;

/** One path probed under each base URL of the project's environments (the migration check). */
export const samplePathSchema = z
  .string({ error: "Give a path starting with /, e.g. /health." })
  .max(512, { error: "Use a path of at most 512 characters." })
  .refine((v) => v.startsWith("/"), { error: "Start the path with /, e.g. /health or /api/orders." })
  .refine((v) => !/\s/.test(v), { error: "Remove the spaces (encode a space in a path as %20)." });

/** Sample paths: at most 50, each once; every problem reported at its index. */
export const samplePathsSchema = z
  .array(samplePathSchema)
  .max(MAX_SAMPLE_PATHS, { error: `Give at most ${MAX_SAMPLE_PATHS} sample paths.` })
  .superRefine((paths, ctx) => {
    const first = new Map<string, number>();
    paths.forEach((p, i) => {
      const seen = first.get(p);
      if (seen === undefined) first.set(p, i);
      else ctx.addIssue({ code: "custom", path: [i], message: `Remove this line: ${p} is already on line ${seen + 1}.` });
    });
  });

export const projectDetailSchema = projectSummarySchema.extend({
  environments: z.array(environmentDetailSchema),
  /** Paths probed under every base URL of the environments (migration check). */
  samplePaths: z.array(z.string()),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const projectParamsSchema = z.object({ project: slugSchema });

/** GET /api/v1/projects: archived projects are left out unless asked for. */
export const projectListQuerySchema = z.strictObject({ archived: z.enum(["include", "exclude"]).default("exclude") });
