import type { PolicyInput } from "@/lib/cors";
import type { PolicyContent } from "@/lib/api/schemas/policy";

/** Stored policy content → the input lib/cors compiles and lints (note and expiry go along with each origin). */
export function toPolicyInput(content: PolicyContent): PolicyInput {
  return {
    origins: content.origins.map((o) => (o.note === null ? { value: o.value, expiresAt: o.expiresAt } : { value: o.value, expiresAt: o.expiresAt, note: o.note })),
    allowCredentials: content.allowCredentials,
    allowedMethods: content.allowedMethods,
    allowedHeaders: content.allowedHeaders,
    reflectRequestHeaders: content.reflectRequestHeaders,
    exposedHeaders: content.exposedHeaders,
    maxAgeSeconds: content.maxAgeSeconds,
    noOrigin: content.noOrigin,
    allowPrivateNetwork: content.allowPrivateNetwork,
  };
}
