import { z } from "zod";

/**
 * Every error the API returns is an RFC 9457 problem document
 * (`application/problem+json`). Validation errors list each offending field
 * with a message that says how to fix it.
 */
export const fieldErrorSchema = z.object({
  /** Dotted path of the field in the request, e.g. `origins.3.value`; `body` for the whole body. */
  field: z.string(),
  message: z.string(),
  code: z.string(),
  /** A safe one-click replacement for the value, when there is one (e.g. the canonical origin from lib/cors). */
  fix: z.string().optional(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** Stable machine-readable code, e.g. `validation_failed`, `stale_revision`. */
  code: z.string(),
  errors: z.array(fieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
