import { z } from "zod";

export const noOriginHandlingSchema = z.enum(["allow", "reject"]);

export const originRuleSchema = z.object({
  value: z.string(),
  note: z.string().nullable(),
  expiresAt: z.iso.datetime().nullable(),
});
export type OriginRule = z.infer<typeof originRuleSchema>;

/**
 * A policy as published: what a version stores and the config API serves.
 * Mirrors the core's policy input (lib/cors), plus per-origin note/expiry.
 */
export const policyContentSchema = z.object({
  origins: z.array(originRuleSchema),
  allowCredentials: z.boolean(),
  allowedMethods: z.array(z.string()),
  allowedHeaders: z.array(z.string()),
  reflectRequestHeaders: z.boolean(),
  exposedHeaders: z.array(z.string()),
  maxAgeSeconds: z.number().int().nullable(),
  noOrigin: noOriginHandlingSchema,
  allowPrivateNetwork: z.boolean(),
});
export type PolicyContent = z.infer<typeof policyContentSchema>;
