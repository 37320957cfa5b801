import { describe, expect, it } from "vitest";
import { compilePolicy, evaluateRequest, type EvaluateRequest, type PolicyInput } from "@/lib/cors";
import { handle } from "@/lib/sdk";
import { resolveLogLevel } from "@/lib/sdk/logger";
import { createRefusalLimiter, describeRefusal, refusalOf } from "@/lib/sdk/refusal";
import { clientServing, documentOf } from "@/lib/sdk/test-support/documents";

// Services say why: the refusal kind and its warn line per kind, the rate
// limit (fake clock), and the log level switches.

const APP = "https://app.example.com";

function compiled(extra: Partial<PolicyInput>) {
  const c = compilePolicy({ origins: [APP], allowedMethods: ["PATCH"], allowedHeaders: ["authorization"], ...extra });
  if (!c.ok) throw new Error("policy");
  return c.policy;
}

function lineFor(request: EvaluateRequest, credentialed = false, policy = compiled({})) {
  const result = evaluateRequest(policy, request);
  const refusal = refusalOf(result, credentialed);
  if (!refusal) return null;
  return { kind: refusal.kind, line: describeRefusal({ origin: request.origin ?? null, requestKind: result.kind, method: request.method, refusal, reason: result.reason, where: "payments-api/staging" }) };
}

describe("refusal lines, one per kind", () => {
  it("method: names the method, the setting and where to change it", () => {
    expect(lineFor({ method: "OPTIONS", origin: APP, accessControlRequestMethod: "PUT" })).toEqual({
      kind: "method",
      line: "CORS: refused a preflight from https://app.example.com: origin https://app.example.com is allowed but method PUT is not in allowedMethods: add it in Corsboard → payments-api/staging → Allowed methods",
    });
  });

  it("headers: names every refused header", () => {
    expect(lineFor({ method: "OPTIONS", origin: APP, accessControlRequestMethod: "PATCH", accessControlRequestHeaders: "Content-Type, Authorization, X-Trace" })).toEqual({
      kind: "headers",
      line: "CORS: refused a preflight from https://app.example.com: origin https://app.example.com is allowed but request headers content-type, x-trace are not in allowedHeaders: add them in Corsboard → payments-api/staging → Allowed headers",
    });
    expect(lineFor({ method: "OPTIONS", origin: APP, accessControlRequestMethod: "PATCH", accessControlRequestHeaders: "x-one" })?.line).toContain("request header x-one is not in allowedHeaders: add it in");
  });

  it("origin: not in the allowlist, and an expired rule", () => {
    expect(lineFor({ method: "GET", origin: "https://evil.example" })).toEqual({
      kind: "origin",
      line: "CORS: refused a GET request from https://evil.example: origin https://evil.example is not in the allowlist: add it in Corsboard → payments-api/staging → Allowed origins",
    });
    const expired = compiled({ origins: [{ value: APP, expiresAt: "2020-01-01T00:00:00Z" }] });
    expect(lineFor({ method: "GET", origin: APP }, false, expired)?.line).toMatch(/which expired on 2020-01-01T00:00:00.000Z: renew the rule in Corsboard → payments-api\/staging → Allowed origins$/);
  });

  it("credentials: an allowed origin sending cookies to a policy without credentials", () => {
    expect(lineFor({ method: "GET", origin: APP })).toBeNull();
    expect(lineFor({ method: "GET", origin: APP }, true)).toEqual({
      kind: "credentials",
      line: "CORS: refused a GET request from https://app.example.com: origin https://app.example.com is allowed but the request carries credentials (cookies) and allowCredentials is off, so the browser hides the response: turn on Corsboard → payments-api/staging → Allow credentials, or fetch without credentials",
    });
  });

  it("private network and no-Origin", () => {
    expect(lineFor({ method: "OPTIONS", origin: APP, accessControlRequestMethod: "GET", accessControlRequestPrivateNetwork: "true" })?.line).toBe(
      "CORS: refused a preflight from https://app.example.com: origin https://app.example.com is allowed but the preflight asks for Private Network Access: turn on Corsboard → payments-api/staging → Allow private network access",
    );
    expect(lineFor({ method: "GET", origin: null }, false, compiled({ noOrigin: "reject" }))).toEqual({
      kind: "no-origin",
      line: 'CORS: refused a GET request without an Origin header: this policy rejects requests without Origin: choose "Pass through" in Corsboard → payments-api/staging → Requests without an Origin header',
    });
  });
});

