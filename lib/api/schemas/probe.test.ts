import { describe, expect, it } from "vitest";
import { probeRequestSchema } from "./probe";

describe("probe request header values", () => {
  it("refuses what fetch() refuses, naming the header, and trims what fetch() trims", () => {
    const base = { url: "https://api.example.com/x", origin: "https://app.example.com" };
    const bad = probeRequestSchema.safeParse({ ...base, headers: { "X-Trace": "1\r\nHost: evil" } });
    expect(bad.error?.issues[0]?.path).toEqual(["headers", "X-Trace"]);
    expect(bad.error?.issues[0]?.message).toMatch(/X-Trace.*line break/);
    expect(probeRequestSchema.parse({ ...base, headers: { "X-Trace": "  1 " } }).headers).toEqual({ "X-Trace": "1" });
  });
});
