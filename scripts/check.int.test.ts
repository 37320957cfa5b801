import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SCENARIO_ORIGIN, startScenarioServer, type ScenarioServer } from "@/lib/server/probe/test-support/scenario-server";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors } from "@/lib/server/test-support/actors";

/** `npm run check` (scripts/check.ts), spawned against a local scenario server. */
function check(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/check.ts", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
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

  it("honours CORSBOARD_PROBE_HOST_MAP like the server, and the SSRF guard still applies to mapped addresses", async () => {
    const port = new URL(server.base).port;
    const url = `http://api.test:${port}/ok`;
    const mapped = await check(["--url", url, "--origin", SCENARIO_ORIGIN], { CORSBOARD_PROBE_HOST_MAP: "*.test=127.0.0.1" });
    expect(mapped.stderr).toBe("");
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toContain(`Target: api.test → 127.0.0.1:${port}`);
    expect(server.seen.map((s) => s.method)).toEqual(["GET"]);
    const guarded = await check(["--url", url, "--origin", SCENARIO_ORIGIN, "--no-private"], { CORSBOARD_PROBE_HOST_MAP: "*.test=127.0.0.1" });
    expect(guarded.code).toBe(2);
    expect(guarded.stderr).toContain("127.0.0.0/8 (loopback)");
    const bad = await check(["--url", url, "--origin", SCENARIO_ORIGIN], { CORSBOARD_PROBE_HOST_MAP: "*.test" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('CORSBOARD_PROBE_HOST_MAP: "*.test" is not pattern=address');
    expect(server.seen.length).toBe(1);
  });
});

// ---------------------------------------------------------------------------
// Saved-checks mode (--server): the CLI against a real HTTP server serving the
// run route with real API-token authentication, on a test database.
// ---------------------------------------------------------------------------

process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = "1";

type RouteHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Serves POST /api/v1/projects/{p}/environments/{e}/checks/run through the route handler. */
async function startDashboard(handler: RouteHandler): Promise<{ base: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const m = /^\/api\/v1\/projects\/([^/]+)\/environments\/([^/]+)\/checks\/run$/.exec(req.url ?? "");
    if (!m || req.method !== "POST") {
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    void handler(new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers }), {
      params: Promise.resolve({ project: decodeURIComponent(m[1] ?? ""), environment: decodeURIComponent(m[2] ?? "") }),
    }).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.each(TEST_BACKENDS)("npm run check -- --server (saved checks) on %s", (backend) => {
  const t = useTestBackend(backend, async () => ({
    ...(await import("@/lib/server/projects/create-project")),
    ...(await import("@/lib/server/tokens/create-token")),
    ...(await import("@/lib/server/saved-checks/create-saved-check")),
    run: (await import("@/app/api/v1/projects/[project]/environments/[environment]/checks/run/route")).POST as RouteHandler,
  }));
  let dashboard: { base: string; close(): Promise<void> };
  let admin: string;
  let reader: string;
  afterAll(async () => dashboard?.close());

  beforeAll(async () => {
    const actors = await createActors(t.app.client.prisma, `cli-${backend}`);
    await t.m.createProject(actors.admin, { slug: "shop", name: "Shop" });
    await t.m.createProject(actors.admin, { slug: "green", name: "Green" });
    await t.m.createProject(actors.admin, { slug: "empty", name: "Empty" });
    admin = (await t.m.createToken(actors.admin, { name: "ci", scope: "admin" })).secret;
    reader = (await t.m.createToken(actors.admin, { name: "svc", scope: "config_read", project: "shop", environment: "dev" })).secret;
    const base = { origin: SCENARIO_ORIGIN, method: "GET", headers: {}, credentials: "omit" as const, expect: "allowed" as const, sendActual: false, engines: ["chromium" as const] };
    await t.m.createSavedCheck(actors.editor, "shop", "dev", { ...base, name: "app can read", url: `${server.base}/ok` });
    await t.m.createSavedCheck(actors.editor, "shop", "dev", { ...base, name: "app can PUT JSON", url: `${server.base}/no-acao`, method: "PUT", headers: { "Content-Type": "application/json" } });
    const putJson = { method: "PUT", headers: { "Content-Type": "application/json" } };
    await t.m.createSavedCheck(actors.editor, "shop", "dev", { ...base, ...putJson, name: "app can PUT for real", url: `${server.base}/ok`, sendActual: true });
    await t.m.createSavedCheck(actors.editor, "green", "dev", { ...base, name: "app can read", url: `${server.base}/ok` });
    dashboard = await startDashboard(t.m.run);
  });

  it("exits 1 when a check fails, printing each check, the explanation and fix, and a summary", async () => {
    const r = await check(["--server", dashboard.base, "--token", admin, "--project", "shop", "--environment", "dev"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✓ PASS  app can read");
    expect(r.stdout).toContain("✗ FAIL  app can PUT JSON");
    expect(r.stdout).toContain("Rule: allow-origin-missing");
    expect(r.stdout).toMatch(/Fix: .+/);
    expect(r.stdout).toContain("1 of 3 saved checks failed.");
    const rows = await t.app.client.prisma.savedCheck.findMany({ where: { environment: { project: { slug: "shop" } } } });
    expect(rows.map((row) => row.lastTrigger)).toEqual(["api", "api", "api"]);
  });

  it("exits 0 when all pass; the token may come from CORSBOARD_TOKEN", async () => {
    const r = await check(["--server", dashboard.base, "--project", "green", "--environment", "dev"], { CORSBOARD_TOKEN: admin });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("All 1 saved check passed.");
  });

  it("exits 2 when the environment has no saved checks (nothing was verified), 0 with --allow-empty", async () => {
    const args = ["--server", dashboard.base, "--token", admin, "--project", "empty", "--environment", "dev"];
    const r = await check(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no saved checks in empty/dev: nothing was verified");
    const allowed = await check([...args, "--allow-empty"]);
    expect([allowed.code, allowed.stderr]).toEqual([0, ""]);
    expect(allowed.stdout).toContain("No saved checks to run.");
  });

  it("labels checks of methods with side effects as preflight only, unless they send the actual request", async () => {
    const r = await check(["--server", dashboard.base, "--token", admin, "--project", "shop", "--environment", "dev"]);
    expect(r.stdout).toContain("✗ FAIL  app can PUT JSON  (preflight only — the actual response was not checked)");
    expect(r.stdout).toMatch(/✓ PASS {2}app can read\n/);
    expect(r.stdout).toMatch(/✓ PASS {2}app can PUT for real\n/);
    // Only the opted-in check's PUT reached the target; the other PUT stayed a preflight.
    expect(server.seen.filter((s) => s.method === "PUT").map((s) => s.path)).toEqual(["/ok"]);
  });

  it("waits up to --timeout for the run (10 minutes by default) and says so when it gives up", async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const r = await check(["--server", base, "--token", admin, "--project", "shop", "--environment", "dev", "--timeout", "1000"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("did not finish the run within 1000 ms: raise --timeout");
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
    const usage = await check(["--server", dashboard.base, "--token", admin, "--project", "shop", "--environment", "dev", "--timeout", "5"]);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining("--timeout: give milliseconds between 1000")]);
    const help = await check(["--help"]);
    expect(help.stdout).toContain("--allow-empty");
    expect(help.stdout).toContain("default 600000, 10 min");
  });

  it("exits 2 explaining 401, 403 and 404, a missing token and an unreachable server", async () => {
    const args = (token: string, project = "shop") => ["--server", dashboard.base, "--token", token, "--project", project, "--environment", "dev"];
    const bad = await check(args("cb_nope_0123456789abcdef"));
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining("refused the token (401)")]);
    const forbidden = await check(args(reader));
    expect([forbidden.code, forbidden.stderr]).toEqual([2, expect.stringContaining("admin scope")]);
    const missing = await check(args(admin, "nope"));
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("not found (404)")]);
    const noToken = await check(["--server", dashboard.base, "--project", "shop", "--environment", "dev"], { CORSBOARD_TOKEN: "" });
    expect([noToken.code, noToken.stderr]).toEqual([2, expect.stringContaining("CORSBOARD_TOKEN")]);
    const down = await check(["--server", "http://127.0.0.1:9", "--token", admin, "--project", "shop", "--environment", "dev"]);
    expect([down.code, down.stderr]).toEqual([2, expect.stringContaining("could not reach http://127.0.0.1:9")]);
  });
});
