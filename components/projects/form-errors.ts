import type { ApiError } from "@/lib/queries/api-fetch";

/** The field errors of a problem answer, keyed by field path (`body.slug`, `body.baseUrls.1`…); the first message per field wins. */
export function errorsByField(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of error.problem.errors ?? []) out[e.field] ??= e.message;
  return out;
}

/** Messages of every field under `prefix` (e.g. `body.baseUrls`), as "line N: message" when indexed. */
export function listErrors(errors: Record<string, string>, prefix: string, itemLabel = "Line"): string | undefined {
  const lines = Object.entries(errors)
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`))
    .map(([field, message]) => {
      const rest = field.slice(prefix.length + 1);
      const index = Number.parseInt(rest, 10);
      return Number.isNaN(index) ? message : `${itemLabel} ${index + 1}: ${message}`;
    });
  return lines.length ? lines.join("\n") : undefined;
}

/** A slug suggestion from a name: "Checkout API (EU)" → "checkout-api-eu". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}

/** Non-empty trimmed lines of a textarea. */
export const linesOf = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
