// Compile a policy once into an immutable matcher plus validated settings.
// Compiling validates everything (every problem, with its position); evaluating
// a compiled policy can't fail. Never throws, whatever the input.

import { buildMatcher } from "./origin-matcher";
import { readOriginRules } from "./origin-rules";
import { validateSettings } from "./policy-settings";
import { makeProblem, safeString } from "./problems";
import type { CompileResult, CompiledPolicy, CompiledRule, ParseProblem, PolicyInput, PolicySettings } from "./types";

export function compilePolicy(input: PolicyInput): CompileResult {
  try {
    return compileUnsafe(input as unknown);
  } catch (error) {
    // Only reachable with hostile input (a throwing getter, a Proxy): still an answer, not an exception.
    // Reading the error can throw too (a throwing `message` getter, an object without toString).
    let message: string;
    try {
      message = error instanceof Error ? safeString(error.message) : safeString(error);
    } catch {
      message = "unreadable input";
    }
    return { ok: false, problems: [makeProblem("invalid-value", "", `The policy could not be read: ${message}.`, { field: "policy", index: null })] };
  }
}

/**
 * `*` with credentials is an error, never silently turned into "reflect every
 * origin" — browsers refuse `Access-Control-Allow-Origin: *` on credentialed
 * requests (https://fetch.spec.whatwg.org/#cors-protocol-and-credentials).
 */
export function credentialProblems(rules: readonly CompiledRule[], settings: PolicySettings): ParseProblem[] {
  if (!settings.allowCredentials) return [];
  return rules
    .filter((rule) => rule.origin.kind === "any")
    .map((rule) =>
      makeProblem(
        "wildcard-with-credentials",
        "*",
        "* (any origin) can't be combined with credentials: browsers refuse it, and reflecting every origin instead would let any website act as your users. List the origins, or turn credentials off.",
        { index: rule.index },
      ),
    );
}

function compileUnsafe(input: unknown): CompileResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return {
      ok: false,
      problems: [makeProblem("invalid-type", safeString(input), "A policy must be an object with an origins list.", { field: "policy", index: null })],
    };
  }
  const raw = input as Record<string, unknown>;
  const { settings, problems: settingProblems } = validateSettings(raw);
  const { rules, problems: originProblems } = readOriginRules(raw.origins);
  const problems = [...originProblems, ...credentialProblems(rules, settings)]
    .sort((a, b) => (a.index ?? -1) - (b.index ?? -1))
    .concat(settingProblems);
  if (problems.length > 0) return { ok: false, problems };

  const matcher = buildMatcher(rules);
  const policy: CompiledPolicy = Object.freeze({
    rules: Object.freeze([...rules]),
    settings,
    // Rejecting requests without Origin makes every answer depend on the Origin header's presence.
    originIndependent: matcher.originIndependent && settings.noOrigin === "allow",
    match: matcher.match,
  });
  return { ok: true, policy };
}
