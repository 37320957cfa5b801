import { maskSecretHeaders } from "@/lib/api/schemas/saved-check";

// Plain-text helpers of the saved-checks UI (pure, unit-tested).

/** "https://app.example.com → PUT https://api.example.com/orders" */
export function requestSummary(check: { origin: string; method: string; url: string }): string {
  return `${check.origin} → ${check.method} ${check.url}`;
}

/** Headers as the form's text area shows them: one "Name: value" per line. */
export function headersToText(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}

/** The text area's lines back to headers; a line without "Name:" is an error naming its line. */
export function parseHeadersText(text: string): { ok: true; headers: Record<string, string> } | { ok: false; message: string } {
  const headers: Record<string, string> = {};
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return { ok: false, message: `Line ${i + 1}: write each header as "Name: value", e.g. Content-Type: application/json.` };
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return { ok: true, headers };
}

/** The origin part of a base URL ("https://api.example.com/v1" → "https://api.example.com"), or null. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/** "Content-Type: application/json · Authorization: ••••" (credential values masked). */
export function headersSummary(headers: Readonly<Record<string, string>>): string {
  return Object.entries(maskSecretHeaders(headers))
    .map(([name, value]) => `${name}: ${value}`)
    .join(" · ");
}
