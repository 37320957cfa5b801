import { describe, expect, it } from "vitest";
import { checksPreflightOnly, createSavedCheckRequestSchema, isSecretHeaderName, maskSecretHeaders, MASKED_HEADER_VALUE, sendActualWarning, updateSavedCheckRequestSchema } from "./saved-check";

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

describe("sendActual", () => {
  it("defaults to false on create, is optional on update, and must be a boolean", () => {
    expect(createSavedCheckRequestSchema.parse(base).sendActual).toBe(false);
    expect(createSavedCheckRequestSchema.parse({ ...base, method: "PUT", sendActual: true }).sendActual).toBe(true);
    expect(updateSavedCheckRequestSchema.parse({}).sendActual).toBeUndefined();
    const r = createSavedCheckRequestSchema.safeParse({ ...base, sendActual: "yes" });
    expect(r.error?.issues[0]?.path).toEqual(["sendActual"]);
  });

  it("makes a check of a method with side effects check more than the preflight", () => {
    expect(checksPreflightOnly("PUT", false)).toBe(true);
    expect(checksPreflightOnly("put", true)).toBe(false);
    expect(checksPreflightOnly("DELETE", false)).toBe(true);
    // GET and HEAD are always sent.
    for (const method of ["GET", "head"]) for (const sendActual of [false, true]) expect(checksPreflightOnly(method, sendActual)).toBe(false);
  });

  it("warns what a run really sends", () => {
    expect(sendActualWarning("put")).toBe("Corsboard will really send the PUT — with its headers, without a body — to the target on every run, including after each publish; use a test endpoint.");
  });
});

describe("saved-check header values (finding 5: values fetch() refuses)", () => {
  it("refuses CR/LF, NUL and characters above U+00FF, naming the header", () => {
    for (const value of ["a\r\nX-Injected: 1", "a\nb", "a\0b", "\u20ac", "caf\u00e9 \u2603"]) {
      const r = createSavedCheckRequestSchema.safeParse({ ...base, headers: { "X-Note": value } });
      expect(r.success, JSON.stringify(value)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["headers", "X-Note"]);
      expect(r.error?.issues[0]?.message).toContain("X-Note");
    }
  });

  it("stores the value fetch() sends: trimmed of leading/trailing HTTP whitespace", () => {
    const r = createSavedCheckRequestSchema.parse({ ...base, headers: { "X-Note": " \tvalue\r\n", "X-Latin": "\u00e9" } });
    expect(r.headers).toEqual({ "X-Note": "value", "X-Latin": "\u00e9" });
    const patch = updateSavedCheckRequestSchema.safeParse({ headers: { "X-Note": "a\r\nb" } });
    expect(patch.error?.issues[0]?.path).toEqual(["headers", "X-Note"]);
  });
});
