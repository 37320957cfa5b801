/**
 * The one PostgreSQL notification channel of the config API. Payloads are
 * short text (NOTIFY payloads must stay under 8000 bytes):
 *
 *   policy:<environmentId>:<version>[:<epochMs>]   a version was published (notifyPolicyPublished);
 *                                      epochMs = when the publishing transaction was about to commit
 *                                      (publish→notify latency metric; older senders omit it)
 *   token:<secretHash>                 an API token was created, changed or deleted (trigger on api_token)
 *
 * The token trigger in prisma/migrations/*_config_api/migration.sql uses the
 * same channel name and format: change them together.
 */
export const CONFIG_CHANNEL = "corsboard_config";

export type ConfigChange =
  | { kind: "policy"; environmentId: string; version: number; publishedAt?: number }
  | { kind: "token"; secretHash: string }
  /** The listener (re)connected: notifications may have been missed, forget everything cached. */
  | { kind: "resync" };

export function encodePolicyChange(environmentId: string, version: number, publishedAt?: number): string {
  return publishedAt === undefined ? `policy:${environmentId}:${version}` : `policy:${environmentId}:${version}:${publishedAt}`;
}

export function decodeChange(payload: string): ConfigChange | null {
  if (payload.startsWith("token:")) {
    const secretHash = payload.slice("token:".length);
    return /^[0-9a-f]{64}$/.test(secretHash) ? { kind: "token", secretHash } : null;
  }
  const m = /^policy:([^:]+):(\d+)(?::(\d+))?$/.exec(payload);
  if (m) return { kind: "policy", environmentId: m[1] as string, version: Number(m[2]), ...(m[3] ? { publishedAt: Number(m[3]) } : {}) };
  return null;
}
