import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

/** An IEEE 754 double from its 16 hex digits (RFC 8785 Appendix B writes its vectors that way). */
function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe("canonicalJson: RFC 8785 test vectors", () => {
  it("§3.2.2: literals, numbers and string escapes", () => {
    // The input of §3.2.2, parsed as JSON (so the numbers are the doubles the RFC means).
    const input = JSON.parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`);
    expect(canonicalJson(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it("§3.2.3: member names sorted by UTF-16 code units, not code points", () => {
    const input = JSON.parse(String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`);
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // U+1F600 (UTF-16 D83D DE00) sorts before U+FB33: by code points it would come after.
  });

  it("§3.2.4: UTF-8 of the canonical text (the bytes that are hashed)", () => {
    const bytes = new TextEncoder().encode(canonicalJson({ "peach": "This sorting order", "péché": "is wrong according to French", "pêche": "but canonicalization MUST", "sin": "ignore locale" }));
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
    expect(hex).toBe(
      "7b 22 70 65 61 63 68 22 3a 22 54 68 69 73 20 73 6f 72 74 69 6e 67 20 6f 72 64 65 72 22 2c 22 70 c3 a9 63 68 c3 a9 22 3a 22 69 73 20 77 72 6f 6e 67 20 61 63 63 6f 72 64 69 6e 67 20 74 6f 20 46 72 65 6e 63 68 22 2c 22 70 c3 aa 63 68 65 22 3a 22 62 75 74 20 63 61 6e 6f 6e 69 63 61 6c 69 7a 61 74 69 6f 6e 20 4d 55 53 54 22 2c 22 73 69 6e 22 3a 22 69 67 6e 6f 72 65 20 6c 6f 63 61 6c 65 22 7d",
    );
  });

  // Appendix B: IEEE 754 doubles and their ECMAScript serialization.
  const NUMBERS: [string, string][] = [
    ["0000000000000000", "0"],
    ["8000000000000000", "0"], // minus zero
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ];
  it.each(NUMBERS)("Appendix B: %s → %s", (hex, text) => {
    expect(canonicalJson(double(hex))).toBe(text);
    expect(canonicalJson([double(hex)])).toBe(`[${text}]`);
  });

  it.each([
    ["7fffffffffffffff", "NaN"],
    ["7ff0000000000000", "Infinity"],
    ["fff0000000000000", "-Infinity"],
  ])("Appendix B: %s (%s) is an error", (hex) => {
    expect(() => canonicalJson({ n: double(hex) })).toThrow(TypeError);
  });
});

describe("canonicalJson: strings and JavaScript values", () => {
  it("escapes as JSON.stringify: the two-character forms, other controls as lowercase \\u00xx, nothing else", () => {
    expect(canonicalJson("\b\t\n\f\r\"\\/\u0000\u001f\u007f\u2028é😀")).toBe('"\\b\\t\\n\\f\\r\\"\\\\/\\u0000\\u001f\u007f\u2028é😀"');
  });

  it("refuses lone surrogates (not I-JSON), in values and member names", () => {
    expect(() => canonicalJson("a\ud800b")).toThrow(TypeError);
    expect(() => canonicalJson("\udc00")).toThrow(TypeError);
    expect(() => canonicalJson({ "\ud83d": 1 })).toThrow(TypeError);
    expect(canonicalJson("\ud83d\ude00")).toBe('"😀"');
  });

  it("treats non-JSON JavaScript values as JSON.stringify does", () => {
    expect(canonicalJson({ b: undefined, a: [undefined, () => 1], d: new Date(Date.UTC(2026, 0, 2)) })).toBe('{"a":[null,null],"d":"2026-01-02T00:00:00.000Z"}');
    expect(canonicalJson(undefined)).toBe("null");
    expect(() => canonicalJson({ n: BigInt(1) })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it("sorts keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"f":1}]},"b":1}');
  });

  it("is JSON that parses back to the value, whatever the key order", () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "grapheme" }), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { seed: 8785 },
    );
  });
});

/**
 * The text every stored contentHash (policy versions, change requests) and
 * every probe signature was computed from before JCS: keys sorted with `<`,
 * everything else JSON.stringify. Kept here to prove the switch changed no
 * hash of a JSON value, so versions already in a database keep verifying.
 */
function sortedKeysJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedKeysJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedKeysJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

describe("canonicalJson: the hashes already stored", () => {
  it("gives the same text as the sorted-keys JSON every stored hash was computed with, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "grapheme" }), (value) => {
        expect(canonicalJson(value)).toBe(sortedKeysJson(value));
      }),
      { seed: 1, numRuns: 2000 },
    );
  });

  it("and for a policy with every field, notes and Unicode included", () => {
    const policy = {
      origins: [{ value: "https://xn--bcher-kva.example", expiresAt: "2026-03-01T00:00:00.000Z", note: "Bücher — ünïcödé 😀 \"quoted\"\n" }, { value: "null", expiresAt: null, note: "" }],
      allowCredentials: true,
      allowedMethods: ["PUT", "patch"],
      allowedHeaders: ["authorization", "x-€"],
      reflectRequestHeaders: false,
      exposedHeaders: [],
      maxAgeSeconds: 7200,
      noOrigin: "reject",
      allowPrivateNetwork: false,
    };
    expect(canonicalJson(policy)).toBe(sortedKeysJson(policy));
  });
});
