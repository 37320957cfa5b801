// Lint a policy in the context of its environment: every input problem (as an
// error), plus the risky-but-valid choices a reviewer would flag. Works on
// invalid policies too (the valid entries are still linted), so the editor can
// show everything at once. Severities are documented in README "Lints".

import { CHROMIUM_MAX_AGE_CAP, FORBIDDEN_METHODS, FORBIDDEN_REQUEST_HEADERS, SAFELISTED_METHODS, SAFELISTED_RESPONSE_HEADERS } from "./fetch-constants";
import { classifyHost, isLocalHost } from "./host-kind";
import { buildMatcher, type Matcher } from "./origin-matcher";
import { registrableDomain } from "./origin-pattern";
import { parseOrigin } from "./origin-parse";
import { readOriginRules } from "./origin-rules";
import { credentialProblems } from "./policy-compile";
import { safeString } from "./problems";
import { validateSettings } from "./policy-settings";
import type { CompiledRule, LintEnvironment, LintFinding, LintFix, LintSeverity, ParseProblem, PolicyInput, PolicySettings } from "./types";

export interface LintOptions {
  /** Clock for expired rules; epoch milliseconds or a Date. Default: `Date.now()`. */
  readonly now?: number | Date;
}

const SEVERITY_RANK: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

function problemFinding(problem: ParseProblem): LintFinding {
  let fix: LintFix | undefined;
  if (problem.field === "origins" && problem.index !== null) {
    if (problem.code === "duplicate") fix = { label: "Remove the duplicate", patch: { op: "remove-origin", index: problem.index } };
    else if (problem.fix !== undefined) {
      fix = { label: `Use ${problem.fix}`, value: problem.fix, patch: { op: "replace-origin", index: problem.index, value: problem.fix } };
    }
  }
  return {
    code: problem.code,
    severity: "error",
    index: problem.index,
    field: problem.field,
    message: problem.message,
    ...(fix ? { fix } : {}),
  };
}

function removeFix(rule: CompiledRule, label = `Remove ${rule.origin.value}`): LintFix {
  return { label, patch: { op: "remove-origin", index: rule.index } };
}

/**
 * Lints a policy for an environment. Never throws; returns findings sorted by
 * severity, then by position.
 */
export function lintPolicy(policy: PolicyInput, environment: LintEnvironment, options: LintOptions = {}): LintFinding[] {
  try {
    return lintUnsafe(policy, environment, options);
  } catch (error) {
    // Only reachable with hostile input (a throwing getter, a Proxy): still findings, not an exception.
    return [
      {
        code: "invalid-value",
        severity: "error",
        index: null,
        field: "policy",
        message: `The policy could not be read: ${error instanceof Error ? safeString(error.message) : safeString(error)}.`,
      },
    ];
  }
}

