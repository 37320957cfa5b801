import { createHash } from "node:crypto";
import { parseOrigin } from "@/lib/cors";
import type { ConfigDocument, ConfigFormat, ServedPolicy } from "@/lib/api/schemas/config";
import { contentHash } from "@/lib/server/policies/content-hash";

/**
 * Turning a published version into the bytes the config API serves, in each
 * format. Pure: the clock is an argument. Rules whose expiry has passed are
 * left out, so a rule drops out on time even though no version was published;
 * the result says until when it stays valid (the next expiry), after which
 * the caller renders again (new bytes, new ETag).
 */
export interface PublishedVersion {
  environmentId: string;
  version: number;
  publishedAt: Date;
  /** Every origin of the version, expired ones included (they are filtered per render). */
  policy: ServedPolicy;
}

export interface Rendered {
  body: Buffer;
  /** Strong ETag of `body` (quoted). */
  etag: string;
  contentType: string;
  /** Epoch ms after which the bytes are stale because a rule expires (Infinity if none does). */
  validUntil: number;
  /** The earliest future expiry, ISO text, or null. */
  nextExpiry: string | null;
}

export interface ConfigNames {
  project: string;
  environment: string;
}

const CONTENT_TYPES: Record<ConfigFormat, string> = {
  json: "application/json; charset=utf-8",
  origins: "text/plain; charset=utf-8",
  nginx: "text/plain; charset=utf-8",
  env: "text/plain; charset=utf-8",
};

/** The policy as served at `now`: expired entries out, and until when that holds. */
export function activePolicy(policy: ServedPolicy, now: number): { policy: ServedPolicy; validUntil: number } {
  let validUntil = Number.POSITIVE_INFINITY;
  const origins = policy.origins.filter((o) => {
    if (o.expiresAt === null) return true;
    const at = Date.parse(o.expiresAt);
    if (!(at > now)) return false;
    if (at < validUntil) validUntil = at;
    return true;
  });
  return { policy: { ...policy, origins }, validUntil };
}

export function servedContentHash(policy: ServedPolicy): string {
  return contentHash(policy);
}

export function configDocument(version: PublishedVersion, names: ConfigNames, now: number): { document: ConfigDocument; validUntil: number } {
  const { policy, validUntil } = activePolicy(version.policy, now);
  return {
    document: {
      project: names.project,
      environment: names.environment,
      version: version.version,
      publishedAt: version.publishedAt.toISOString(),
      contentHash: servedContentHash(policy),
      policy,
    },
    validUntil,
  };
}

export function renderConfig(version: PublishedVersion, names: ConfigNames, format: ConfigFormat, now: number): Rendered {
  const { document, validUntil } = configDocument(version, names, now);
  let text: string;
  switch (format) {
    case "json":
      text = JSON.stringify(document);
      break;
    case "origins":
      text = document.policy.origins.map((o) => `${o.value}\n`).join("");
      break;
    case "nginx":
      text = renderNginx(document, validUntil);
      break;
    case "env":
      text = renderEnv(document);
      break;
  }
  const body = Buffer.from(text, "utf8");
  return {
    body,
    etag: strongEtag(body),
    contentType: CONTENT_TYPES[format],
    validUntil,
    nextExpiry: Number.isFinite(validUntil) ? new Date(validUntil).toISOString() : null,
  };
}

