import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runProbeEngines } from "./probe-engines";

const ORIGIN = "https://app.example";
let server: http.Server;
let base = "";
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    // No OPTIONS handler: a preflight gets 404 without CORS headers; GET answers with ACAO.
    if (req.method === "OPTIONS") res.writeHead(404).end();
    else res.writeHead(200, { "Access-Control-Allow-Origin": ORIGIN, "Content-Type": "text/plain" }).end("ok");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** The result of a probe expected to reach the target (a refusal fails the test). */
async function probeResult(...args: Parameters<typeof runProbeEngines>) {
  const outcome = await runProbeEngines(...args);
  if (outcome.kind === "refused") throw new Error(`refused: ${outcome.refusal.reason}`);
  return outcome.result;
}

describe("the probe in several engines", () => {
  beforeEach(() => {
    seen.length = 0;
  });

  it("answers per engine and names the rule when they differ (a client hint: Chromium sends no preflight, Firefox does)", async () => {
    const result = await probeResult({ url: `${base}/hint`, origin: ORIGIN, method: "GET", headers: { DPR: "2" }, credentials: "omit" }, { allowPrivate: true });
    expect(result.verdict).toBe("allowed");
    expect(result.engines.map((e) => [e.engine, e.verdict, e.stage])).toEqual([
      ["chromium", "allowed", null],
      ["firefox", "blocked", "preflight"],
      ["webkit", "blocked", "preflight"],
    ]);
    expect(result.engines.find((e) => e.engine === "webkit")?.verification).toBe("modelled");
    expect(result.engineDifferences.map((d) => d.rule)).toEqual(["client-hints-safelisted"]);
    expect(result.engineDifferences[0]?.engines.firefox?.source).toMatch(/^https:\/\//);
    // Firefox and WebKit send the same preflight (Chromium none): it went out once.
    expect(seen.filter((s) => s === "OPTIONS /hint")).toHaveLength(1);
    expect(seen.filter((s) => s === "GET /hint")).toHaveLength(1);
  });

  it("probes only the engines asked for, the first being the main result", async () => {
    const result = await probeResult({ url: `${base}/hint`, origin: ORIGIN, method: "GET", headers: { DPR: "2" }, credentials: "omit" }, { allowPrivate: true }, ["firefox"]);
    expect(result.verdict).toBe("blocked");
    expect(result.engines.map((e) => e.engine)).toEqual(["firefox"]);
    expect(result.engineDifferences).toEqual([]);
  });

  it("agrees when no engine rule bears on the request", async () => {
    const result = await probeResult({ url: `${base}/plain`, origin: ORIGIN, method: "GET", headers: {}, credentials: "omit" }, { allowPrivate: true });
    expect(new Set(result.engines.map((e) => e.verdict))).toEqual(new Set(["allowed"]));
    expect(result.engineDifferences).toEqual([]);
  });

  it("refuses for every engine what the SSRF guard refuses, sending nothing", async () => {
    const outcome = await runProbeEngines({ url: `${base}/plain`, origin: ORIGIN, method: "GET", headers: {}, credentials: "omit" }, { allowPrivate: false });
    expect(outcome).toMatchObject({ kind: "refused", refusal: { reason: "private-address" } });
    expect(seen).toEqual([]);
  });
});
