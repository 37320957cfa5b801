import { describe, expect, it } from "vitest";
import type { ProbeResultDoc } from "@/lib/api/schemas/probe";
import { currentBrowserEngine, probeResultFor } from "./engine-verdicts";

describe("currentBrowserEngine", () => {
  it("tells Firefox, Safari and Chromium-based browsers apart", () => {
    expect(currentBrowserEngine("Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0")).toBe("firefox");
    expect(currentBrowserEngine("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15")).toBe("webkit");
    expect(currentBrowserEngine("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36")).toBe("chromium");
    expect(currentBrowserEngine("Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36 Edg/156.0")).toBe("chromium");
  });
});

describe("probeResultFor", () => {
  const base = {
    verdict: "allowed",
    stage: null,
    failure: null,
    engines: [
      { engine: "chromium", name: "Chromium", verification: "run", verdict: "allowed", stage: null, failure: null, warnings: [] },
      { engine: "firefox", name: "Firefox", verification: "run", verdict: "blocked", stage: "preflight", failure: { rule: "preflight-status", message: "m", fix: "f" }, warnings: [] },
    ],
  } as unknown as ProbeResultDoc;

  it("takes the engine's verdict, stage and failure", () => {
    expect(probeResultFor(base, "firefox")).toMatchObject({ verdict: "blocked", stage: "preflight", failure: { rule: "preflight-status" } });
    expect(probeResultFor(base, "chromium")).toMatchObject({ verdict: "allowed", stage: null });
  });
  it("falls back to the main result for an engine that was not probed", () => {
    expect(probeResultFor(base, "webkit")).toBe(base);
  });
});