describe("rate limit", () => {
  it("at most one line per (origin, kind) a minute; the next says how many were not logged", () => {
    let t = 1_000_000;
    const limiter = createRefusalLimiter({ now: () => t });
    expect(limiter.admit(APP, "method")).toEqual({ suppressed: 0 });
    expect(limiter.admit(APP, "method")).toBeNull();
    expect(limiter.admit(APP, "headers")).toEqual({ suppressed: 0 }); // another kind: its own budget
    expect(limiter.admit("https://b.example", "method")).toEqual({ suppressed: 0 }); // another origin too
    t += 59_999;
    expect(limiter.admit(APP, "method")).toBeNull();
    t += 1;
    expect(limiter.admit(APP, "method")).toEqual({ suppressed: 2 });
    expect(limiter.admit(APP, "method")).toBeNull();
  });

  it("through the client: a flood of refused preflights logs one warn line; every one is reported with its kind", async () => {
    const { client, lines } = await clientServing(documentOf({ origins: [{ value: APP, expiresAt: null }] }));
    const seen: unknown[] = [];
    client.recordObserved = (origin, allowed, refusal) => void seen.push({ origin, allowed, refusal });
    for (let i = 0; i < 50; i++) handle(client, { method: "OPTIONS", headers: { origin: APP, "access-control-request-method": "DELETE" } });
    expect(lines.filter((l) => l.startsWith("warn CORS: refused"))).toHaveLength(1);
    expect(seen).toHaveLength(50);
    expect(seen[0]).toEqual({ origin: APP, allowed: false, refusal: { kind: "method", method: "DELETE" } });
    // Cookies on an allowed GET, cross-site: reported as a credentials refusal; same-origin: not.
    handle(client, { method: "GET", headers: { origin: APP, cookie: "s=1", "sec-fetch-site": "same-site" } });
    handle(client, { method: "GET", headers: { origin: APP, cookie: "s=1", "sec-fetch-site": "same-origin" } });
    expect(seen.slice(50)).toEqual([
      { origin: APP, allowed: true, refusal: { kind: "credentials" } },
      { origin: APP, allowed: true, refusal: null },
    ]);
    await client.close();
  });
});

describe("log level", () => {
  it("option, then CORSBOARD_SDK_LOG_LEVEL, then the old CORSBOARD_SDK_DEBUG, then warn", () => {
    expect(resolveLogLevel(undefined, {})).toEqual({ level: "warn", problem: null });
    expect(resolveLogLevel(undefined, { CORSBOARD_SDK_DEBUG: "1" }).level).toBe("debug");
    expect(resolveLogLevel(undefined, { CORSBOARD_SDK_LOG_LEVEL: "ERROR", CORSBOARD_SDK_DEBUG: "1" }).level).toBe("error");
    expect(resolveLogLevel("silent", { CORSBOARD_SDK_LOG_LEVEL: "debug" }).level).toBe("silent");
    expect(resolveLogLevel(undefined, { CORSBOARD_SDK_LOG_LEVEL: "loud" })).toEqual({
      level: "warn",
      problem: 'Corsboard: CORSBOARD_SDK_LOG_LEVEL is "loud"; expected one of debug, info, warn, error, silent. Using "warn".',
    });
  });

  it("silent: refusals log nothing; debug: every refusal after the first also goes to debug", async () => {
    const quiet = await clientServing(documentOf({ origins: [] }), { logLevel: "silent" });
    handle(quiet.client, { method: "GET", headers: { origin: APP } });
    expect(quiet.lines).toEqual([]);
    await quiet.client.close();
    const loud = await clientServing(documentOf({ origins: [] }), { logLevel: "debug" });
    handle(loud.client, { method: "GET", headers: { origin: APP } });
    handle(loud.client, { method: "GET", headers: { origin: APP } });
    expect(loud.lines.filter((l) => l.includes("CORS: refused")).map((l) => l.split(" ")[0])).toEqual(["warn", "debug"]);
    expect(loud.lines.some((l) => l.startsWith("info Corsboard: policy version 1"))).toBe(true);
    await loud.client.close();
  });
});
