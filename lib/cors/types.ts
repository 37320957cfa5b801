// Public types of the CORS core. Data only: every function of lib/cors takes and
// returns these plain values, so the dashboard, the SDK, the route handlers and
// the browser tester exchange them without conversion.

/** The only schemes an allowed origin may use (the Fetch Standard's HTTP(S) schemes). */
export type Scheme = "http" | "https";

// ---------------------------------------------------------------------------
// Origins and patterns (parse)
// ---------------------------------------------------------------------------

/** One origin, serialized exactly as the URL Standard does (`scheme://host[:port]`). */
export interface ExactOrigin {
  readonly kind: "exact";
  /** Canonical text, e.g. `https://xn--bcher-kva.example:8443`. */
  readonly value: string;
  readonly scheme: Scheme;
  /** Lowercase ASCII host; IPv6 addresses keep their brackets. */
  readonly host: string;
  /** Explicit port, or `null` for the scheme's default port (80/443). */
  readonly port: number | null;
}

/**
 * A wildcard pattern: `https://*.example.com` (one or more labels under
 * `example.com`, never `example.com` itself), `http://localhost:*` (any port),
 * or both at once (`https://*.example.com:*`).
 */
export interface OriginPattern {
  readonly kind: "pattern";
  readonly value: string;
  readonly scheme: Scheme;
  /** The host after `*.` for a subdomain wildcard, else the exact host. */
  readonly host: string;
  /** `true` for `*.host`: matches one or more labels under `host`, never `host` itself. */
  readonly subdomains: boolean;
  /** A port, `null` for the default port, or `"*"` for any port (the default one included). */
  readonly port: number | null | "*";
}

/** The literal `null` origin (sandboxed iframes, `file:` pages, some redirects). */
export interface NullOrigin {
  readonly kind: "null";
  readonly value: "null";
}

/** `*`: any origin. Only valid without credentials. */
export interface AnyOrigin {
  readonly kind: "any";
  readonly value: "*";
}

export type OriginSpec = ExactOrigin | OriginPattern | NullOrigin | AnyOrigin;

/** Fields of a policy, used to point a problem or a lint finding at its place in a form. */
export type PolicyField =
  | "policy"
  | "origins"
  | "allowCredentials"
  | "allowedMethods"
  | "allowedHeaders"
  | "reflectRequestHeaders"
  | "exposedHeaders"
  | "maxAgeSeconds"
  | "noOrigin"
  | "allowPrivateNetwork";

/** Everything that can be wrong with a policy's input. Stable: UIs and APIs switch on them. */
export type ProblemCode =
  // origin text
  | "empty"
  | "too-long"
  | "surrounding-whitespace"
  | "invalid-character"
  | "several-origins"
  | "missing-scheme"
  | "invalid-syntax"
  | "unsupported-scheme"
  | "userinfo"
  | "path"
  | "query"
  | "fragment"
  | "trailing-slash"
  | "default-port"
  | "trailing-dot"
  | "not-canonical"
  | "invalid-host"
  | "invalid-port"
  | "wildcard-position"
  | "wildcard-public-suffix"
  | "wildcard-ip"
  | "duplicate"
  // origin rule objects and other policy fields
  | "invalid-type"
  | "invalid-expiry"
  | "invalid-method"
  | "invalid-header-name"
  | "invalid-max-age"
  | "invalid-value"
  | "wildcard-with-credentials";

/**
 * A problem found while parsing or compiling. `fix`, when present, is the text
 * that should replace `value` (for origins: the canonical origin) — the UI can
 * offer it as a one-click fix. A problem without `fix` needs a human decision.
 */
export interface ParseProblem {
  readonly code: ProblemCode;
  readonly field: PolicyField;
  /** Position in the list the value came from (origins, methods, headers…); `null` for the field itself. */
  readonly index: number | null;
  /** The offending input, as text. */
  readonly value: string;
  /** A human sentence that names the fix. */
  readonly message: string;
  readonly fix?: string;
  /** For `duplicate`: the index of the first occurrence. */
  readonly duplicateOf?: number;
}

export type ParseResult =
  | { readonly ok: true; readonly origin: OriginSpec }
  | { readonly ok: false; readonly problem: ParseProblem };

export interface ParsedListEntry {
  /** Position in the input list (for text input: the 0-based line number). */
  readonly index: number;
  readonly origin: OriginSpec;
}

export interface ParseListResult {
  /** `true` when there is no problem at all. */
  readonly ok: boolean;
  /** The valid entries, in input order (duplicates after the first one left out). */
  readonly origins: readonly ParsedListEntry[];
  /** Every problem, in input order. */
  readonly problems: readonly ParseProblem[];
}

