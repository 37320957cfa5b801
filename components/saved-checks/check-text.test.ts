import { describe, expect, it } from "vitest";
import { headersSummary, headersToText, originOf, parseHeadersText, requestSummary } from "./check-text";

describe("saved-check text helpers", () => {
  it("summarises a request", () => {
    expect(requestSummary({ origin: "https://app.example.com", method: "PUT", url: "https://api.example.com/orders" })).toBe("https://app.example.com → PUT https://api.example.com/orders");
  });

  it("round-trips headers through the text area", () => {
    const headers = { "Content-Type": "application/json", Authorization: "Bearer a:b" };
    expect(parseHeadersText(headersToText(headers))).toEqual({ ok: true, headers });
    expect(parseHeadersText("\n  X-A: 1  \n\n")).toEqual({ ok: true, headers: { "X-A": "1" } });
  });

  it("names the line of a header without a name", () => {
    const r = parseHeadersText("X-A: 1\nnonsense");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("Line 2");
  });

  it("takes the origin of a base URL", () => {
    expect(originOf("https://api.example.com/v1/")).toBe("https://api.example.com");
    expect(originOf("ftp://x")).toBeNull();
    expect(originOf("nope")).toBeNull();
  });

  it("masks credential headers in summaries", () => {
    expect(headersSummary({ "Content-Type": "application/json", authorization: "Bearer s3cret", Cookie: "a=b" })).toBe("Content-Type: application/json · authorization: •••• · Cookie: ••••");
  });
});
