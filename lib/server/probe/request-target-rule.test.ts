// "Absolute http(s) URL without user name or password" is written once, in
// lib/cors/request-target.ts. These tests hold every place that judges a
// request target to it: the probe's SSRF guard (and so webhook deliveries),
// the browser simulator, the probe API's and the webhook API's schemas, and
// the Tester form.

import { afterEach, describe, expect, it, vi } from "vitest";
import { probeRequestSchema } from "@/lib/api/schemas/probe";
import { createWebhookRequestSchema } from "@/lib/api/schemas/webhook";
import { checkRequestUrl, type RequestUrlProblem, type RequestUrlRefusal } from "@/lib/cors/request-target";
import { simulate, type SimulateRequest, type SimulationResult } from "@/lib/cors/simulate";
import { urlProblem } from "@/components/tester/tester-form";
import type { TargetRefusal } from "./probe-outcome";
import { checkTargetUrl } from "./ssrf-guard";

// Every caller goes through this spy; the real check unless a test says otherwise.
vi.mock("@/lib/cors/request-target", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/cors/request-target")>();
  return { ...actual, checkRequestUrl: vi.fn(actual.checkRequestUrl) };
});
const coreCheck = vi.mocked(checkRequestUrl);
afterEach(() => {
  coreCheck.mockReset(); // back to the real check
});

/** The probe's name for each of the core's problems. */
const PROBE_REASON: { readonly [P in RequestUrlProblem]: TargetRefusal["reason"] } = {
  "not-absolute": "not-a-url",
  scheme: "scheme",
  userinfo: "credentials-in-url",
};

const request = (url: string): SimulateRequest => ({ url, origin: "https://app.example.com", method: "GET", headers: {}, credentials: "omit" });

/** What every caller says about one URL. */
function verdicts(url: string) {
  const guard = checkTargetUrl(url);
  const simulated: SimulationResult = simulate(request(url), {});
  const webhook = createWebhookRequestSchema.safeParse({ name: "hook", url, events: ["version.published"] });
  return {
    guard: guard.ok ? "ok" : guard.refusal.reason,
    simulator: simulated.failure?.rule === "invalid-url" ? "invalid-url" : "ok",
    probeApi: probeRequestSchema.shape.url.safeParse(url).success ? "ok" : "refused",
    webhookApi: webhook.success || !webhook.error.issues.some((issue) => issue.path[0] === "url") ? "ok" : "refused",
    tester: urlProblem(url) === undefined ? "ok" : "refused",
  };
}

describe("one rule for request URLs", () => {
  const table: readonly (readonly [string, RequestUrlProblem | null])[] = [
    ["https://api.example.com/items?x=1", null],
    ["http://127.0.0.1:8080/", null],
    ["https://[::1]/", null],
    ["HTTPS://API.EXAMPLE.COM/", null],
    ["/items", "not-absolute"],
    ["api.example.com/items", "not-absolute"],
    ["not a url", "not-absolute"],
    ["https://", "not-absolute"],
    ["ftp://example.com/", "scheme"],
    ["file:///etc/passwd", "scheme"],
    ["javascript:alert(1)", "scheme"],
    ["ws://api.example.com/socket", "scheme"],
    ["data:text/plain,hi", "scheme"],
    ["ftp://user:pw@example.com/", "scheme"],
    ["https://user:pw@api.example.com/", "userinfo"],
    ["https://user@api.example.com/", "userinfo"],
    ["https://:pw@api.example.com/", "userinfo"],
  ];

  it.each(table)("%s: every caller gives the core's answer", (url, problem) => {
    const core = checkRequestUrl(url);
    expect(core.ok ? null : core.problem).toBe(problem);
    expect(verdicts(url)).toEqual(
      problem === null
        ? { guard: "ok", simulator: "ok", probeApi: "ok", webhookApi: "ok", tester: "ok" }
        : { guard: PROBE_REASON[problem], simulator: "invalid-url", probeApi: "refused", webhookApi: "refused", tester: "refused" },
    );
  });

  it("every caller asks the core, and refuses what it refuses (for the reason it gives)", () => {
    const refusal: RequestUrlRefusal = { ok: false, problem: "scheme", protocol: "gopher:", href: "gopher://api.example.com/", userinfo: false };
    coreCheck.mockReturnValue(refusal);
    const url = "https://api.example.com/items";

    expect(checkTargetUrl(url)).toEqual({ ok: false, refusal: { reason: "scheme", protocol: "gopher:" } });
    const simulated = simulate(request(url), {});
    expect(simulated).toMatchObject({ verdict: "blocked", failure: { rule: "invalid-url", message: "gopher://api.example.com/ is not an http(s) URL: CORS requests only go to http: and https: URLs." } });
    expect(probeRequestSchema.shape.url.safeParse(url).error?.issues[0]?.message).toBe("Only http:// and https:// URLs can be probed, not gopher:.");
    expect(createWebhookRequestSchema.safeParse({ name: "hook", url, events: ["version.published"] }).success).toBe(false);
    expect(urlProblem(url)).toBe("Only http:// and https:// URLs can be tested, not gopher:.");
    expect(coreCheck).toHaveBeenCalledTimes(5);
    for (const [text] of coreCheck.mock.calls) expect(text).toBe(url);
  });

  it("the simulator follows fetch(): credentials are refused before the scheme is looked at", () => {
    const simulated = simulate(request("ftp://user:pw@example.com/"), {});
    expect(simulated.failure?.message).toBe("ftp://user:pw@example.com/ includes credentials: fetch() throws a TypeError.");
    // The probe and the forms name the scheme first (the order they always had).
    expect(checkTargetUrl("ftp://user:pw@example.com/")).toEqual({ ok: false, refusal: { reason: "scheme", protocol: "ftp:" } });
  });
});
