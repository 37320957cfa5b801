import { describe, expect, it } from "vitest";
import type { Header } from "./header-list";
import { corsUnsafeRequestHeaderNames, isCorsUnsafeRequestHeaderByte, safelistRequestHeader } from "./safelist";

describe("safelistRequestHeader", () => {
  it.each([
    // Accept
    { name: "Accept: anything without unsafe bytes", header: "Accept", value: "application/json, text/*;q=0.5", safelisted: true, spec: true },
    { name: "Accept with @", header: "Accept", value: "a@b", safelisted: false, spec: false },
    { name: "Accept with a tab is fine", header: "accept", value: "a\tb", safelisted: true, spec: true },
    { name: "Accept of 128 bytes", header: "Accept", value: "a".repeat(128), safelisted: true, spec: true },
    { name: "Accept of 129 bytes", header: "Accept", value: "a".repeat(129), safelisted: false, spec: false },
    // Accept-Language / Content-Language
    { name: "Accept-Language en-US,fr;q=0.5", header: "Accept-Language", value: "en-US,fr;q=0.5", safelisted: true, spec: true },
    { name: "Content-Language with _", header: "Content-Language", value: "en_US", safelisted: false, spec: false },
    { name: "Content-Language with *", header: "Content-Language", value: "*", safelisted: true, spec: true },
    // Content-Type
    { name: "text/plain", header: "Content-Type", value: "text/plain", safelisted: true, spec: true },
    { name: "TEXT/PLAIN (case-insensitive)", header: "content-type", value: "TEXT/PLAIN", safelisted: true, spec: true },
    { name: "multipart/form-data with a boundary", header: "Content-Type", value: "multipart/form-data; boundary=x", safelisted: true, spec: true },
    { name: "form-urlencoded with charset", header: "Content-Type", value: "application/x-www-form-urlencoded;charset=UTF-8", safelisted: true, spec: true },
    { name: "trailing semicolon", header: "Content-Type", value: "text/plain;", safelisted: true, spec: true },
    { name: "whitespace before parameters", header: "Content-Type", value: "text/plain ;charset=x", safelisted: true, spec: true },
    { name: "application/json", header: "Content-Type", value: "application/json", safelisted: false, spec: false },
    { name: "spaces around the slash do not parse", header: "Content-Type", value: "text / plain", safelisted: false, spec: false },
    { name: "a list of types does not parse", header: "Content-Type", value: "text/plain, application/json", safelisted: false, spec: false },
    { name: "no subtype", header: "Content-Type", value: "text", safelisted: false, spec: false },
    { name: "quoted parameter (unsafe byte)", header: "Content-Type", value: 'text/plain; charset="utf-8"', safelisted: false, spec: false },
    { name: "Content-Type over 128 bytes", header: "Content-Type", value: `text/plain;a=${"x".repeat(116)}`, safelisted: false, spec: false },
    // Range
    { name: "Range bytes=0-99", header: "Range", value: "bytes=0-99", safelisted: true, spec: true },
    { name: "Range bytes=5-", header: "Range", value: "bytes=5-", safelisted: true, spec: true },
    { name: "Range suffix bytes=-5", header: "Range", value: "bytes=-5", safelisted: false, spec: false },
    { name: "Range start after end", header: "Range", value: "bytes=5-1", safelisted: false, spec: false },
    { name: "Range with two ranges", header: "Range", value: "bytes=0-1,3-4", safelisted: false, spec: false },
    { name: "Range unit in uppercase", header: "Range", value: "BYTES=0-1", safelisted: false, spec: false },
    { name: "Range with whitespace", header: "Range", value: "bytes= 0-1", safelisted: false, spec: false },
    // Chromium-only client hints
    { name: "DPR: 2 (Chromium only)", header: "DPR", value: "2", safelisted: true, spec: false },
    { name: "Device-Memory: 0.5 (Chromium only)", header: "Device-Memory", value: "0.5", safelisted: true, spec: false },
    { name: "Width: 100 (Chromium only)", header: "Width", value: "100", safelisted: true, spec: false },
    { name: "Width: 1.5 is not an integer", header: "Width", value: "1.5", safelisted: false, spec: false },
    { name: "ECT: 4g (Chromium only)", header: "ECT", value: "4g", safelisted: true, spec: false },
    { name: "ECT: 5g is not a connection type", header: "ECT", value: "5g", safelisted: false, spec: false },
    { name: "Save-Data: on (Chromium only)", header: "Save-Data", value: "on", safelisted: true, spec: false },
    { name: "Intervention: anything (Chromium only)", header: "Intervention", value: "<x>", safelisted: true, spec: false },
    { name: "DPR: two", header: "DPR", value: "two", safelisted: false, spec: false },
    // Others
    { name: "Authorization", header: "Authorization", value: "Bearer t", safelisted: false, spec: false },
    { name: "X-Requested-With", header: "X-Requested-With", value: "XMLHttpRequest", safelisted: false, spec: false },
  ])("$name", ({ header, value, safelisted, spec }) => {
    const verdict = safelistRequestHeader(header, value);
    expect(verdict.safelisted).toBe(safelisted);
    expect(verdict.specSafelisted).toBe(spec);
    if (!safelisted || safelisted !== spec) expect(verdict.reason).toBeTruthy();
  });
});

