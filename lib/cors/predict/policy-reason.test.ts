import { describe, expect, it } from "vitest";
import { compilePolicy } from "../policy-compile";
import type { PolicyInput } from "../types";
import { policyRejection } from "./policy-reason";

const NOW = Date.UTC(2030, 0, 1);
const compiled = (input: PolicyInput) => {
  const c = compilePolicy(input);
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.policy;
};
const put = { origin: "https://app.example.com", url: "https://api.example.com/orders", method: "PUT", headers: { "Content-Type": "application/json" }, credentials: "omit" as const };

describe("policyRejection", () => {
  it("names the origin when it is not listed", () => {
    expect(policyRejection(compiled({ origins: ["https://other.example.com"], allowedMethods: ["PUT"], allowedHeaders: ["content-type"] }), put, { now: NOW })).toMatchObject({ code: "origin-not-allowed", stage: "preflight" });
  });
  it("names the method when the origin is listed but PUT is not allowed (the browser only sees a missing Access-Control-Allow-Origin)", () => {
    expect(policyRejection(compiled({ origins: ["https://app.example.com"], allowedHeaders: ["content-type"] }), put, { now: NOW })).toMatchObject({ code: "method-not-allowed" });
  });
  it("names the header", () => {
    expect(policyRejection(compiled({ origins: ["https://app.example.com"], allowedMethods: ["PUT"] }), put, { now: NOW })).toMatchObject({ code: "headers-not-allowed" });
  });
  it("an expired rule, on a simple GET (no preflight)", () => {
    const policy = compiled({ origins: [{ value: "https://app.example.com", expiresAt: "2029-06-01T00:00:00Z" }] });
    expect(policyRejection(policy, { ...put, method: "GET", headers: {} }, { now: NOW })).toMatchObject({ code: "origin-rule-expired", stage: "actual" });
  });
  it("null when the policy allows the request", () => {
    expect(policyRejection(compiled({ origins: ["https://app.example.com"], allowedMethods: ["PUT"], allowedHeaders: ["content-type"] }), put, { now: NOW })).toBeNull();
  });
});
