import { describe, expect, it } from "vitest";
import { createSavedCheckRequestSchema, isSecretHeaderName, maskSecretHeaders, MASKED_HEADER_VALUE } from "./saved-check";

const base = { name: "c", url: "https://api.example.com/x", origin: "https://app.example.com" };

describe("saved-check request schema", () => {
  it("accepts token methods and custom headers", () => {
    expect(createSavedCheckRequestSchema.safeParse({ ...base, method: "PROPFIND", headers: { "X-Request-Id": "1" } }).success).toBe(true);
  });

  it("refuses non-token and forbidden methods", () => {
    for (const method of ["G ET", "GET\n", "CONNECT", "trace", "Track"]) {
      const r = createSavedCheckRequestSchema.safeParse({ ...base, method });
      expect(r.success, method).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["method"]);
    }
  });

  it("refuses non-token and forbidden header names, naming the header", () => {
    for (const name of ["bad name", "X:Y", "Host", "Cookie", "Origin", "Sec-Foo", "Proxy-Foo", "User-Agent"]) {
      const r = createSavedCheckRequestSchema.safeParse({ ...base, headers: { [name]: "v" } });
      expect(r.success, name).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["headers", name]);
    }
  });
});

describe("maskSecretHeaders", () => {
  it("masks every header whose name suggests a credential", () => {
    for (const name of ["Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key", "Api-Key", "X-Auth-Token", "X-Access-Token", "X-Client-Secret", "X-Session-Id", "X-Password", "X-Credentials", "x-csrf-token"]) {
      expect(isSecretHeaderName(name), name).toBe(true);
    }
    expect(maskSecretHeaders({ "Content-Type": "application/json", "X-Auth-Token": "t", "X-Trace": "1" })).toEqual({ "Content-Type": "application/json", "X-Auth-Token": MASKED_HEADER_VALUE, "X-Trace": "1" });
  });

  it("keeps ordinary headers readable", () => {
    for (const name of ["Content-Type", "Accept", "X-Request-Id", "X-Trace", "If-Match"]) expect(isSecretHeaderName(name), name).toBe(false);
  });
});
