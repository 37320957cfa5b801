import { describe, expect, it } from "vitest";
import { refusalHints } from "@/components/editor/refusal-hints";

describe("refusalHints", () => {
  it("puts each reason by the setting that fixes it, with its count in the last hour", () => {
    expect(
      refusalHints({
        windowMinutes: 60,
        refusals: [
          { kind: "method", detail: "PUT", count: 12 },
          { kind: "method", detail: "DELETE", count: 1 },
          { kind: "headers", detail: "content-type, x-trace", count: 1500 },
          { kind: "credentials", detail: "", count: 3 },
          { kind: "private-network", detail: "", count: 1 },
          { kind: "no-origin", detail: "", count: 2 },
          { kind: "origin", detail: "", count: 99 },
        ],
      }),
    ).toEqual({
      allowedMethods: ["Services refused PUT preflights from an allowed origin (12× in the last hour).", "Services refused DELETE preflights from an allowed origin (1× in the last hour)."],
      allowedHeaders: ["Services refused preflights asking for content-type, x-trace from an allowed origin (1,500× in the last hour)."],
      allowCredentials: ["Services got requests with cookies from an allowed origin while credentials are off; the browser hid the responses (3× in the last hour)."],
      allowPrivateNetwork: ["Services refused Private Network Access preflights from an allowed origin (1× in the last hour)."],
      noOrigin: ["Services refused requests without an Origin header (2× in the last hour)."],
    });
    expect(refusalHints(undefined)).toEqual({});
  });
});
