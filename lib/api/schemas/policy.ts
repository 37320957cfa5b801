import { z } from "zod";
import type { StoredPolicy } from "@/lib/cors";
import type { SameType } from "@/lib/api/same-type";

export const noOriginHandlingSchema = z.enum(["allow", "reject"]);

export const originRuleSchema = z.object({
  value: z.string(),
  note: z.string().nullable(),
  expiresAt: z.iso.datetime().nullable(),
});
export type OriginRule = z.infer<typeof originRuleSchema>;

/**
 * A policy as published: what a version stores and the config API serves.
 * The shape is the core's `StoredPolicy` (lib/cors/policy-document.ts); the
 * check below the schema fails to compile when they part.
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
const contentIsCoreType: SameType<PolicyContent, StoredPolicy> = true;
void contentIsCoreType;
