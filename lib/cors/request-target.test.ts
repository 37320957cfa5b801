import { describe, expect, it } from "vitest";
import { checkRequestOrigin, checkRequestUrl } from "./request-target";

describe("checkRequestUrl", () => {
  it.each([
    ["https://api.example.com/items?x=1", { ok: true }],
    ["/items", { ok: false, problem: "not-absolute" }],
    ["ftp://example.com/", { ok: false, problem: "scheme", protocol: "ftp:" }],
    ["https://user:pw@api.example.com/", { ok: false, problem: "userinfo" }],
    ["https://user@api.example.com/", { ok: false, problem: "userinfo", href: "https://user@api.example.com/" }],
    // Both wrong: the scheme is reported, with the user name noted (the simulator, following fetch(), names the credentials).
    ["ftp://u:p@example.com/", { ok: false, problem: "scheme", protocol: "ftp:", href: "ftp://u:p@example.com/", userinfo: true }],
    ["ftp://example.com/", { ok: false, problem: "scheme", protocol: "ftp:", userinfo: false }],
  ] as const)("%s", (text, expected) => {
    expect(checkRequestUrl(text)).toMatchObject(expected);
  });
});

describe("checkRequestOrigin", () => {
  it.each([
    ["https://app.example.com", { ok: true }],
    ["http://localhost:3000", { ok: true }],
    ["null", { ok: true }],
    ["app.example.com", { ok: false, problem: "not-url" }],
    ["file:///etc/passwd", { ok: false, problem: "scheme", protocol: "file:" }],
    ["https://app.example.com/", { ok: false, problem: "not-serialized", serialized: "https://app.example.com" }],
    ["https://APP.example.com:443", { ok: false, problem: "not-serialized", serialized: "https://app.example.com" }],
  ] as const)("%s", (text, expected) => {
    expect(checkRequestOrigin(text)).toEqual(expected);
  });
});
