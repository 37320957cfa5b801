import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeRefusal, refusalError, type ProbeOutcome } from "./probe-outcome";
import { runProbe as probeOutcome, type ProbeInput, type ProbeOptions, type ProbeResult } from "./run-probe";
import type { Resolver } from "./ssrf-guard";
import { SCENARIO_ORIGIN, startScenarioServer, type ScenarioServer } from "./test-support/scenario-server";

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.seen.length = 0;
});

const LOCAL: ProbeOptions = { allowPrivate: true };

/** The result of a probe that was not refused (most tests look at the result whatever the outcome). */
async function runProbe(request: ProbeInput, options: ProbeOptions): Promise<ProbeResult> {
  const outcome = await probeOutcome(request, options);
  if (outcome.kind === "refused") throw new Error(`refused: ${describeRefusal(outcome.refusal)}`);
  return outcome.result;
}

function input(path: string, over: Partial<ProbeInput> = {}): ProbeInput {
  return { url: `${server.base}${path}`, origin: SCENARIO_ORIGIN, method: "GET", headers: {}, credentials: "omit", ...over };
}

describe("runProbe against a local server (private targets allowed)", () => {
  it("allowed: sends the browser's preflight, then the actual request with Origin", async () => {
    const result = await runProbe(input("/ok", { method: "PUT", headers: { "Content-Type": "application/json" }, sendActual: true }), LOCAL);
    expect(result).toMatchObject({ verdict: "allowed", stage: null, failure: null, preflight: { required: true, status: 204, maxAgeSeconds: 600 }, actual: { status: 200 } });
    expect(server.seen.map((r) => r.method)).toEqual(["OPTIONS", "PUT"]);
    const [preflight, actual] = server.seen;
    expect(preflight?.headers).toMatchObject({ origin: SCENARIO_ORIGIN, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" });
    expect(preflight?.headers.cookie).toBeUndefined();
    expect(preflight?.headers["content-type"]).toBeUndefined();
    expect(actual?.headers).toMatchObject({ origin: SCENARIO_ORIGIN, "content-type": "application/json" });
    expect(result.steps.at(-1)).toMatchObject({ id: "actual-response", outcome: "pass" });
  });

  it("a simple GET sends no preflight", async () => {
    const result = await runProbe(input("/ok"), LOCAL);
    expect(result).toMatchObject({ verdict: "allowed", preflight: { required: false, status: null }, actual: { status: 200 } });
    expect(server.seen.map((r) => r.method)).toEqual(["GET"]);
  });

  it("blocked at the preflight: no Access-Control-Allow-Origin", async () => {
    const result = await runProbe(input("/no-acao", { method: "PUT", headers: { "Content-Type": "application/json" }, sendActual: true }), LOCAL);
    expect(result).toMatchObject({ verdict: "blocked", stage: "preflight", failure: { rule: "allow-origin-missing" }, actual: null });
    expect(server.seen.map((r) => r.method)).toEqual(["OPTIONS"]);
  });

  it("blocked at the preflight: a header not allowed", async () => {
    const result = await runProbe(input("/header-not-allowed", { method: "PUT", headers: { "Content-Type": "application/json" }, sendActual: true }), LOCAL);
    expect(result).toMatchObject({ verdict: "blocked", stage: "preflight", failure: { rule: "header-not-allowed" } });
    expect(result.failure?.fix).toMatch(/content-type/i);
    expect(server.seen.map((r) => r.method)).toEqual(["OPTIONS"]);
  });

  it("blocked at the actual response", async () => {
    const result = await runProbe(input("/actual-blocked", { method: "DELETE", sendActual: true }), LOCAL);
    expect(result).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "allow-origin-missing" }, preflight: { status: 204 }, actual: { status: 200 } });
    expect(server.seen.map((r) => r.method)).toEqual(["OPTIONS", "DELETE"]);
  });

  it("several Access-Control-Allow-Origin lines are seen as the browser sees them", async () => {
    const result = await runProbe(input("/multi-acao"), LOCAL);
    expect(result).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "allow-origin-multiple" } });
  });

  it("a redirected preflight fails, and the redirect is not followed", async () => {
    const result = await runProbe(input("/preflight-redirect", { method: "PUT", headers: { "Content-Type": "application/json" }, sendActual: true }), LOCAL);
    expect(result).toMatchObject({ verdict: "blocked", stage: "preflight", failure: { rule: "preflight-redirect" }, preflight: { status: 301 } });
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual(["OPTIONS /preflight-redirect"]);
  });

  it("an actual-request redirect is followed; each hop goes through the SSRF guard (a hop that does not resolve is a network error)", async () => {
    const asked: string[] = [];
    const resolve: Resolver = async (host) => {
      asked.push(host);
      if (host === "elsewhere.example") throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const result = await runProbe(input("/actual-redirect"), { ...LOCAL, resolve });
    expect(result.actual?.status).toBe(302);
    expect(asked).toEqual(["elsewhere.example"]);
    expect(result).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "actual-no-response" } });
    expect(result.failure?.message).toContain("elsewhere.example does not resolve");
    expect(result.steps.map((s) => s.id)).toContain("redirect");
    expect(server.seen).toHaveLength(1);
  });

  it("a same-origin redirect is followed: the next hop is checked, and the chain is in the steps", async () => {
    const result = await runProbe(input("/redirect-same-origin"), LOCAL);
    expect(result).toMatchObject({ verdict: "allowed", actual: { status: 302 } });
    expect(server.seen.map((r) => `${r.method} ${r.path} ${r.headers.origin ?? "-"}`)).toEqual([`GET /redirect-same-origin ${SCENARIO_ORIGIN}`, `GET /ok ${SCENARIO_ORIGIN}`]);
    expect(result.steps.at(-1)).toMatchObject({ id: "redirect-1/actual-response", outcome: "pass" });
    expect(result.warnings.join(" ")).not.toContain("no response for it was supplied");
  });

  it("303 turns POST into GET without Content-Type", async () => {
    const result = await runProbe(input("/redirect-303", { method: "POST", headers: { "Content-Type": "application/json" }, sendActual: true }), LOCAL);
    expect(result.verdict).toBe("allowed");
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual(["OPTIONS /redirect-303", "POST /redirect-303", "GET /ok"]);
    expect(server.seen[2]?.headers["content-type"]).toBeUndefined();
  });

  it("307 to another origin keeps PUT, preflights again with Origin: null (tainted), resolving the new host", async () => {
    const asked: string[] = [];
    const resolve: Resolver = async (host) => (asked.push(host), [{ address: "127.0.0.1", family: 4 }]);
    const result = await runProbe(input("/redirect-307-cross-origin", { method: "PUT", headers: { "Content-Type": "application/json" }, sendActual: true }), { ...LOCAL, resolve });
    expect(result.verdict).toBe("allowed");
    expect(asked).toEqual(["other.test"]);
    expect(server.seen.map((r) => `${r.method} ${r.path} ${r.headers.host} ${r.headers.origin}`)).toEqual([
      `OPTIONS /redirect-307-cross-origin 127.0.0.1:${server.port} ${SCENARIO_ORIGIN}`,
      `PUT /redirect-307-cross-origin 127.0.0.1:${server.port} ${SCENARIO_ORIGIN}`,
      `OPTIONS /ok other.test:${server.port} null`,
      `PUT /ok other.test:${server.port} null`,
    ]);
    expect(server.seen[3]?.headers["content-type"]).toBe("application/json");
  });

  it("a cross-origin redirect drops Authorization", async () => {
    const resolve: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
    await runProbe(input("/redirect-cross-origin-auth", { headers: { Authorization: "Bearer secret" } }), { ...LOCAL, resolve });
    expect(server.seen.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? "-"}`)).toEqual([
      "OPTIONS /redirect-cross-origin-auth -",
      "GET /redirect-cross-origin-auth Bearer secret",
      "GET /ok -",
    ]);
  });

  it("stops after 20 redirects (21 requests), like the browser", async () => {
    const result = await runProbe(input("/redirect-loop"), LOCAL);
    expect(result).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "redirect-limit" } });
    expect(server.seen).toHaveLength(21);
  });

  it("a redirect to a bad port is blocked without connecting there", async () => {
    const { port, connections, close } = await countingListener();
    try {
      const result = await runProbe(input(`/redirect-bad-port?port=${port}`), LOCAL);
      expect(result).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "bad-port" } });
      expect(server.seen).toHaveLength(1);
      expect(connections()).toBe(0);
    } finally {
      await close();
    }
  });

  it("reads a response with 20 KiB of headers, as Chromium does (Node's default limit is 16 KiB)", async () => {
    const result = await runProbe(input("/big-headers?kib=20"), LOCAL);
    expect(result).toMatchObject({ verdict: "allowed", actual: { status: 200 } });
  });

  it("more than 256 KiB of response headers is a network error, as in Chromium (ERR_RESPONSE_HEADERS_TOO_BIG)", async () => {
    const result = await runProbe(input("/big-headers?kib=300"), LOCAL);
    expect(result).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "actual-no-response" } });
  });

  it("a bad port (Fetch port blocking) is refused before any connection", async () => {
    const { port, connections, close } = await countingListener();
    try {
      const result = await runProbe({ ...input("/ok"), url: `http://127.0.0.1:${port}/ok`, method: "PUT", headers: { "Content-Type": "application/json" }, sendActual: true }, LOCAL);
      expect(result).toMatchObject({ verdict: "blocked", stage: "preflight", failure: { rule: "bad-port" }, target: null, actual: null, preflight: { request: null } });
      expect(result.failure?.message).toContain(`port ${port}`);
      expect(result.warnings.join(" ")).toContain("sent nothing");
      // Give a stray connection time to arrive before counting.
      await new Promise((done) => setTimeout(done, 100));
      expect(connections()).toBe(0);
    } finally {
      await close();
    }
  });

  it("a DNS lookup that never answers times out with a clear failure", async () => {
    const started = Date.now();
    const resolve: Resolver = () => new Promise(() => undefined);
    const outcome = await probeOutcome({ ...input("/ok"), url: "https://slow.example/x" }, { allowPrivate: false, resolve, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(outcome).toMatchObject({ kind: "unreachable", cause: { kind: "dns-timeout", host: "slow.example", timeoutMs: 300 } });
    const result = (outcome as Extract<ProbeOutcome, { kind: "unreachable" }>).result;
    expect(result).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "actual-no-response" } });
    expect(result.failure?.message).toContain("DNS lookup of slow.example timed out");
    expect(result.failure?.fix).toMatch(/DNS|resolve/);
  });

  it("a server that never answers times out with a clear failure", async () => {
    const started = Date.now();
    const outcome = await probeOutcome(input("/hang", { method: "PUT", headers: { "Content-Type": "application/json" } }), { ...LOCAL, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(outcome).toMatchObject({ kind: "unreachable", cause: { kind: "timeout", timeoutMs: 300 } });
    const result = (outcome as Extract<ProbeOutcome, { kind: "unreachable" }>).result;
    expect(result).toMatchObject({ verdict: "blocked", stage: "preflight", failure: { rule: "preflight-no-response" }, preflight: { status: null } });
    expect(result.failure?.message).toContain("timed out");
    expect(result.preflight.error).toContain("timed out");
  });

  it("a refused connection is a blocked verdict that says so", async () => {
    // A port nobody listens on (not a bad port: those are refused before connecting).
    const closed = net.createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const outcome = await probeOutcome({ ...input("/ok"), url: `http://127.0.0.1:${port}/ok` }, LOCAL);
    expect(outcome).toMatchObject({ kind: "unreachable", cause: { kind: "connection", code: "ECONNREFUSED", tls: false } });
    const result = (outcome as Extract<ProbeOutcome, { kind: "unreachable" }>).result;
    expect(result).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "actual-no-response" } });
    expect(result.failure?.message).toBe("No response to the request: connection refused (ECONNREFUSED).");
  });

  it("reads at most 64 KiB of a body, then cancels", async () => {
    const result = await runProbe(input("/big"), LOCAL);
    expect(result).toMatchObject({ verdict: "allowed", actual: { status: 200, bodyBytesRead: 64 * 1024, bodyTruncated: true } });
  });

  it("does not send a non-GET request without sendActual, and says its response was not checked", async () => {
    const result = await runProbe(input("/ok", { method: "DELETE" }), LOCAL);
    expect(result).toMatchObject({ verdict: "allowed", actual: null, preflight: { status: 204 } });
    expect(result.steps.at(-1)).toMatchObject({ id: "actual-response", outcome: "skip" });
    expect(result.warnings.join(" ")).toContain("was not sent");
    expect(server.seen.map((r) => r.method)).toEqual(["OPTIONS"]);
  });

  it("does not send a POST without sendActual even when no preflight is needed", async () => {
    const result = await runProbe(input("/ok", { method: "POST", headers: { "Content-Type": "text/plain" } }), LOCAL);
    expect(result).toMatchObject({ verdict: "allowed", actual: null, preflight: { required: false } });
    expect(server.seen).toEqual([]);
  });

  it("sends nothing for a request fetch() rejects (forbidden method)", async () => {
    const result = await runProbe(input("/ok", { method: "TRACE", sendActual: true }), LOCAL);
    expect(result).toMatchObject({ verdict: "blocked", stage: "preflight", failure: { rule: "forbidden-method" }, target: null });
    expect(server.seen).toEqual([]);
  });
});

