import type { z } from "zod";
import type { FieldError } from "@/lib/api/problem";

/** Turn zod issues into field errors that name the field and the fix. */
export function fieldErrorsFromZod(error: z.ZodError, root: string): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [root, ...issue.path.map(String)].join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({ field: `${base}.${key}`, code: "unknown_field", message: `Unknown field "${key}": remove it.` });
      }
      continue;
    }
    out.push({ field: base, code: issue.code, message: issue.message });
  }
  return out;
}
