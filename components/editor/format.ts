export const formatTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "3 minutes ago", "in 6 days"… */
export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86_400), "day");
}

export const formatCount = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** A policy setting's value in words, for diffs. */
export function formatSetting(field: string, value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.join(", ");
  if (field === "maxAgeSeconds") return value === null || value === undefined ? "no header (browser default)" : `${String(value)} s`;
  if (field === "noOrigin") return value === "reject" ? "rejected (403)" : "pass through";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value === null || value === undefined) return "—";
  return String(value);
}

export const SETTING_TITLES: Record<string, string> = {
  allowCredentials: "Credentials",
  allowedMethods: "Allowed methods",
  allowedHeaders: "Allowed headers",
  reflectRequestHeaders: "Reflect requested headers",
  exposedHeaders: "Exposed headers",
  maxAgeSeconds: "Max-age",
  noOrigin: "Requests without Origin",
  allowPrivateNetwork: "Private network access",
};
