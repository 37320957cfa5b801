import { describe, expect, it, vi } from "vitest";
import { signProbeResult, verifyProbeSignature } from "./probe-signature";

vi.mock("@/lib/server/auth/auth-secret", () => ({ resolveAuthSecret: async () => "unit-test-secret-unit-test-secret-0123" }));

const REQUEST = { url: "https://api.example.test/orders", origin: "https://app.example.com", method: "GET", headers: { Authorization: "Bearer t" }, credentials: "omit" as const, sendActual: false };
const RESULT = {
  verdict: "allowed" as const,
  stage: null,
  target: { host: "api.example.test", address: "1.2.3.4", port: 443 },
  preflight: { required: false, request: null, status: null, headers: null, error: null, maxAgeSeconds: null },
  actual: { request: { method: "GET", url: "https://api.example.test/orders", headers: { origin: "https://app.example.com", authorization: "Bearer t" } }, status: 200, headers: { "access-control-allow-origin": "*" }, error: null, bodyBytesRead: 2, bodyTruncated: false },
  steps: [],
  failure: null,
  warnings: [],
};

describe("probe result signatures", () => {
  it("verifies the result as signed, whatever its key order", async () => {
    const signature = await signProbeResult(REQUEST, RESULT);
    const reordered = Object.fromEntries(Object.entries(RESULT).reverse()) as typeof RESULT;
    expect(Object.keys(reordered)[0]).toBe("warnings");
    expect(await verifyProbeSignature(REQUEST, reordered, signature)).toBe(true);
  });

  it("refuses a changed verdict, a changed request, a missing or garbled signature", async () => {
    const signature = await signProbeResult(REQUEST, RESULT);
    expect(await verifyProbeSignature(REQUEST, { ...RESULT, verdict: "blocked" }, signature)).toBe(false);
    expect(await verifyProbeSignature({ ...REQUEST, origin: "https://evil.example" }, RESULT, signature)).toBe(false);
    expect(await verifyProbeSignature(REQUEST, RESULT, undefined)).toBe(false);
    expect(await verifyProbeSignature(REQUEST, RESULT, "x")).toBe(false);
    expect(await verifyProbeSignature(REQUEST, RESULT, `${signature}A`)).toBe(false);
  });
});
