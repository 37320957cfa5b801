import { policyContentSchema, type PolicyContent } from "@/lib/api/schemas/policy";

/**
 * The one way to read a policy from a JSON column (`PolicyVersion.content`,
 * `ChangeRequest.content`, and raw SQL that selects them): parsed with the
 * schema it was written with, never cast. Raw queries may hand the column
 * over as text; Prisma hands it over as parsed JSON. A row that does not
 * parse throws (a 500 naming the problem), instead of flowing on as a policy
 * with missing fields.
 */
export function policyContentFromColumn(column: unknown): PolicyContent {
  return policyContentSchema.parse(typeof column === "string" ? JSON.parse(column) : column);
}
