import { z } from "zod";

export const tokenScopeSchema = z.enum(["admin", "config_read"]);
export type TokenScope = z.infer<typeof tokenScopeSchema>;

const slugRef = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "Use the slug: lowercase letters, digits and dashes." });

export const createTokenRequestSchema = z
  .strictObject({
    name: z
      .string({ error: "Name the token after what uses it, e.g. \"checkout-service prod\"." })
      .trim()
      .min(1, { error: "Name the token after what uses it, e.g. \"checkout-service prod\"." })
      .max(100, { error: "Use a name of at most 100 characters." }),
    scope: tokenScopeSchema,
    /** For config_read tokens: the project and environment (by slug) the token may read. */
    project: slugRef.optional(),
    environment: slugRef.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "config_read") {
      if (!v.project) ctx.addIssue({ code: "custom", path: ["project"], message: "A config_read token needs the project it may read." });
      if (!v.environment) ctx.addIssue({ code: "custom", path: ["environment"], message: "A config_read token needs the environment it may read." });
    } else {
      if (v.project) ctx.addIssue({ code: "custom", path: ["project"], message: "Admin tokens are not scoped to a project: remove project." });
      if (v.environment) ctx.addIssue({ code: "custom", path: ["environment"], message: "Admin tokens are not scoped to an environment: remove environment." });
    }
  });
export type CreateTokenRequest = z.infer<typeof createTokenRequestSchema>;

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scope: tokenScopeSchema,
  project: z.string().nullable(),
  environment: z.string().nullable(),
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type Token = z.infer<typeof tokenSchema>;

/** The answer to a create: the only time the secret is ever shown. */
export const createdTokenSchema = z.object({ token: tokenSchema, secret: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;
