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

export const projectDetailSchema = projectSummarySchema.extend({
  environments: z.array(environmentDetailSchema),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const projectParamsSchema = z.object({ project: slugSchema });
