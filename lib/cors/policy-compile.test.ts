import { describe, expect, it } from "vitest";
import { compilePolicy } from "./policy-compile";
import type { PolicyInput } from "./types";

describe("compilePolicy: valid policies", () => {
  it("applies the documented defaults", () => {
    const result = compilePolicy({ origins: [] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.policy.settings).toEqual({
      allowCredentials: false,
      allowedMethods: [],
      allowedHeaders: [],
      reflectRequestHeaders: false,
      exposedHeaders: [],
      maxAgeSeconds: null,
      noOrigin: "allow",
      allowPrivateNetwork: false,
    });
    expect(result.policy.rules).toEqual([]);
  });

  it("normalizes methods (Fetch) and header names, without duplicates", () => {
    const result = compilePolicy({ origins: [], allowedMethods: ["put", "PATCH", "delete", "PUT"], allowedHeaders: ["X-Token", "x-token", " Content-Type "], exposedHeaders: ["X-Request-Id"] });
    expect(result.ok && result.policy.settings).toMatchObject({
      allowedMethods: ["PUT", "PATCH", "DELETE"],
      allowedHeaders: ["x-token", "content-type"],
      exposedHeaders: ["x-request-id"],
    });
  });

  it("keeps rule positions and expiry", () => {
    const result = compilePolicy({ origins: ["https://a.example", { value: "https://b.example", expiresAt: "2030-01-01T00:00:00Z", note: "migration" }] });
    expect(result.ok && result.policy.rules.map((r) => [r.index, r.origin.value, r.expiresAt])).toEqual([
      [0, "https://a.example", null],
      [1, "https://b.example", Date.parse("2030-01-01T00:00:00Z")],
    ]);
  });

  it("is deeply frozen", () => {
    const result = compilePolicy({ origins: ["https://a.example"], allowedMethods: ["PUT"] });
    if (!result.ok) throw new Error("expected ok");
    const policy = result.policy;
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.rules)).toBe(true);
    expect(Object.isFrozen(policy.rules[0])).toBe(true);
    expect(Object.isFrozen(policy.rules[0]?.origin)).toBe(true);
    expect(Object.isFrozen(policy.settings)).toBe(true);
    expect(Object.isFrozen(policy.settings.allowedMethods)).toBe(true);
  });

  it("does not change when the input changes afterwards", () => {
    const origins = ["https://a.example"];
    const result = compilePolicy({ origins });
    origins.push("https://evil.example");
    expect(result.ok && result.policy.match("https://evil.example").matched).toBe(false);
  });
});

describe("compilePolicy: problems", () => {
  const CASES: readonly { name: string; input: unknown; problems: readonly (readonly [string, number | null, string])[] }[] = [
    { name: "not an object", input: "https://a.example", problems: [["policy", null, "invalid-type"]] },
    { name: "null", input: null, problems: [["policy", null, "invalid-type"]] },
    { name: "origins missing", input: {}, problems: [["origins", null, "invalid-type"]] },
    { name: "origins not a list", input: { origins: "https://a.example" }, problems: [["origins", null, "invalid-type"]] },
    {
      name: "all origin problems with positions",
      input: { origins: ["https://a.example/", 42, { value: "https://b.example", expiresAt: "soon" }, "https://*.com", "https://a.example"] },
      problems: [
        ["origins", 0, "trailing-slash"],
        ["origins", 1, "invalid-type"],
        ["origins", 2, "invalid-expiry"],
        ["origins", 3, "wildcard-public-suffix"],
        ["origins", 4, "duplicate"],
      ],
    },
    { name: "* with credentials", input: { origins: ["https://a.example", "*"], allowCredentials: true }, problems: [["origins", 1, "wildcard-with-credentials"]] },
    {
      name: "* in methods and headers with credentials",
      input: { origins: [], allowCredentials: true, allowedMethods: ["GET", "*"], allowedHeaders: ["*"], exposedHeaders: ["x-a", "*"] },
      problems: [
        ["allowedMethods", 1, "wildcard-with-credentials"],
        ["allowedHeaders", 0, "wildcard-with-credentials"],
        ["exposedHeaders", 1, "wildcard-with-credentials"],
      ],
    },
    {
      name: "invalid settings",
      input: {
        origins: [],
        allowCredentials: "yes",
        allowedMethods: ["GET POST", 5],
        allowedHeaders: "x-a",
        exposedHeaders: ["x:y"],
        maxAgeSeconds: -1,
        noOrigin: "deny",
        allowPrivateNetwork: 1,
        reflectRequestHeaders: null,
      },
      problems: [
        ["allowCredentials", null, "invalid-type"],
        ["reflectRequestHeaders", null, "invalid-type"],
        ["allowPrivateNetwork", null, "invalid-type"],
        ["allowedMethods", 0, "invalid-method"],
        ["allowedMethods", 1, "invalid-type"],
        ["allowedHeaders", null, "invalid-type"],
        ["exposedHeaders", 0, "invalid-header-name"],
        ["maxAgeSeconds", null, "invalid-max-age"],
        ["noOrigin", null, "invalid-value"],
      ],
    },
    { name: "fractional max-age", input: { origins: [], maxAgeSeconds: 1.5 }, problems: [["maxAgeSeconds", null, "invalid-max-age"]] },
    { name: "NaN max-age", input: { origins: [], maxAgeSeconds: Number.NaN }, problems: [["maxAgeSeconds", null, "invalid-max-age"]] },
  ];

  it.each(CASES)("$name", ({ input, problems }) => {
    const result = compilePolicy(input as PolicyInput);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.field, p.index, p.code])).toEqual(problems);
    for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(10);
  });

  it("never throws, even on hostile input", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("boom");
        },
      },
    );
    expect(compilePolicy(hostile as PolicyInput)).toMatchObject({ ok: false, problems: [{ code: "invalid-value", field: "policy" }] });
    const getter = { origins: [{ get value(): string { throw new Error("boom"); } }] };
    expect(compilePolicy(getter as unknown as PolicyInput).ok).toBe(false);
  });
});