/** JavaScript callers may pass anything: only an object (not an array) is read as a policy. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lintUnsafe(policy: PolicyInput, environmentInput: LintEnvironment, options: LintOptions): LintFinding[] {
  // No environment given (JavaScript callers): lint as the strictest, a protected one.
  const environment: LintEnvironment = typeof environmentInput === "object" && environmentInput !== null ? environmentInput : { protected: true };
  const raw: Record<string, unknown> = isPlainRecord(policy) ? policy : {};
  const now = options.now instanceof Date ? options.now.getTime() : (options.now ?? Date.now());
  const { settings, problems: settingProblems } = validateSettings(raw);
  const { rules, problems: originProblems, length } = readOriginRules(raw.origins);
  const findings: LintFinding[] = [...originProblems, ...credentialProblems(rules, settings), ...settingProblems].map(problemFinding);

  const where = environment.name ? `in ${environment.name}` : "in a protected environment";
  const listed = new Set(rules.map((rule) => rule.origin.value));

  // One matcher of the patterns for the whole list (building it per exact
  // origin made linting 5,000 origins quadratic).
  const patterns = rules.filter((other) => other.origin.kind === "pattern");
  const patternMatcher = patterns.length > 0 ? buildMatcher(patterns) : null;
  for (const rule of rules) findings.push(...lintRule(rule, patternMatcher, settings, environment, where, listed, now));
  findings.push(...lintSettings(settings, environment, length));

  return findings
    .map((finding, order) => ({ finding, order }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
        (a.finding.index ?? -1) - (b.finding.index ?? -1) ||
        a.order - b.order,
    )
    .map(({ finding }) => finding);
}

function lintRule(
  rule: CompiledRule,
  patternMatcher: Matcher | null,
  settings: PolicySettings,
  env: LintEnvironment,
  where: string,
  listed: ReadonlySet<string>,
  now: number,
): LintFinding[] {
  const out: LintFinding[] = [];
  const at = (severity: LintSeverity, code: LintFinding["code"], message: string, fix?: LintFix) =>
    out.push({ code, severity, index: rule.index, field: "origins", message, ...(fix ? { fix } : {}) });
  const origin = rule.origin;

  if (rule.expiresAt !== null && rule.expiresAt <= now) {
    at("info", "expired-rule", `${origin.value} expired on ${new Date(rule.expiresAt).toISOString()} and no longer matches. Remove it.`, removeFix(rule));
  }

  switch (origin.kind) {
    case "any":
      // with credentials: already an error (wildcard-with-credentials)
      if (!settings.allowCredentials) {
        at(
          env.protected ? "warning" : "info",
          "any-origin",
          env.protected
            ? `* lets any website read these responses ${where}. Keep it only for public, unauthenticated data; otherwise list the origins.`
            : "* lets any website read these responses. Fine for public data only.",
        );
      }
      return out;
    case "null":
      at(
        env.protected ? "error" : "warning",
        "null-origin",
        `"null" is sent by sandboxed iframes, file: pages, data: URLs and some redirects — any website can produce it, so allowing it is close to allowing everyone${env.protected ? ` ${where}` : ""}. Remove it.`,
        removeFix(rule),
      );
      return out;
    case "exact":
    case "pattern":
      break;
  }

  const local = isLocalHost(origin.host);
  if (env.protected && local) {
    at(
      settings.allowCredentials ? "error" : "warning",
      "local-origin",
      `${origin.value} is a local or private-network address: any software on a user's machine or network serving that origin could read these responses ${where}${settings.allowCredentials ? " with the user's credentials" : ""}. Remove it here and keep it in development environments.`,
      removeFix(rule),
    );
  }
  if (origin.scheme === "http" && !local) {
    // The https twin, canonical: http://example.com:443 becomes https://example.com (443 is https's default port).
    const twinText = origin.value.replace(/^http:/, "https:");
    const twin = parseOrigin(twinText, rule.index);
    const https = twin.ok ? twin.origin.value : (twin.problem.fix ?? twinText);
    const fix: LintFix = listed.has(https)
      ? removeFix(rule, `Remove ${origin.value} (${https} is listed)`)
      : { label: `Use ${https}`, value: https, patch: { op: "replace-origin", index: rule.index, value: https } };
    at(
      env.protected ? (settings.allowCredentials ? "error" : "warning") : "info",
      "insecure-origin",
      `${origin.value} is plain http: anyone on the network path can inject a script into that origin and read these responses${settings.allowCredentials ? " with the user's credentials" : ""}. Use ${https}.`,
      fix,
    );
  }

  if (origin.kind === "pattern") {
    if (origin.subdomains && registrableDomain(origin.host) === origin.host) {
      at(
        env.protected || settings.allowCredentials ? "warning" : "info",
        "broad-wildcard",
        `${origin.value} trusts every subdomain of ${origin.host}, including ones you may not control: user content, marketing or third-party hosted sites, forgotten DNS records that can be taken over. Prefer listing the origins, or a narrower pattern like ${origin.scheme}://*.app.${origin.host}.`,
      );
    }
    if (origin.port === "*" && (env.protected || classifyHost(origin.host) !== "loopback")) {
      at(
        env.protected ? "warning" : "info",
        "port-wildcard",
        `${origin.value} allows every port of ${origin.host}: any service listening on that host, not just your app, becomes trusted. Name the port.`,
      );
    }
  }

  // Shadowed: an exact origin that a pattern already allows for at least as long.
  if (origin.kind === "exact") {
    if (patternMatcher) {
      const match = patternMatcher.match(origin.value, rule.expiresAt === null ? Infinity : rule.expiresAt - 1);
      if (match.matched) {
        at(
          "warning",
          "shadowed-origin",
          `${origin.value} is already allowed by ${match.rule.origin.value} (entry ${match.rule.index + 1}). Remove it — or, if only this origin should be allowed, remove the pattern.`,
          removeFix(rule),
        );
      }
    }
  }
  return out;
}

function lintSettings(settings: PolicySettings, env: LintEnvironment, originCount: number | null): LintFinding[] {
  const out: LintFinding[] = [];
  const add = (finding: Omit<LintFinding, "index"> & { index?: number | null }) => out.push({ index: null, ...finding });

  if (originCount === 0) {
    add({
      code: "empty-allowlist",
      severity: "warning",
      field: "origins",
      message: "The allowlist is empty: no website can make cross-origin requests. Add the origins of your web apps (an empty list never means *).",
    });
  }
  if (settings.noOrigin === "reject") {
    add({
      code: "no-origin-rejected",
      severity: "warning",
      field: "noOrigin",
      message: "Requests without an Origin header will be refused (403): curl, health checks, uptime monitors and server-to-server calls will fail. Browsers' same-origin GETs also omit Origin.",
      fix: { label: "Let requests without Origin through", patch: { op: "set", field: "noOrigin", value: "allow" } },
    });
  }
  if (settings.allowCredentials && settings.reflectRequestHeaders) {
    add({
      code: "credentials-reflect-headers",
      severity: env.protected ? "warning" : "info",
      field: "reflectRequestHeaders",
      message: "With credentials, reflecting the request headers lets allowed origins send any header (Authorization, custom auth headers…) along with the user's cookies. List the headers you expect.",
      fix: { label: "Stop reflecting request headers", patch: { op: "set", field: "reflectRequestHeaders", value: false } },
    });
  }
  if (settings.reflectRequestHeaders && settings.allowedHeaders.length > 0) {
    add({
      code: "reflect-ignores-allowed-headers",
      severity: "info",
      field: "allowedHeaders",
      message: "allowedHeaders is ignored while the request headers are reflected: every requested header is allowed.",
    });
  }
  if (settings.maxAgeSeconds !== null && settings.maxAgeSeconds > CHROMIUM_MAX_AGE_CAP) {
    add({
      code: "max-age-capped",
      severity: "info",
      field: "maxAgeSeconds",
      message: `Chromium caches preflights for at most ${CHROMIUM_MAX_AGE_CAP} seconds (2 hours), Firefox for 24 hours; a longer max-age has no effect there.`,
      fix: { label: `Use ${CHROMIUM_MAX_AGE_CAP}`, patch: { op: "set", field: "maxAgeSeconds", value: CHROMIUM_MAX_AGE_CAP } },
    });
  }

  const methods = settings.allowedMethods;
  const listFinding = (
    field: "allowedMethods" | "allowedHeaders" | "exposedHeaders",
    list: readonly string[],
    test: (name: string) => boolean,
    code: LintFinding["code"],
    severity: LintSeverity,
    message: (names: string) => string,
    label: string,
  ) => {
    const hits = list.filter(test);
    if (hits.length === 0) return;
    add({
      code,
      severity,
      field,
      message: message(hits.join(", ")),
      fix: { label, patch: { op: "set", field, value: list.filter((name) => !test(name)) } },
    });
  };
  listFinding("allowedMethods", methods, (m) => SAFELISTED_METHODS.has(m), "safelisted-method", "info", (m) => `Listing ${m} has no effect: GET, HEAD and POST are always allowed by browsers.`, "Remove them");
  listFinding(
    "allowedMethods",
    methods,
    (m) => FORBIDDEN_METHODS.has(m.toUpperCase()),
    "forbidden-method",
    "warning",
    (m) => `Listing ${m} has no effect: browsers never send the forbidden methods CONNECT, TRACE and TRACK.`,
    "Remove them",
  );
  const lowercase = methods.filter((m) => m !== "*" && m !== m.toUpperCase() && !FORBIDDEN_METHODS.has(m.toUpperCase()));
  if (lowercase.length > 0) {
    add({
      code: "case-sensitive-method",
      severity: "warning",
      field: "allowedMethods",
      message: `Methods other than GET, HEAD, POST, PUT, DELETE and OPTIONS are compared case-sensitively: a page calling fetch with method "${lowercase[0]?.toUpperCase()}" sends exactly that, which ${lowercase.join(", ")} won't match. Use uppercase.`,
      fix: {
        label: "Use uppercase",
        patch: { op: "set", field: "allowedMethods", value: [...new Set(methods.map((m) => m.toUpperCase()))] },
      },
    });
  }
  listFinding(
    "allowedHeaders",
    settings.allowedHeaders,
    (h) => FORBIDDEN_REQUEST_HEADERS.has(h),
    "forbidden-request-header",
    "info",
    (h) => `Listing ${h} has no effect: scripts can't set forbidden request headers, browsers do.`,
    "Remove them",
  );
  listFinding(
    "exposedHeaders",
    settings.exposedHeaders,
    (h) => SAFELISTED_RESPONSE_HEADERS.has(h),
    "safelisted-response-header",
    "info",
    (h) => `Listing ${h} has no effect: scripts can always read the CORS-safelisted response headers.`,
    "Remove them",
  );
  return out;
}
