import { describe, expect, it, vi } from "vitest";

/**
 * A cell required in several engines: its verdict is the strictest (blocked
 * when any required engine blocks), with that engine's stage and failure,
 * and the engine named with its rule. The matrix's three request shapes meet
 * no engine departure against a real server, so the probe's per-engine answer
 * is given here as the probe would answer a client-hint request.
 */
vi.mock("@/lib/server/probe/probe-engines", () => ({
  runProbeEngines: vi.fn(async () => ({
    kind: "answered",
    result: {
      verdict: "allowed",
      stage: null,
      failure: null,
      actual: { status: 200 },
      preflight: { status: null },
      engines: [
        { engine: "chromium", name: "Chromium", verification: "run", verdict: "allowed", stage: null, failure: null, warnings: [] },
        { engine: "firefox", name: "Firefox", verification: "run", verdict: "blocked", stage: "preflight", failure: { rule: "preflight-status", message: "The preflight answered 404.", fix: "Answer OPTIONS with 2xx." }, warnings: [] },
      ],
      engineDifferences: [{ rule: "client-hints-safelisted" }],
    },
  })),
}));

describe("probeCell with several engines", () => {
  it("is blocked when one required engine blocks, naming it and its rule", async () => {
    const { probeCell } = await import("./probe-cell");
    const { live } = await probeCell("http://127.0.0.1:1/x", "https://app.example", { method: "GET", headers: {}, credentials: "omit" }, { allowPrivate: true }, ["chromium", "firefox"]);
    expect(live).toMatchObject({ verdict: "blocked", stage: "preflight", failure: { rule: "preflight-status", fix: "Answer OPTIONS with 2xx." } });
    expect(live.engines?.map((e) => [e.engine, e.passed])).toEqual([
      ["chromium", true],
      ["firefox", false],
    ]);
    expect(live.engines?.[1]).toMatchObject({ rule: "client-hints-safelisted", why: expect.stringMatching(/^Firefox blocks it at the preflight — /) });
  });
});
