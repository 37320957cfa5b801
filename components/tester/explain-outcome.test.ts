import { describe, expect, it } from "vitest";
import type { ProbeResultDoc } from "@/lib/api/schemas/probe";
import { compareOutcomes, explainBrowser, explainProbe, isBrowserTimeout } from "./explain-outcome";

const ORIGIN = "http://127.0.0.1:3101";

function result(overrides: Partial<ProbeResultDoc> = {}): ProbeResultDoc {
  return {
    verdict: "allowed",
    stage: null,
    target: null,
    preflight: { required: true, request: null, status: 204, headers: {}, error: null, maxAgeSeconds: null },
    actual: { request: { method: "PUT", url: "http://api.test/x", headers: {} }, status: 200, headers: {}, error: null, bodyBytesRead: 0, bodyTruncated: false },
    steps: [],
    failure: null,
    warnings: [],
    ...overrides,
  };
}

const preflightBlocked = result({
  verdict: "blocked",
  stage: "preflight",
  actual: null,
  failure: { rule: "acao-missing", message: `The preflight response has no Access-Control-Allow-Origin for ${ORIGIN}.`, fix: "Allow the origin." },
});

describe("explainProbe", () => {
  it("says a preflight block happened before the handler and its auth code ran", () => {
    expect(explainProbe(preflightBlocked, { method: "PUT", origin: ORIGIN }, "blocked")).toBe(
      `The browser blocked this at the preflight: The preflight response has no Access-Control-Allow-Origin for ${ORIGIN}. Your PUT handler — and its auth code — never ran; the request itself was never sent.`,
    );
  });

  it("says authentication answered the preflight when it got 401/403, without blaming the token", () => {
    const authFirst = { ...preflightBlocked, preflight: { ...preflightBlocked.preflight, status: 401 } };
    const text = explainProbe(authFirst, { method: "PUT", origin: ORIGIN }, "blocked");
    expect(text).toContain("authentication answered the OPTIONS preflight with 401 before CORS");
    expect(text).toContain("your PUT handler never ran — answer OPTIONS before the auth check.");
    expect(text).not.toContain("and its auth code");
    // One level of parentheses at most (the origin named once, not inside another aside).
    expect(text).not.toMatch(/\([^)]*\(/);
  });

  it("names the origin when the failure text doesn't", () => {
    const noOrigin = { ...preflightBlocked, failure: { rule: "acao-missing", message: "The preflight response has no Access-Control-Allow-Origin header.", fix: "" } };
    expect(explainProbe(noOrigin, { method: "PUT", origin: ORIGIN }, "blocked")).toContain(`has no Access-Control-Allow-Origin header (Origin: ${ORIGIN}). Your PUT handler`);
  });

  it("speaks of what a browser does when this browser did not block it (server mode, disagreement)", () => {
    expect(explainProbe(preflightBlocked, { method: "PUT", origin: ORIGIN }, "not-run")).toMatch(/^A browser blocks this at the preflight: .* would never run; the request itself is never sent\.$/);
    expect(explainProbe(preflightBlocked, { method: "PUT", origin: ORIGIN }, "allowed")).toMatch(/^A browser blocks this/);
  });

  it("says the server did run when the block is on the actual response", () => {
    const text = explainProbe(result({ verdict: "blocked", stage: "actual", failure: { rule: "acao-missing", message: "No ACAO on the response.", fix: "" } }), { method: "GET", origin: ORIGIN });
    expect(text).toBe("The request reached the server (it answered 200), but the browser hides the response from the page: No ACAO on the response.");
  });

  it("flags an allowed preflight whose actual response was not checked", () => {
    expect(explainProbe(result({ actual: null }), { method: "DELETE", origin: ORIGIN })).toMatch(/actual response was not checked/);
    expect(explainProbe(result(), { method: "GET", origin: ORIGIN })).toBe(`Allowed: a page on ${ORIGIN} can make this request and read the response.`);
  });
});

describe("compareOutcomes", () => {
  const allowed = { outcome: "allowed" as const, status: 200, durationMs: 5, pageOrigin: ORIGIN };
  const blocked = { outcome: "blocked" as const, error: "TypeError: Failed to fetch", durationMs: 5, pageOrigin: ORIGIN };

  it("agrees when both say the same", () => {
    expect(compareOutcomes(allowed, result())).toEqual({ kind: "agree", title: "The browser and the server probe agree: allowed." });
    expect(compareOutcomes(blocked, preflightBlocked)).toEqual({ kind: "agree", title: "The browser and the server probe agree: blocked at the preflight." });
  });

  it("explains a browser allowed / probe blocked disagreement, naming the cached preflight only when the run could reuse one", () => {
    const fresh = compareOutcomes(allowed, preflightBlocked, { browserCache: "no-store" });
    if (fresh?.kind !== "disagree") throw new Error("expected disagree");
    expect(fresh.causes.join("\n")).not.toMatch(/cached preflight/i);
    const c = compareOutcomes(allowed, preflightBlocked, { credentials: "include", browserCache: "default" });
    expect(c?.kind).toBe("disagree");
    if (c?.kind !== "disagree") throw new Error("expected disagree");
    expect(c.explanation).toContain("no Access-Control-Allow-Origin");
    expect(c.causes.join("\n")).toMatch(/cached preflight/i);
    expect(c.causes.join("\n")).toMatch(/proxy, CDN/);
    expect(c.causes.join("\n")).toMatch(/Cookies/);
  });

  it("does not claim agreement when the browser blocked and the probe got no response", () => {
    const unreachable = result({
      verdict: "blocked",
      stage: "preflight",
      actual: null,
      preflight: { required: true, request: null, status: null, headers: null, error: "DNS lookup failed: legacy.test does not resolve (ENOTFOUND)", maxAgeSeconds: null },
      failure: { rule: "preflight-no-response", message: "No response to the preflight.", fix: "" },
    });
    const agreement = compareOutcomes({ outcome: "blocked", error: "Failed to fetch", durationMs: 5, pageOrigin: ORIGIN }, unreachable);
    expect(agreement?.kind).toBe("incomplete");
    expect(agreement?.title).toContain("ENOTFOUND");
  });

  it("says the probe could not reach the target (not a CORS disagreement) when it got no response", () => {
    const unreachable = result({
      verdict: "blocked",
      stage: "preflight",
      actual: null,
      preflight: { required: true, request: null, status: null, headers: null, error: "DNS lookup failed: api.test does not resolve (ENOTFOUND)", maxAgeSeconds: null },
      failure: { rule: "preflight-no-response", message: "No response to the preflight.", fix: "" },
    });
    const agreement = compareOutcomes({ outcome: "allowed", status: 200, durationMs: 5, pageOrigin: ORIGIN }, unreachable);
    expect(agreement).toMatchObject({ kind: "disagree", title: "The browser allowed this, but the server probe could not reach the target." });
    expect(agreement?.kind === "disagree" ? agreement.explanation : "").toContain("ENOTFOUND");
    expect(agreement?.kind === "disagree" ? agreement.causes[0] : "").toContain("CORSBOARD_PROBE_HOST_MAP");
  });

  it("explains a browser blocked / probe allowed disagreement, pointing at the unchecked actual response", () => {
    const c = compareOutcomes(blocked, result({ actual: null }));
    if (c?.kind !== "disagree") throw new Error("expected disagree");
    expect(c.title).toMatch(/browser blocked this/);
    expect(c.causes[0]).toMatch(/actual request was not sent/);
    const withActual = compareOutcomes(blocked, result());
    if (withActual?.kind !== "disagree") throw new Error("expected disagree");
    expect(withActual.causes.join("\n")).not.toMatch(/actual request was not sent/);
  });

  it("has nothing to compare without a browser run, and says so without a probe result", () => {
    expect(compareOutcomes({ outcome: "not-run", durationMs: 0, pageOrigin: ORIGIN }, result())).toBeNull();
    expect(compareOutcomes(blocked, null)?.kind).toBe("incomplete");
  });

  it("reads the browser's own outcome", () => {
    expect(explainBrowser(blocked)).toMatch(/no reason/);
    expect(explainBrowser(allowed)).toMatch(/status 200/);
  });
});

describe("a browser run that timed out", () => {
  const timedOut = { outcome: "blocked" as const, error: "No answer within 15 s: the tester stopped waiting (TimeoutError).", durationMs: 15_000, pageOrigin: "http://127.0.0.1:3000" };
  const noAnswer = {
    verdict: "blocked" as const,
    stage: "actual" as const,
    target: null,
    preflight: { required: false, request: null, status: null, headers: null, error: null, maxAgeSeconds: null },
    actual: { request: { method: "GET", url: "http://api.test/hang", headers: {} }, status: null, headers: null, error: "no response within 5 s (timed out)", bodyBytesRead: 0, bodyTruncated: false },
    steps: [],
    failure: null,
    warnings: [],
  };

  it("is explained as no answer, not as a CORS refusal", () => {
    expect(isBrowserTimeout(timedOut)).toBe(true);
    expect(explainBrowser(timedOut)).toContain("not a CORS refusal");
    expect(compareOutcomes(timedOut, noAnswer)).toEqual({ kind: "agree", title: "Neither the browser nor the server probe got an answer from the target (the probe: no response within 5 s (timed out))." });
  });
});
