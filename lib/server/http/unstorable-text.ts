import type { FieldError } from "@/lib/api/problem";

/**
 * Text PostgreSQL can't take: a NUL character (its text type has none), or a
 * UTF-16 surrogate without its pair (not Unicode, so not UTF-8 either).
 * Either one in a query parameter reaches the database as a filter and fails
 * there (a 500 before this check), so every string a request carries — path
 * parameters, query parameters, JSON values and keys — is checked at the
 * edge, once, before any route sees it.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** At most this many field errors per request: one per field is enough to fix it, a 100 000-element array needs no 100 000 messages. */
const MAX_ERRORS = 20;
/**
 * Deepest nesting taken (no request needs a tenth of it). A 64 KiB body of
 * `[` nests 32 000 deep: walking it — here, in zod, in canonical JSON —
 * recursively overflows the stack (a 500), so it is refused first.
 */
const MAX_DEPTH = 64;

/** Why `text` can't be stored, in words naming the position, or null when it can. */
export function unstorableTextMessage(text: string): string | null {
  const match = UNSTORABLE.exec(text);
  if (!match) return null;
  const position = match.index + 1;
  if (match[0] === "\u0000") return `Remove the NUL character (U+0000) at position ${position}: text can't contain it.`;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase();
  return `Remove the unpaired surrogate U+${code} at position ${position}: text must be valid Unicode (a surrogate is half of a character such as an emoji; send the whole character).`;
}

/**
 * Field errors for every string and object key under `value` that can't be
 * stored, named from `root` (`query.actor`, `body.origins.3.note`), and for
 * nesting deeper than MAX_DEPTH (named where it goes too deep).
 */
export function unstorableTextErrors(value: unknown, root: string): FieldError[] {
  const errors: FieldError[] = [];
  const visit = (v: unknown, field: string, depth = 0): void => {
    if (errors.length >= MAX_ERRORS) return;
    if (depth >= MAX_DEPTH && v && typeof v === "object") {
      errors.push({ field, code: "too_deep", message: `Nested more than ${MAX_DEPTH} levels deep: send a flatter value.` });
      return;
    }
    if (typeof v === "string") {
      const message = unstorableTextMessage(v);
      if (message) errors.push({ field, code: "invalid_text", message });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${field}.${i}`, depth + 1));
    } else if (v && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        const keyMessage = unstorableTextMessage(key);
        if (keyMessage && errors.length < MAX_ERRORS) errors.push({ field: `${field}.${key}`, code: "invalid_text", message: `This field's name is not valid text. ${keyMessage}` });
        visit(item, `${field}.${key}`, depth + 1);
      }
    }
  };
  visit(value, root);
  return errors;
}