// ---------------------------------------------------------------------------
// Policy (compile)
// ---------------------------------------------------------------------------

/** An allowlist entry with metadata. `expiresAt`: ISO-8601 text, epoch milliseconds or a Date. */
export interface OriginRuleInput {
  readonly value: string;
  readonly expiresAt?: string | number | Date | null;
  readonly note?: string;
}

/**
 * A CORS policy as stored and edited. Every field but `origins` is optional;
 * the defaults are the safe ones (see README "Policy options").
 */
export interface PolicyInput {
  /** Allowed origins: canonical origins, wildcard patterns, `null`, or `*`. Empty = nothing allowed. */
  readonly origins: readonly (string | OriginRuleInput)[];
  /** Default `false`. Sends `Access-Control-Allow-Credentials: true`. */
  readonly allowCredentials?: boolean;
  /** Methods a preflight may ask for, besides GET/HEAD/POST which are always allowed. Default `[]`. `*` = any (no credentials). */
  readonly allowedMethods?: readonly string[];
  /** Request headers a preflight may ask for. Default `[]`. `*` = any but Authorization (no credentials). */
  readonly allowedHeaders?: readonly string[];
  /** Default `false`. Allow and echo whatever Access-Control-Request-Headers asks for (ignores `allowedHeaders`). */
  readonly reflectRequestHeaders?: boolean;
  /** Response headers scripts may read (Access-Control-Expose-Headers). Default `[]`. */
  readonly exposedHeaders?: readonly string[];
  /** Preflight cache lifetime (Access-Control-Max-Age). Default `null` = header omitted (browser default: 5 s). */
  readonly maxAgeSeconds?: number | null;
  /** Requests without an Origin header. Default `"allow"` (pass through, no CORS headers). */
  readonly noOrigin?: "allow" | "reject";
  /** Default `false`. Answer Private Network Access preflights with Access-Control-Allow-Private-Network: true. */
  readonly allowPrivateNetwork?: boolean;
}

/** The non-origin settings after validation and normalization. */
export interface PolicySettings {
  readonly allowCredentials: boolean;
  /** Normalized (Fetch "normalize a method"), deduplicated; may contain `*`. */
  readonly allowedMethods: readonly string[];
  /** Lowercase, deduplicated; may contain `*`. */
  readonly allowedHeaders: readonly string[];
  readonly reflectRequestHeaders: boolean;
  /** Lowercase, deduplicated; may contain `*`. */
  readonly exposedHeaders: readonly string[];
  readonly maxAgeSeconds: number | null;
  readonly noOrigin: "allow" | "reject";
  readonly allowPrivateNetwork: boolean;
}

/** One allowlist entry after compilation. */
export interface CompiledRule {
  readonly index: number;
  readonly origin: OriginSpec;
  /** Epoch milliseconds; `null` = never expires. The rule matches while `now < expiresAt`. */
  readonly expiresAt: number | null;
}

/** Result of matching one Origin header value against the allowlist. */
export type OriginMatch =
  | { readonly matched: true; readonly rule: CompiledRule }
  | {
      readonly matched: false;
      /** A rule that would have matched but has expired (to explain the rejection). */
      readonly expired: CompiledRule | null;
    };

/** A compiled, deeply frozen policy. Build it once with `compilePolicy`; evaluating cannot fail. */
export interface CompiledPolicy {
  readonly rules: readonly CompiledRule[];
  readonly settings: PolicySettings;
  /** `true` when the answer never depends on the Origin (an unexpiring `*` rule, no-Origin requests allowed): no `Vary: Origin`. */
  readonly originIndependent: boolean;
  /** Matches an Origin header value exactly as received (no normalization: browsers send canonical origins). */
  readonly match: (origin: string, now?: number) => OriginMatch;
}

export type CompileResult =
  | { readonly ok: true; readonly policy: CompiledPolicy }
  | { readonly ok: false; readonly problems: readonly ParseProblem[] };

// ---------------------------------------------------------------------------
// Evaluate (what a service does with one request)
// ---------------------------------------------------------------------------

export interface EvaluateRequest {
  /** The request method, e.g. `OPTIONS`. */
  readonly method: string;
  /** The Origin header; `null`/`undefined` = absent (the string `"null"` is the null origin). */
  readonly origin?: string | null;
  readonly accessControlRequestMethod?: string | null;
  readonly accessControlRequestHeaders?: string | null;
  /** The Access-Control-Request-Private-Network header value (`"true"` when asked). */
  readonly accessControlRequestPrivateNetwork?: string | boolean | null;
}

export interface EvaluateOptions {
  /** Clock for rule expiry; epoch milliseconds or a Date. Default: `Date.now()`. */
  readonly now?: number | Date;
}

