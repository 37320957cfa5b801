import { describe, expect, it } from "vitest";
import { compilePolicy } from "../policy-compile";
import type { PolicyInput } from "../types";
import { predictBrowserVerdict } from "./predict-browser-verdict";

const URL_ = "https://api.example.test/orders";
const NOW = Date.UTC(2030, 0, 1);

function compiled(input: PolicyInput) {
  const c = compilePolicy(input);
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.policy;
}

const get = (origin: string) => ({ origin, url: URL_, method: "GET", headers: {}, credentials: "omit" as const });
const jsonPost = (origin: string) => ({ origin, url: URL_, method: "POST", headers: { "Content-Type": "application/json" }, credentials: "omit" as const });
const credGet = (origin: string) => ({ origin, url: URL_, method: "GET", headers: {}, credentials: "include" as const });

describe("predictBrowserVerdict", () => {
  const policy = compiled({ origins: ["https://old.example.com"], allowedHeaders: ["Content-Type"], allowCredentials: true });

  it("allows a listed origin for a simple GET, a JSON POST (preflighted) and a credentialed GET", () => {
    expect(predictBrowserVerdict(policy, get("https://old.example.com"), { now: NOW })).toEqual({ verdict: "allowed", stage: null, failure: null, preflighted: false, departures: [] });
    expect(predictBrowserVerdict(policy, jsonPost("https://old.example.com"), { now: NOW })).toMatchObject({ verdict: "allowed", preflighted: true });
    expect(predictBrowserVerdict(policy, credGet("https://old.example.com"), { now: NOW }).verdict).toBe("allowed");
  });

  it("decides as the engine asked for: a client hint is safelisted in Chromium, preflighted (and refused by this policy) in Firefox", () => {
    const hint = { ...get("https://old.example.com"), headers: { DPR: "2" } };
    expect(predictBrowserVerdict(policy, hint, { now: NOW })).toMatchObject({ verdict: "allowed", preflighted: false, departures: expect.arrayContaining(["client-hints-safelisted"]) });
    expect(predictBrowserVerdict(policy, hint, { now: NOW, engine: "firefox" })).toMatchObject({ verdict: "blocked", stage: "preflight", preflighted: true });
  });

  it("blocks an origin that is not listed, at the preflight when one is sent", () => {
    expect(predictBrowserVerdict(policy, get("https://new.example.com"), { now: NOW })).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "allow-origin-missing" } });
    expect(predictBrowserVerdict(policy, jsonPost("https://new.example.com"), { now: NOW })).toMatchObject({ verdict: "blocked", stage: "preflight", preflighted: true });
  });

  it("blocks a credentialed request when the policy does not allow credentials", () => {
    const noCreds = compiled({ origins: ["https://old.example.com"], allowedHeaders: ["Content-Type"] });
    expect(predictBrowserVerdict(noCreds, get("https://old.example.com"), { now: NOW }).verdict).toBe("allowed");
    expect(predictBrowserVerdict(noCreds, credGet("https://old.example.com"), { now: NOW })).toMatchObject({ verdict: "blocked", failure: { rule: "allow-credentials-missing" } });
  });

  it("blocks a JSON POST when Content-Type is not an allowed header", () => {
    const noHeaders = compiled({ origins: ["https://old.example.com"] });
    expect(predictBrowserVerdict(noHeaders, jsonPost("https://old.example.com"), { now: NOW })).toMatchObject({ verdict: "blocked", stage: "preflight" });
  });

  it("honours rule expiry with the given clock", () => {
    const expiring = compiled({ origins: [{ value: "https://old.example.com", expiresAt: NOW }] });
    expect(predictBrowserVerdict(expiring, get("https://old.example.com"), { now: NOW - 1 }).verdict).toBe("allowed");
    expect(predictBrowserVerdict(expiring, get("https://old.example.com"), { now: NOW }).verdict).toBe("blocked");
  });
});
