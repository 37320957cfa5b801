import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { documentOf } from "@/lib/sdk/test-support/documents";
import { startFakeConfigServer, type FakeConfigServer } from "./test-support/fake-config-server";

// `corsboard pull` (lib/cli, through tsx) against a config API that can be made
// to misbehave: what it writes, what it refuses to write, its exit codes, and
// --watch with --exec. The real Corsboard is used in e2e/packages.spec.ts.

const APP = "https://app.example.com";
const doc = (version: number, origins = [APP]) => documentOf({ origins: origins.map((value) => ({ value, expiresAt: null })) }, version);

let fake: FakeConfigServer;
let dir: string;
let out: string;
const GOOD = "# the last good file\n";

beforeAll(async () => {
  fake = await startFakeConfigServer(doc(1));
});
afterAll(() => fake.close());
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "corsboard-pull-"));
  out = path.join(dir, "cors.conf");
  fake.publish(doc(1));
  fake.answer = null;
  fake.renderVersion = null;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function spawnPull(args: string[]): ChildProcess {
  return spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "lib/cli/bin.ts", "pull", ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

function pull(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawnPull(args);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const base = (format = "nginx", token = "good-token") => ["--server", fake.url, "--token", token, "--project", "p", "--environment", "e", "--format", format, "--out", out];

describe("corsboard pull", () => {
  it("writes the requested format of the checked policy, and leaves a current file alone", async () => {
    const r = await pull(base());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote version 1 of p/e (nginx) to ${out}`);
    expect(readFileSync(out, "utf8")).toBe(fake.render(doc(1)));
    const again = await pull(base());
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already has version 1");
    const json = await pull(base("json"));
    expect(json.code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(doc(1));
  });

  it("never writes an invalid, empty, oversized or mismatched policy; the last good file stays (exit 1)", async () => {
    const cases: [string, () => void, string[], string][] = [
      ["tampered", () => fake.publish({ ...doc(2), contentHash: "0".repeat(64) }), [], "does not match its contentHash"],
      ["refused by the core", () => fake.publish(doc(2, ["https://*.com"])), [], "public suffix"],
      ["another environment", () => fake.publish({ ...doc(2), environment: "prod" }), [], "not p/e"],
      ["empty rendering", () => (fake.render = () => "  \n"), [], "is empty: refused"],
      ["rendering of another version", () => (fake.renderVersion = 3), [], "version 3 was published while version 1 was being checked"],
      ["too big", () => {}, ["--max-bytes", "100"], "larger than 100 bytes"],
      ["server error", () => (fake.answer = { status: 503, body: "{}" }), [], "the server answered 503"],
      ["nothing published", () => (fake.answer = { status: 404, body: JSON.stringify({ code: "nothing_published" }) }), [], "nothing is published yet for p/e"],
    ];
    const render = fake.render;
    for (const [name, setUp, extra, message] of cases) {
      writeFileSync(out, GOOD);
      fake.publish(doc(1));
      fake.answer = null;
      fake.renderVersion = null;
      fake.render = render;
      setUp();
      const r = await pull([...base(), ...extra]);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toContain(message);
      expect(r.stderr, name).toContain(`${out} is left as it was`);
      expect(readFileSync(out, "utf8"), name).toBe(GOOD);
    }
    fake.render = render;
  });

  it("kills an --exec that outlives --exec-timeout and says so; the written file stays", async () => {
    const r = await pull([...base(), "--exec", "sleep 30", "--exec-timeout", "300"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`--exec "sleep 30" killed after 300 ms (--exec-timeout); ${out} keeps version 1.`);
    expect(readFileSync(out, "utf8")).toBe(fake.render(doc(1)));
  });

  it("keeps the file when Corsboard is down (exit 1), and exits 2 on usage and auth errors", async () => {
    writeFileSync(out, GOOD);
    const down = await pull(["--server", "http://127.0.0.1:3499", "--token", "good-token", "--project", "p", "--environment", "e", "--format", "nginx", "--out", out]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain("could not reach http://127.0.0.1:3499: ECONNREFUSED");
    const auth = await pull([...base("nginx", "wrong"), "--watch"]);
    expect(auth.code).toBe(2);
    expect(auth.stderr).toContain("the server refused the token (401)");
    const usage = await pull(["--server", fake.url, "--token", "good-token", "--project", "p", "--environment", "e", "--format", "yaml", "--out", out]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format "yaml": use one of nginx, env, origins, json');
    expect(readFileSync(out, "utf8")).toBe(GOOD);
  });

  it("--watch rewrites the file on each publish and runs --exec after each write; a failing --exec or a refused policy keeps the file", async () => {
    const marker = path.join(dir, "exec.log");
    const child = spawnPull([...base(), "--watch", "--exec", `echo "$CORSBOARD_PULL_VERSION" >> ${marker}; test "$CORSBOARD_PULL_VERSION" != 3`]);
    let stdout = "";
    let stderr = "";
    const waiters: { text: string; stream: "out" | "err"; resolve: () => void }[] = [];
    const check = () => {
      for (const w of [...waiters]) {
        if ((w.stream === "out" ? stdout : stderr).includes(w.text)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    };
    child.stdout!.on("data", (d: Buffer) => ((stdout += d.toString()), check()));
    child.stderr!.on("data", (d: Buffer) => ((stderr += d.toString()), check()));
    const seen = (text: string, stream: "out" | "err" = "out") => new Promise<void>((resolve) => (waiters.push({ text, stream, resolve }), check()));
    try {
      await seen("watching p/e");
      expect(readFileSync(out, "utf8")).toBe(fake.render(doc(1)));
      const t0 = Date.now();
      fake.publish(doc(2, [APP, "https://two.example.com"]));
      await seen("wrote version 2");
      expect(Date.now() - t0).toBeLessThan(1_000);
      expect(readFileSync(out, "utf8")).toContain("https://two.example.com");
      fake.publish(doc(3, [APP, "https://three.example.com"]));
      await seen("exited with code 1; " + `${out} keeps version 3`, "err");
      expect(readFileSync(out, "utf8")).toContain("https://three.example.com");
      // A policy the checks refuse never reaches the file.
      fake.publish({ ...doc(4, ["https://four.example.com"]), contentHash: "0".repeat(64) });
      await seen("refused policy version 4", "err");
      expect(readFileSync(marker, "utf8").split("\n").filter(Boolean)).toEqual(["1", "2", "3"]);
      expect(readFileSync(out, "utf8")).toContain("https://three.example.com");
      // Corsboard goes away: the file stays as it is, and the process keeps going.
      await fake.close();
      await seen(`${out} is left as it was`, "err");
      expect(readFileSync(out, "utf8")).toContain("https://three.example.com");
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("close", r));
    }
  });
});
