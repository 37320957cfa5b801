import { storedPolicyInput, type PolicyInput } from "@/lib/cors";
import type { PolicyContent } from "@/lib/api/schemas/policy";

/** Stored policy content → the input lib/cors compiles and lints (note and expiry go along with each origin). */
export function toPolicyInput(content: PolicyContent): PolicyInput {
  return storedPolicyInput(content);
}
