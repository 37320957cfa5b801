import { compilePolicy, type PolicyInput } from "@/lib/cors";
import type { FieldError } from "@/lib/api/problem";
import { importDocumentSchema, type ImportDocument } from "@/lib/api/schemas/editing";
import { validationFailed } from "@/lib/server/errors";
import { fieldErrorsFromZod } from "@/lib/server/http/zod-errors";
import { problemFieldErrors } from "@/lib/server/policies/policy-field-errors";
import { duplicateSlugErrors } from "@/lib/server/projects/create-project";

/**
 * Checks an import document and lists EVERY problem at once: the structure
 * (zod, strict: unknown fields refused), then lib/cors on every environment's
 * policy, even when other parts of the document are broken (compile reads any
 * input and never throws), then duplicate environment slugs. A problem zod
 * already reported at a field (or a parent of it) isn't repeated. Fields are
 * named from `prefix`, e.g. `body.document.environments.1.policy.origins.4.value`.
 */
export function validateImportDocument(document: unknown, prefix = "body.document"): ImportDocument {
  const parsed = importDocumentSchema.safeParse(document);
  const errors: FieldError[] = parsed.success ? [] : fieldErrorsFromZod(parsed.error, prefix);
  const reported = new Set(errors.map((e) => e.field));
  const alreadyReported = (field: string) => {
    for (let f = field; f.length > 0; f = f.slice(0, Math.max(f.lastIndexOf("."), 0))) if (reported.has(f)) return true;
    return false;
  };

  const environments = isRecord(document) && Array.isArray(document.environments) ? (document.environments as unknown[]) : [];
  environments.forEach((env, i) => {
    if (!isRecord(env) || !isRecord(env.policy)) return;
    // Deliberate: the core compiles any value without throwing and names every
    // problem of it (README "Compile"), which zod's errors alone would not.
    const compiled = compilePolicy(env.policy as unknown as PolicyInput);
    if (compiled.ok) return;
    for (const error of problemFieldErrors(compiled.problems, `${prefix}.environments.${i}.policy`)) {
      if (!alreadyReported(error.field)) errors.push(error);
    }
  });

  const slugs = environments.map((env, i) => ({ slug: isRecord(env) && typeof env.slug === "string" ? env.slug : `\u0000${i}` }));
  for (const error of duplicateSlugErrors(slugs, `${prefix}.environments`)) if (!alreadyReported(error.field)) errors.push(error);

  if (errors.length > 0 || !parsed.success) {
    throw validationFailed(errors, `The document has ${errors.length} problem${errors.length === 1 ? "" : "s"}; see \`errors\` (every one is listed). Nothing was imported.`);
  }
  return parsed.data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
