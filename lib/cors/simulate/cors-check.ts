// The CORS check a browser runs on a preflight response and on the actual
// response (redirects included).
// https://fetch.spec.whatwg.org/#cors-check

import { countHeader, getHeader, type HeaderList } from "./header-list";
import { SPEC } from "./spec-links";
import type { CredentialsMode, FailureRule, SimulationStep } from "./types";

export interface CorsCheckInput {
  readonly list: HeaderList;
  /** https://fetch.spec.whatwg.org/#serializing-a-request-origin — `"null"` once tainted by a redirect. */
  readonly serializedOrigin: string;
  readonly credentials: CredentialsMode;
  /** `"preflight"` or `"actual"`, for messages. */
  readonly what: string;
  /** Prefix of step ids, e.g. `preflight` or `redirect-1/actual`. */
  readonly idPrefix: string;
}

export interface CorsCheckFailure {
  readonly rule: FailureRule;
  readonly message: string;
  readonly fix: string;
}

export interface CorsCheckResult {
  readonly steps: readonly SimulationStep[];
  readonly failure?: CorsCheckFailure;
}

/**
 * https://fetch.spec.whatwg.org/#cors-check. Note that the credentials mode
 * is the request's, even for the preflight (which itself never carries
 * credentials): a credentialed request needs `Access-Control-Allow-Credentials:
 * true` on the preflight too.
 */
export function corsCheck(input: CorsCheckInput): CorsCheckResult {
  const { list, serializedOrigin: origin, credentials, what, idPrefix } = input;
  const include = credentials === "include";
  // 1. Let origin be the result of getting `Access-Control-Allow-Origin` from response's header list.
  const acao = getHeader(list, "Access-Control-Allow-Origin");
  const originStep = (outcome: "pass" | "fail", detail: string): SimulationStep => ({
    id: `${idPrefix}-allow-origin`,
    title: `Access-Control-Allow-Origin on the ${what} response`,
    outcome,
    detail,
    spec: SPEC.corsCheck,
    ...(acao === null ? {} : { values: { "Access-Control-Allow-Origin": acao } }),
  });
  const fail = (rule: FailureRule, detail: string, fix: string): CorsCheckResult => ({
    steps: [originStep("fail", detail)],
    failure: { rule, message: detail, fix },
  });
  const sendExact = `Send Access-Control-Allow-Origin: ${origin} on the ${what} response`;

  // 2. If origin is null, then return failure.
  if (acao === null) {
    return fail(
      "allow-origin-missing",
      `The ${what} response has no Access-Control-Allow-Origin header.`,
      include ? `${sendExact}, with Access-Control-Allow-Credentials: true.` : `${sendExact} (or * when the request carries no credentials).`,
    );
  }
  // 3. If request's credentials mode is not "include" and origin is `*`, then return success.
  if (acao === "*") {
    if (!include) return { steps: [originStep("pass", "`*` allows any origin because the request carries no credentials.")] };
    return fail(
      "allow-origin-wildcard-with-credentials",
      `The ${what} response allows * but the request's credentials mode is "include": * never matches a credentialed request.`,
      `Reflect the origin instead of *: send Access-Control-Allow-Origin: ${origin} and Access-Control-Allow-Credentials: true on the ${what} response.`,
    );
  }
  // 4. If the result of byte-serializing a request origin with request is not origin, then return failure.
  if (acao !== origin) {
    const lines = countHeader(list, "Access-Control-Allow-Origin");
    if (lines > 1 || /[ ,]/.test(acao)) {
      return fail(
        "allow-origin-multiple",
        lines > 1
          ? `The ${what} response sends Access-Control-Allow-Origin ${lines} times (${JSON.stringify(acao)}); a browser accepts exactly one value.`
          : `The ${what} response's Access-Control-Allow-Origin holds several values (${JSON.stringify(acao)}); a browser accepts exactly one origin.`,
        `${sendExact} once, with only the requesting origin.`,
      );
    }
    return fail(
      "allow-origin-mismatch",
      `Access-Control-Allow-Origin ${JSON.stringify(acao)} is not byte-for-byte the request's origin ${JSON.stringify(origin)}${mismatchHint(acao, origin)}.`,
      `${sendExact} (exactly, without a path or trailing slash).`,
    );
  }
  const steps: SimulationStep[] = [originStep("pass", `Equals the request's origin ${origin}.`)];
  // 5. If request's credentials mode is not "include", then return success.
  const acac = getHeader(list, "Access-Control-Allow-Credentials");
  const credentialsStep = (outcome: "pass" | "fail" | "skip", detail: string): SimulationStep => ({
    id: `${idPrefix}-allow-credentials`,
    title: `Access-Control-Allow-Credentials on the ${what} response`,
    outcome,
    detail,
    spec: SPEC.allowCredentials,
    ...(acac === null ? {} : { values: { "Access-Control-Allow-Credentials": acac } }),
  });
  if (!include) {
    steps.push(credentialsStep("skip", `Not checked: the credentials mode is "${credentials}".`));
    return { steps };
  }
  // 6–7. If credentials is `true`, then return success.
  if (acac === "true") {
    steps.push(credentialsStep("pass", "Exactly `true`."));
    return { steps };
  }
  const message =
    acac === null
      ? `The request's credentials mode is "include" but the ${what} response has no Access-Control-Allow-Credentials header.`
      : `Access-Control-Allow-Credentials is ${JSON.stringify(acac)}; only the exact lowercase value \`true\` counts.`;
  steps.push(credentialsStep("fail", message));
  return {
    steps,
    failure: {
      rule: acac === null ? "allow-credentials-missing" : "allow-credentials-invalid",
      message,
      fix: `Send Access-Control-Allow-Credentials: true on the ${what} response.`,
    },
  };
}

function mismatchHint(acao: string, origin: string): string {
  if (acao.toLowerCase() === origin.toLowerCase()) return " (the comparison is case-sensitive)";
  if (acao.startsWith(origin) && acao.length > origin.length) return " (an origin has no path or trailing slash)";
  if (acao === "null") return " (`null` only matches pages with an opaque origin)";
  if (origin === "null") return " (the request's origin is opaque, e.g. a sandboxed iframe or a cross-origin redirect)";
  return "";
}
