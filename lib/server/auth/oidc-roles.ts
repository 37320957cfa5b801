/**
 * Roles from the identity provider's claim (single sign-on). Pure: no
 * imports, so env.ts can validate CORSBOARD_OIDC_ROLE_MAP with it.
 */
export type SsoRole = "admin" | "editor" | "viewer";

const RANK: Record<SsoRole, number> = { viewer: 0, editor: 1, admin: 2 };
const ROLES = new Set<string>(["admin", "editor", "viewer"]);

/**
 * CORSBOARD_OIDC_ROLE_MAP: `claim value=role[,…]`, e.g.
 * `corsboard-admins=admin,corsboard-editors=editor`. Values are matched
 * exactly (case-sensitive, as identity providers send them); the value may
 * contain `=` only before the last one. Every bad entry is reported.
 */
export function parseRoleMap(text: string): { map: Map<string, SsoRole>; problems: string[] } {
  const map = new Map<string, SsoRole>();
  const problems: string[] = [];
  for (const [i, raw] of text.split(",").entries()) {
    const item = raw.trim();
    if (!item) continue;
    const at = item.lastIndexOf("=");
    const value = at > 0 ? item.slice(0, at).trim() : "";
    const role = at > 0 ? item.slice(at + 1).trim() : "";
    if (!value || !ROLES.has(role)) {
      problems.push(`entry ${i + 1} (“${item}”) must be claim-value=role, the role admin, editor or viewer, e.g. corsboard-admins=admin`);
      continue;
    }
    if (map.has(value) && map.get(value) !== role) problems.push(`entry ${i + 1}: “${value}” is mapped twice, to ${map.get(value)} and ${role}`);
    map.set(value, role as SsoRole);
  }
  return { map, problems };
}

/** The values of a claim (a dotted path for nested claims): a string is one value, an array its strings; anything else none. */
export function claimValues(profile: Record<string, unknown>, claim: string): string[] {
  let value: unknown = profile;
  for (const key of claim.split(".")) {
    value = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/**
 * The role a claim grants: the highest role any of its values maps to
 * (with no map, the values admin, editor and viewer themselves), else the
 * default role. A user removed from every mapped group falls back to the
 * default at their next sign-in.
 */
export function roleFromClaim(values: readonly string[], map: ReadonlyMap<string, SsoRole>, defaultRole: SsoRole): { role: SsoRole; matched: string[] } {
  let role: SsoRole | null = null;
  const matched: string[] = [];
  for (const value of values) {
    const mapped = map.size > 0 ? map.get(value) : ROLES.has(value) ? (value as SsoRole) : undefined;
    if (!mapped) continue;
    matched.push(value);
    if (role === null || RANK[mapped] > RANK[role]) role = mapped;
  }
  return { role: role ?? defaultRole, matched };
}