describe("runProbe request bytes", () => {
  it("sends a method fetch() does not normalize byte for byte: patch stays patch (regression: node:http upper-cased it)", async () => {
    // A raw server (node:http itself answers 400 to a lowercase method): records request lines, allows `patch`.
    const lines: string[] = [];
    const raw = net.createServer((socket) => {
      socket.on("data", (chunk: Buffer) => {
        const line = chunk.toString("latin1").split("\r\n")[0] ?? "";
        lines.push(line);
        const headers = line.startsWith("OPTIONS ")
          ? `Access-Control-Allow-Origin: ${SCENARIO_ORIGIN}\r\nAccess-Control-Allow-Methods: patch\r\n`
          : `Access-Control-Allow-Origin: ${SCENARIO_ORIGIN}\r\n`;
        socket.end(`HTTP/1.1 ${line.startsWith("OPTIONS ") ? "204 No Content" : "200 OK"}\r\n${headers}Content-Length: 0\r\nConnection: close\r\n\r\n`);
      });
    });
    await new Promise<void>((done) => raw.listen(0, "127.0.0.1", done));
    try {
      const port = (raw.address() as AddressInfo).port;
      const result = await runProbe({ url: `http://127.0.0.1:${port}/item`, origin: SCENARIO_ORIGIN, method: "patch", headers: {}, credentials: "omit", sendActual: true }, LOCAL);
      expect(lines).toEqual(["OPTIONS /item HTTP/1.1", "patch /item HTTP/1.1"]);
      expect(result).toMatchObject({ verdict: "allowed", actual: { request: { method: "patch" }, status: 200 } });
    } finally {
      await new Promise<void>((done) => raw.close(() => done()));
    }
  });
});

