import { describe, expect, it } from "vitest";
import { judgeEngines } from "./engine-requirement";

const allowed = (engine: "chromium" | "firefox" | "webkit") => ({ engine, verdict: "allowed" as const, stage: null, failure: null });
const blocked = (engine: "chromium" | "firefox" | "webkit") => ({ engine, verdict: "blocked" as const, stage: "preflight" as const, failure: { rule: "preflight-status", message: "The preflight answered 404." } });

describe("judgeEngines", () => {
  it("passes only when every required engine gives the expected verdict", () => {
    expect(judgeEngines("allowed", [allowed("chromium"), allowed("firefox")], [])).toMatchObject({ passed: true, verdict: "allowed", failed: null });
    const judged = judgeEngines("allowed", [allowed("chromium"), blocked("firefox")], ["client-hints-safelisted"]);
    expect(judged).toMatchObject({ passed: false, verdict: "blocked", failed: { engine: "firefox", rule: "client-hints-safelisted" } });
    expect(judged.failed?.why).toMatch(/^Firefox blocks it at the preflight — .*: The preflight answered 404\.$/);
  });

  it("the verdict is the failing engine's: an engine that lets an origin in fails a check that expects it blocked", () => {
    expect(judgeEngines("blocked", [blocked("firefox"), allowed("chromium")], ["client-hints-safelisted"])).toMatchObject({ passed: false, verdict: "allowed", failed: { engine: "chromium", why: expect.stringMatching(/^Chromium allows it/) } });
  });

  it("names the engine's own failure when no departure sets it apart (every engine fails)", () => {
    const judged = judgeEngines("allowed", [blocked("chromium"), blocked("firefox")], []);
    expect(judged.failed).toMatchObject({ engine: "chromium", rule: "preflight-status" });
    expect(judged.engines.every((e) => !e.passed)).toBe(true);
  });
});