export type EvaluateReasonCode =
  | "matched-exact"
  | "matched-pattern"
  | "matched-null"
  | "matched-any"
  | "origin-not-allowed"
  | "origin-rule-expired"
  | "method-not-allowed"
  | "headers-not-allowed"
  | "private-network-not-allowed"
  | "no-origin-pass-through"
  | "no-origin-rejected";

/** Why: a code, a sentence, and for a refused method or headers what was refused (so callers can name it). */
export interface EvaluateReason {
  readonly code: EvaluateReasonCode;
  readonly message: string;
  /** method-not-allowed: the method the preflight asked for. */
  readonly method?: string;
  /** headers-not-allowed: the requested headers not allowed (lowercase). */
  readonly headers?: readonly string[];
}

export interface EvaluateResult {
  /** `preflight`: OPTIONS + Origin + Access-Control-Request-Method. `no-origin`: no Origin header (not a CORS request). */
  readonly kind: "preflight" | "actual" | "no-origin";
  readonly allowed: boolean;
  readonly reason: EvaluateReason;
  /**
   * The status the caller should answer with, or `null` when its own handler decides.
   * Preflight: 204 allowed, 403 rejected. No-origin rejected: 403. Otherwise `null`.
   */
  readonly status: number | null;
  /** Exact response headers to set (append `Vary` to any existing Vary, don't overwrite it). */
  readonly headers: Readonly<Record<string, string>>;
  /** The allowlist entry that matched, if any. */
  readonly matchedRule: { readonly index: number; readonly value: string } | null;
}

// ---------------------------------------------------------------------------
// Lint
// ---------------------------------------------------------------------------

export interface LintEnvironment {
  /** Protected environments (production…) get the strict rules. */
  readonly protected: boolean;
  readonly name?: string;
}

export type LintSeverity = "error" | "warning" | "info";

export type LintCode =
  | ProblemCode
  | "any-origin"
  | "null-origin"
  | "insecure-origin"
  | "local-origin"
  | "broad-wildcard"
  | "port-wildcard"
  | "shadowed-origin"
  | "expired-rule"
  | "empty-allowlist"
  | "no-origin-rejected"
  | "credentials-reflect-headers"
  | "reflect-ignores-allowed-headers"
  | "max-age-capped"
  | "safelisted-method"
  | "forbidden-method"
  | "case-sensitive-method"
  | "forbidden-request-header"
  | "safelisted-response-header";

/** The settings a patch may set (everything but `origins`). */
export type PolicySettingsInput = Omit<PolicyInput, "origins">;

/** A change to a policy that resolves a finding; apply it with `applyFix`. */
export type PolicyPatch =
  | { readonly op: "remove-origin"; readonly index: number }
  | { readonly op: "replace-origin"; readonly index: number; readonly value: string }
  | {
      [K in keyof PolicySettingsInput]-?: {
        readonly op: "set";
        readonly field: K;
        readonly value: Exclude<PolicySettingsInput[K], undefined>;
      };
    }[keyof PolicySettingsInput];

export interface LintFix {
  /** Button text, e.g. "Use https://example.com". */
  readonly label: string;
  /** For origin findings: the canonical text that replaces `origins[index]`. */
  readonly value?: string;
  readonly patch: PolicyPatch;
}

export interface LintFinding {
  readonly code: LintCode;
  readonly severity: LintSeverity;
  /** Position in the list named by `field`, or `null` for a policy-level finding. */
  readonly index: number | null;
  readonly field: PolicyField;
  readonly message: string;
  readonly fix?: LintFix;
}

// ---------------------------------------------------------------------------
// Preview (look-alike origins an attacker would try)
// ---------------------------------------------------------------------------

export type AttackKind =
  | "intended"
  | "scheme-twin"
  | "other-port"
  | "explicit-default-port"
  | "apex"
  | "extra-subdomain"
  | "sibling-subdomain"
  | "parent-domain"
  | "prefix-concatenation"
  | "suffix-concatenation"
  | "unescaped-dot"
  | "other-tld"
  | "uppercase"
  | "trailing-dot"
  | "trailing-slash"
  | "userinfo"
  | "homograph"
  | "null-origin"
  | "other-origin";

export interface PreviewCandidate {
  readonly origin: string;
  readonly attack: AttackKind;
  /** Whether the rule's author means to allow this origin (e.g. deeper subdomains for a wildcard). */
  readonly intended: boolean;
  /** What the compiled matcher says — the same code path as `evaluateRequest`. */
  readonly accepted: boolean;
  readonly why: string;
}

export type PreviewResult =
  | { readonly ok: true; readonly rule: OriginSpec; readonly candidates: readonly PreviewCandidate[] }
  | { readonly ok: false; readonly problems: readonly ParseProblem[] };