export function strongEtag(body: Buffer | string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/**
 * The ETag without `W/` and without a content-coding suffix (`.gzip`, `.br`,
 * see encoded-body.ts): the bytes' hash, whatever encoding carried them.
 */
export function baseEtag(tag: string): string {
  return tag.replace(/^W\//, "").replace(/\.(gzip|br)"$/, '"');
}

/**
 * `If-None-Match` against our ETag, with the weak comparison RFC 9110 §13.1.2
 * asks for (a `W/` prefix is ignored), `*`, and comma-separated lists. A
 * content-coding suffix is ignored too: any encoding of the same bytes is current.
 */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const wanted = baseEtag(etag);
  for (const raw of ifNoneMatch.split(",")) {
    const candidate = raw.trim();
    if (candidate === "*") return true;
    if (baseEtag(candidate) === wanted) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// nginx
// ---------------------------------------------------------------------------

/** A regular expression matching `value` literally. */
function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// The core's grammar of a request origin's host labels (lib/cors/origin-pattern.ts, SERIALIZED_ORIGIN).
const LABEL = "[a-z0-9_-]+";

/** The map key for one allowlist entry, or null for `*` (handled as the default). */
export function nginxMapKey(value: string): string | null {
  const parsed = parseOrigin(value);
  if (!parsed.ok) return `# skipped, not a valid origin: ${JSON.stringify(value)}`;
  const o = parsed.origin;
  switch (o.kind) {
    case "any":
      return null;
    case "null":
      return `"null"`;
    case "exact":
      return `"${o.value}"`;
    case "pattern": {
      const labels = o.subdomains ? `${LABEL}(\\.${LABEL})*\\.` : "";
      const port = o.port === "*" ? "(:[0-9]{1,5})?" : o.port === null ? "" : `:${o.port}`;
      return `"~^${o.scheme}://${labels}${escapeRegex(o.host)}${port}$"`;
    }
  }
}

function renderNginx(doc: ConfigDocument, validUntil: number): string {
  const p = doc.policy;
  const anyOrigin = p.origins.some((o) => o.value === "*");
  const lines: string[] = [
    `# Corsboard: ${doc.project} / ${doc.environment}, version ${doc.version} (published ${doc.publishedAt})`,
    `# sha256 of the served policy: ${doc.contentHash}`,
    "# Include in the http {} block. Exact origins are map strings (nginx compares them",
    "# ignoring case; browsers always send them in lowercase), wildcards are",
    "# case-sensitive regular expressions. Rules past their expiry are left out.",
  ];
  if (Number.isFinite(validUntil)) {
    lines.push(`# A rule expires at ${new Date(validUntil).toISOString()}: fetch this file again by then.`);
  }
  lines.push("map $http_origin $cors_allow_origin {");
  lines.push(`    default ${anyOrigin ? '"*"' : '""'};`);
  for (const o of p.origins) {
    const key = nginxMapKey(o.value);
    if (key === null) continue;
    if (key.startsWith("#")) {
      lines.push(`    ${key}`);
      continue;
    }
    const expiry = o.expiresAt ? `  # expires ${o.expiresAt}` : "";
    lines.push(`    ${key} $http_origin;${expiry}`);
  }
  lines.push("}");
  if (p.allowCredentials) {
    lines.push("", "# Credentials only along with an allowed origin.");
    lines.push("map $cors_allow_origin $cors_allow_credentials {", '    default "true";', '    "" "";', "}");
  }
  lines.push("", "# The rest of the policy, for your location {} blocks (empty headers are not sent):");
  lines.push("#   add_header Access-Control-Allow-Origin $cors_allow_origin always;");
  if (!(anyOrigin && p.noOrigin === "allow")) lines.push("#   add_header Vary Origin always;");
  if (p.allowCredentials) lines.push("#   add_header Access-Control-Allow-Credentials $cors_allow_credentials always;");
  if (p.exposedHeaders.length) lines.push(`#   add_header Access-Control-Expose-Headers "${p.exposedHeaders.join(", ")}" always;`);
  lines.push("#   on preflights (OPTIONS with Access-Control-Request-Method):");
  if (p.allowedMethods.length) lines.push(`#   add_header Access-Control-Allow-Methods "${p.allowedMethods.join(", ")}" always;`);
  if (p.reflectRequestHeaders) lines.push("#   add_header Access-Control-Allow-Headers $http_access_control_request_headers always;");
  else if (p.allowedHeaders.length) lines.push(`#   add_header Access-Control-Allow-Headers "${p.allowedHeaders.join(", ")}" always;`);
  if (p.maxAgeSeconds !== null) lines.push(`#   add_header Access-Control-Max-Age ${p.maxAgeSeconds} always;`);
  if (p.allowPrivateNetwork) lines.push("#   add_header Access-Control-Allow-Private-Network true always;");
  if (p.noOrigin === "reject") lines.push("#   requests without Origin are to be refused (noOrigin: reject).");
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------
// env
// ---------------------------------------------------------------------------

/** Bare when safe for both shells and dotenv parsers, else double-quoted with \ " $ ` escaped. */
export function envValue(value: string): string {
  if (/^[A-Za-z0-9,._:/*+@=-]*$/.test(value)) return value;
  return `"${value.replace(/[\\"$`]/g, "\\$&")}"`;
}

function renderEnv(doc: ConfigDocument): string {
  const p = doc.policy;
  const vars: [string, string][] = [
    ["CORSBOARD_PROJECT", doc.project],
    ["CORSBOARD_ENVIRONMENT", doc.environment],
    ["CORSBOARD_VERSION", String(doc.version)],
    ["CORSBOARD_CONTENT_HASH", doc.contentHash],
    ["CORS_ALLOWED_ORIGINS", p.origins.map((o) => o.value).join(",")],
    ["CORS_ALLOW_CREDENTIALS", String(p.allowCredentials)],
    ["CORS_ALLOWED_METHODS", p.allowedMethods.join(",")],
    ["CORS_ALLOWED_HEADERS", p.allowedHeaders.join(",")],
    ["CORS_REFLECT_REQUEST_HEADERS", String(p.reflectRequestHeaders)],
    ["CORS_EXPOSED_HEADERS", p.exposedHeaders.join(",")],
    ["CORS_MAX_AGE", p.maxAgeSeconds === null ? "" : String(p.maxAgeSeconds)],
    ["CORS_NO_ORIGIN", p.noOrigin],
    ["CORS_ALLOW_PRIVATE_NETWORK", String(p.allowPrivateNetwork)],
  ];
  return vars.map(([k, v]) => `${k}=${envValue(v)}\n`).join("");
}
