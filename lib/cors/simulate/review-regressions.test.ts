// Regression tests from the adversarial review of the simulator: each case
// failed before its fix.

import { describe, expect, it } from "vitest";
import { toHeaderList } from "./header-list";
import { preflightMaxAge } from "./max-age";
import { planPreflight } from "./preflight-request";
import { simulate } from "./simulate";
import type { SimulateRequest } from "./types";

describe("Access-Control-Max-Age as Chromium parses it (base::StringToInt64)", () => {
  const maxAge = (value: string) => preflightMaxAge(toHeaderList({ "Access-Control-Max-Age": value }));

  it.each([
    // [value, seconds, warns]
    ["600", 600, false],
    ["+600", 600, true], // a leading + is accepted by Chromium, not by delta-seconds
    ["+", 5, false],
    ["99999999999999999999", 5, false], // beyond int64: a parse failure, so the default (was 7200)
    ["9223372036854775807", 7200, true],
    ["-99999999999999999999", 5, false], // beyond int64 (was 0)
    ["-1", 0, true],
    ["-0", 0, true],
    ["+-5", 5, false],
    ["1.5", 5, false],
    ["0x10", 5, false],
  ] as const)("%s → %d s", (value, seconds, warns) => {
    const result = maxAge(value);
    expect(result.seconds).toBe(seconds);
    expect(result.warning !== undefined).toBe(warns);
  });

  it("shows in the simulation", () => {
    const result = simulate(
      { origin: "https://app.example", url: "https://api.example/x", method: "PUT", headers: {}, credentials: "omit" },
      {
        preflight: { status: 204, headers: { "Access-Control-Allow-Origin": "https://app.example", "Access-Control-Allow-Methods": "PUT", "Access-Control-Max-Age": "+60" } },
        actual: { status: 200, headers: { "Access-Control-Allow-Origin": "https://app.example" } },
      },
    );
    expect(result.verdict).toBe("allowed");
    expect(result.preflight.maxAgeSeconds).toBe(60);
  });
});

describe("fetch()'s defaults for what a JavaScript caller leaves out", () => {
  const allowed = { actual: { status: 200, headers: { "Access-Control-Allow-Origin": "https://app.example" } } };

  it("no method is GET (was the method named \"undefined\", which needs a preflight)", () => {
    const request = { origin: "https://app.example", url: "https://api.example/x", headers: {}, credentials: "omit" } as unknown as SimulateRequest;
    const result = simulate(request, allowed);
    expect(result.verdict).toBe("allowed");
    expect(result.preflight.required).toBe(false);
    expect(planPreflight(request).required).toBe(false);
  });

  it("no headers is an empty header list (was a TypeError)", () => {
    const request = { origin: "https://app.example", url: "https://api.example/x", method: "GET", credentials: "omit" } as unknown as SimulateRequest;
    expect(simulate(request, allowed).verdict).toBe("allowed");
    expect(planPreflight(request).required).toBe(false);
  });

  it("header values that are not strings are converted, as WebIDL does", () => {
    const request = { origin: "https://app.example", url: "https://api.example/x", method: "GET", headers: { "X-Count": 3 }, credentials: "omit" } as unknown as SimulateRequest;
    expect(planPreflight(request).request?.headers["Access-Control-Request-Headers"]).toBe("x-count");
  });
});