describe("runProbe SSRF guard", () => {
  it("refuses a loopback target by default and sends nothing", async () => {
    const outcome = await probeOutcome(input("/ok"), { allowPrivate: false });
    expect(outcome).toEqual({ kind: "refused", refusal: { reason: "private-address", host: "127.0.0.1", literal: true, range: expect.stringContaining("127.0.0.0/8") } });
    // As the API answers it.
    if (outcome.kind !== "refused") throw new Error("not refused");
    expect(refusalError(outcome.refusal)).toMatchObject({ status: 422, code: "target_not_allowed", errors: [{ field: "body.url" }] });
    expect(server.seen).toEqual([]);
  });

  it("refuses a name resolving to a private address", async () => {
    const resolve: Resolver = async () => [{ address: "192.168.1.20", family: 4 }];
    const outcome = await probeOutcome({ ...input("/ok"), url: `http://printer.lan:${server.port}/ok` }, { allowPrivate: false, resolve });
    expect(outcome).toMatchObject({ kind: "refused", refusal: { reason: "private-address", host: "printer.lan", literal: false } });
    expect(server.seen).toEqual([]);
  });

  it("DNS rebinding: every request goes to the first checked address, the name is resolved once", async () => {
    // First answer 127.0.0.1 (the scenario server); any later answer would be an unroutable address.
    const answers = [[{ address: "127.0.0.1", family: 4 as const }], [{ address: "192.0.2.1", family: 4 as const }]];
    let calls = 0;
    const resolve: Resolver = async () => answers[Math.min(calls++, 1)]!;
    const url = `http://rebind.test:${server.port}/ok`;
    const result = await runProbe({ url, origin: SCENARIO_ORIGIN, method: "PUT", headers: { "Content-Type": "application/json" }, credentials: "omit", sendActual: true }, { allowPrivate: true, resolve, timeoutMs: 2_000 });
    expect(result).toMatchObject({ verdict: "allowed", target: { host: "rebind.test", address: "127.0.0.1" } });
    expect(calls).toBe(1);
    expect(server.seen.map((r) => r.method)).toEqual(["OPTIONS", "PUT"]);
    expect(server.seen.every((r) => r.headers.host === `rebind.test:${server.port}`)).toBe(true);
  });

  it("DNS rebinding without the override: checked public address 1.2.3.4, later answers 127.0.0.1; nothing ever connects to 127.0.0.1", async () => {
    // A listener on 127.0.0.1 counting every TCP connection: the rebinding target.
    let connections = 0;
    const local = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((done) => local.listen(0, "127.0.0.1", done));
    const port = (local.address() as AddressInfo).port;
    const asked: string[] = [];
    const resolve: Resolver = async (host) => {
      asked.push(host);
      return asked.length === 1 ? [{ address: "1.2.3.4", family: 4 }] : [{ address: "127.0.0.1", family: 4 }];
    };
    try {
      const result = await runProbe(
        { url: `http://rebind.example:${port}/ok`, origin: SCENARIO_ORIGIN, method: "PUT", headers: { "Content-Type": "application/json" }, credentials: "omit", sendActual: true },
        { allowPrivate: false, resolve, timeoutMs: 400 },
      );
      // Pinned to the checked address: the preflight went (or tried to go) to
      // 1.2.3.4, which does not answer here, so it is a network failure there.
      expect(result).toMatchObject({ verdict: "blocked", stage: "preflight", target: { host: "rebind.example", address: "1.2.3.4", port } });
      expect(result.failure?.rule).toBe("preflight-no-response");
      expect(asked).toEqual(["rebind.example"]);
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((done) => local.close(() => done()));
    }
  });

  it("a name that does not resolve is a blocked verdict explaining the DNS failure", async () => {
    const resolve: Resolver = () => Promise.reject(Object.assign(new Error("nope"), { code: "ENOTFOUND" }));
    const outcome = await probeOutcome({ ...input("/ok"), url: "https://nowhere.invalid/x" }, { allowPrivate: false, resolve });
    expect(outcome).toMatchObject({ kind: "unreachable", cause: { kind: "dns-not-found", host: "nowhere.invalid", code: "ENOTFOUND" } });
    const result = (outcome as Extract<ProbeOutcome, { kind: "unreachable" }>).result;
    expect(result).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "actual-no-response" } });
    expect(result.failure?.message).toContain("nowhere.invalid does not resolve");
  });
});

