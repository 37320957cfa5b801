import { createHash } from "node:crypto";
import { canonicalJson, compilePolicy, servedPolicyInput, type CompiledPolicy, type ConfigDocument, type PolicyInput } from "../cors";

/** RFC 8785 canonical JSON, as the server hashes it (lib/cors/canonical-json.ts). */
export { canonicalJson };

/** The document the config API serves (lib/cors/policy-document.ts; lib/api/schemas/config.ts is checked against it). */
export type { ConfigDocument };

export type DocumentCheck = { ok: true; document: ConfigDocument; compiled: CompiledPolicy } | { ok: false; reason: string };

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/**
 * Validates a document before it may replace the policy in force: its shape,
 * that it is this service's project and environment, that the policy matches
 * its hash (a truncated or edited file is refused), and that the core
 * compiles it. Never throws.
 */
export function checkDocument(value: unknown, expected: { project: string; environment: string }): DocumentCheck {
  try {
    if (!value || typeof value !== "object") return { ok: false, reason: "not a JSON object" };
    const d = value as Record<string, unknown>;
    if (d.project !== expected.project || d.environment !== expected.environment) {
      return { ok: false, reason: `it is the policy of ${String(d.project)}/${String(d.environment)}, not ${expected.project}/${expected.environment}` };
    }
    if (typeof d.version !== "number" || !Number.isInteger(d.version) || d.version < 1) return { ok: false, reason: "no valid version number" };
    if (typeof d.publishedAt !== "string" || typeof d.contentHash !== "string") return { ok: false, reason: "no publishedAt or contentHash" };
    const p = d.policy as Record<string, unknown> | undefined;
    if (!p || typeof p !== "object") return { ok: false, reason: "no policy" };
    const originsOk =
      Array.isArray(p.origins) &&
      p.origins.every(
        (o) => o && typeof o === "object" && typeof (o as { value?: unknown }).value === "string" && ((o as { expiresAt?: unknown }).expiresAt === null || typeof (o as { expiresAt?: unknown }).expiresAt === "string"),
      );
    if (
      !originsOk ||
      typeof p.allowCredentials !== "boolean" ||
      !isStringArray(p.allowedMethods) ||
      !isStringArray(p.allowedHeaders) ||
      typeof p.reflectRequestHeaders !== "boolean" ||
      !isStringArray(p.exposedHeaders) ||
      !(p.maxAgeSeconds === null || (typeof p.maxAgeSeconds === "number" && Number.isInteger(p.maxAgeSeconds))) ||
      (p.noOrigin !== "allow" && p.noOrigin !== "reject") ||
      typeof p.allowPrivateNetwork !== "boolean"
    ) {
      return { ok: false, reason: "the policy does not have the expected fields" };
    }
    const document = value as ConfigDocument;
    const hash = createHash("sha256").update(canonicalJson(document.policy)).digest("hex");
    if (hash !== document.contentHash) return { ok: false, reason: "the policy does not match its contentHash (truncated or modified)" };
    const compiled = compilePolicy(policyInput(document));
    if (!compiled.ok) {
      const problems = compiled.problems.slice(0, 5).map((pr) => `${pr.field}${pr.index === null ? "" : `[${pr.index}]`} ${JSON.stringify(pr.value)}: ${pr.message}`);
      return { ok: false, reason: `the core refuses it: ${problems.join("; ")}${compiled.problems.length > 5 ? ` (+${compiled.problems.length - 5} more)` : ""}` };
    }
    return { ok: true, document, compiled: compiled.policy };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

export function policyInput(document: ConfigDocument): PolicyInput {
  return servedPolicyInput(document.policy);
}

/** An empty allowlist: every cross-origin request denied; requests without Origin pass. */
export function denyAllPolicy(): CompiledPolicy {
  const compiled = compilePolicy({ origins: [] });
  if (!compiled.ok) throw new Error("unreachable: the empty policy compiles");
  return compiled.policy;
}
