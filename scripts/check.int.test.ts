import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SCENARIO_ORIGIN, startScenarioServer, type ScenarioServer } from "@/lib/server/probe/test-support/scenario-server";

/** `npm run check` (scripts/check.ts), spawned against a local scenario server. */
function check(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/check.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.seen.length = 0;
});

describe("npm run check", () => {
  it("exits 0 when allowed, printing the steps", async () => {
    const r = await check(["--url", `${server.base}/ok`, "--origin", SCENARIO_ORIGIN, "--method", "PUT", "--header", "Content-Type: application/json", "--send-actual"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Preflight: OPTIONS → 204");
    expect(r.stdout).toContain("Verdict: ALLOWED");
    expect(server.seen.map((s) => s.method)).toEqual(["OPTIONS", "PUT"]);
  });

  it("exits 1 when blocked, with the reason and the fix", async () => {
    const r = await check(["--url", `${server.base}/header-not-allowed`, "--origin", SCENARIO_ORIGIN, "--method", "PUT", "--header", "Content-Type: application/json", "--credentials"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Verdict: BLOCKED at the preflight");
    expect(r.stdout).toContain("Fix: Send Access-Control-Allow-Credentials: true on the preflight response.");
  });

  it("names the header a preflight does not allow", async () => {
    const r = await check(["--url", `${server.base}/header-not-allowed`, "--origin", SCENARIO_ORIGIN, "--method", "PUT", "--header", "Content-Type: application/json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Rule: header-not-allowed");
    expect(r.stdout).toMatch(/Fix: .*[Cc]ontent-[Tt]ype/);
  });

  it("exits 2 on a usage error", async () => {
    const r = await check(["--origin", "https://app.example/"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--url");
    expect(r.stderr).toContain("Usage:");
  });

  it("--no-private refuses a loopback target (exit 2) and sends nothing", async () => {
    const r = await check(["--url", `${server.base}/ok`, "--origin", SCENARIO_ORIGIN, "--no-private"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("127.0.0.0/8 (loopback)");
    expect(server.seen).toEqual([]);
  });
});