describe("runProbe over HTTPS", () => {
  // A throwaway self-signed certificate for secure.test, made with openssl when it is installed.
  const dir = mkdtempSync(path.join(os.tmpdir(), "corsboard-probe-tls-"));
  const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", `${dir}/key.pem`, "-out", `${dir}/cert.pem`, "-days", "1", "-subj", "/CN=secure.test", "-addext", "subjectAltName=DNS:secure.test"], { stdio: "ignore" });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Skipped only on a laptop without openssl: in CI a missing openssl fails the file, so the HTTPS path is never silently unchecked.
  if (made.status !== 0 && process.env.CI) throw new Error("openssl is needed in CI to make the test certificate for the HTTPS probe test (Debian package openssl).");

  it.skipIf(made.status !== 0)("connects to the pinned address with SNI = the host name, and reports an untrusted certificate as a network failure", async () => {
    const sni: string[] = [];
    const tls = https.createServer(
      {
        key: readFileSync(`${dir}/key.pem`),
        cert: readFileSync(`${dir}/cert.pem`),
        SNICallback: (name, cb) => {
          sni.push(name);
          cb(null, undefined as never);
        },
      },
      (req, res) => {
        res.writeHead(200, { "Access-Control-Allow-Origin": String(req.headers.origin) });
        res.end();
      },
    );
    await new Promise<void>((done) => tls.listen(0, "127.0.0.1", done));
    try {
      const port = (tls.address() as AddressInfo).port;
      const resolve: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
      const result = await runProbe({ url: `https://secure.test:${port}/x`, origin: SCENARIO_ORIGIN, method: "GET", headers: {}, credentials: "omit" }, { allowPrivate: true, resolve });
      expect(sni).toEqual(["secure.test"]);
      expect(result).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "actual-no-response" } });
      expect(result.failure?.message).toContain("self-signed certificate");
      expect(result.failure?.fix).toContain("certificate");
    } finally {
      tls.closeAllConnections();
      await new Promise<void>((done) => tls.close(() => done()));
    }
  });
});

/**
 * A TCP listener on a bad port of 127.0.0.1 counting connections (to prove
 * the probe never connects there). Tries a few unprivileged bad ports, in
 * case another test run holds one.
 */
async function countingListener(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  for (const port of [6666, 6665, 6667, 6668, 6669, 6679, 6697, 10080, 4190, 6000]) {
    let count = 0;
    const listener = net.createServer((socket) => {
      count++;
      socket.destroy();
    });
    const bound = await new Promise<boolean>((done) => {
      listener.once("error", () => done(false));
      listener.listen(port, "127.0.0.1", () => done(true));
    });
    if (bound) return { port, connections: () => count, close: () => new Promise<void>((done) => listener.close(() => done())) };
  }
  throw new Error("no bad port free on 127.0.0.1 to listen on");
}