describe("isCorsUnsafeRequestHeaderByte", () => {
  it.each([
    ...[..."\"():<>?@[\\]{}\x7f\x00\x1f"].map((c) => ({ name: `unsafe ${JSON.stringify(c)}`, c, unsafe: true })),
    ...[..."\t aZ09,;=/*"].map((c) => ({ name: `safe ${JSON.stringify(c)}`, c, unsafe: false })),
  ])("$name", ({ c, unsafe }) => {
    expect(isCorsUnsafeRequestHeaderByte(c)).toBe(unsafe);
  });
});

const h = (name: string, value: string): Header => ({ name, value });

describe("corsUnsafeRequestHeaderNames", () => {
  it.each([
    { name: "nothing unsafe", list: [h("Accept", "*/*"), h("Content-Type", "text/plain")], names: [] as string[], specNames: [] as string[] },
    {
      name: "sorted, lowercased, unique",
      list: [h("X-B", "1"), h("Content-Type", "application/json"), h("X-A", "1"), h("x-a", "2")],
      names: ["content-type", "x-a", "x-b"],
      specNames: ["content-type", "x-a", "x-b"],
    },
    { name: "a client hint differs from the standard", list: [h("DPR", "2")], names: [], specNames: ["dpr"] },
    {
      name: "over 1024 bytes of safelisted values makes them all unsafe",
      list: [
        h("Accept", "a".repeat(128)),
        h("Accept-Language", "b".repeat(128)),
        h("Content-Language", "c".repeat(128)),
        h("Content-Type", `text/plain;a=${"d".repeat(115)}`),
        h("Intervention", "e".repeat(128)),
        h("DPR", "1".repeat(128)),
        h("Width", "2".repeat(128)),
        h("Viewport-Width", "3".repeat(128)),
        h("Device-Memory", "8"),
        h("X-Custom", "1"),
      ],
      names: ["accept", "accept-language", "content-language", "content-type", "device-memory", "dpr", "intervention", "viewport-width", "width", "x-custom"],
      // The standard safelists none of the client hints, so its total stays under 1024.
      specNames: ["device-memory", "dpr", "intervention", "viewport-width", "width", "x-custom"],
    },
  ])("$name", ({ list, names, specNames }) => {
    const result = corsUnsafeRequestHeaderNames(list);
    expect(result.names).toEqual(names);
    expect(result.specNames).toEqual(specNames);
  });

  it("exactly 1024 bytes stays safelisted", () => {
    const list = [
      h("Accept", "a".repeat(128)),
      h("Accept-Language", "b".repeat(128)),
      h("Content-Language", "c".repeat(128)),
      h("Content-Type", `text/plain;a=${"d".repeat(115)}`),
      h("Intervention", "e".repeat(128)),
      h("DPR", "1".repeat(128)),
      h("Width", "2".repeat(128)),
      h("Viewport-Width", "3".repeat(128)),
    ];
    const result = corsUnsafeRequestHeaderNames(list);
    expect(result.safelistedValueBytes).toBe(1024);
    expect(result.names).toEqual([]);
  });
});
