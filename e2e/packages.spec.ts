import { expect, test, type Page } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { packPackages } from "../scripts/pack-packages.mjs";
import { adminAuth } from "./support/api";
import { envApi, publishApi } from "./support/editor-fixtures";
import { createProjectApi, uniqueSlug } from "./support/project-fixtures";
import { E2E_ADMIN_TOKEN } from "./support/test-env.mjs";
import { stopChild } from "./support/server-process";

/**
 * What a new user does from another repository (issue 11, "How it is
 * shown"): both packages are packed, then installed with plain `npm install
 * <the dashboard's download URL>` into fresh projects in the system's temp
 * directory — a real copy, not a symlink, and no repository on the path.
 * An Express and a Fastify service run on the installed SDK against this
 * Corsboard; a real Chromium page on http://app.test is blocked, its origin
 * is published, and the same call succeeds without restarting either
 * service. The installed CLI gates on saved checks (`npx corsboard check`:
 * exit 1, then 0) and `corsboard pull --watch --exec` rewrites an nginx file
 * within a second of the publish and runs the command.
 *
 * This machine has no registry access, so the services' frameworks
 * (express, fastify) are linked from the repository's node_modules into the
 * temporary project; the packages under test are real installs.
 */
test.describe.configure({ timeout: 300_000 });

const REPO = path.resolve(".");
const VERSION = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
// npm's extras off through its environment, so the command lines are the README's.
const NPM_ENV = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", npm_config_prefer_offline: "true" };

let tmp: string;
const children: ChildProcess[] = [];
let pages: http.Server | undefined;

test.beforeAll(async () => {
  // The dashboard serves whatever dist/packages holds: build them now (and npm's publish checks).
  await packPackages({ check: true });
  tmp = mkdtempSync(path.join(os.tmpdir(), "corsboard-adopt-"));
  expect(path.relative(REPO, tmp).startsWith("..")).toBe(true);
});

test.afterAll(async () => {
  await Promise.all(children.map(stopChild));
  await new Promise<void>((resolve) => (pages ? (pages.closeAllConnections(), pages.close(() => resolve())) : resolve()));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A fresh npm project, and `npm install <url>` in it; returns its directory. */
function freshProjectWith(name: string, url: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }, null, 2));
  const install = spawnSync("npm", ["install", url], { cwd: dir, env: NPM_ENV, encoding: "utf8" });
  expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);
  return dir;
}

/** Bytes under a directory, as du counts them (apparent size). */
function installedBytes(dir: string): number {
  return Number(spawnSync("du", ["-sb", dir], { encoding: "utf8" }).stdout.split("\t")[0]);
}

function startProcess(command: string, args: string[], cwd: string, env: Record<string, string>): { child: ChildProcess; output: () => string; waitFor: (re: RegExp) => Promise<RegExpExecArray> } {
  const child = spawn(command, args, { cwd, env: { ...NPM_ENV, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  const waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) {
      const m = w.re.exec(out);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const waitFor = (re: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const m = re.exec(out);
      if (m) return resolve(m);
      waiters.push({ re, resolve });
      child.once("exit", (code) => reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${out}`)));
    });
  return { child, output: () => out, waitFor };
}

/** A cross-origin call that needs a preflight (JSON body, Authorization), made by the page itself. */
function callApi(page: Page, apiOrigin: string): Promise<string> {
  return page.evaluate(async (url) => {
    try {
      const res = await fetch(`${url}/api/orders`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer s" }, body: JSON.stringify({ item: "kettle" }) });
      return `status ${res.status} ${JSON.stringify(await res.json())}`;
    } catch (e) {
      return e instanceof TypeError ? "blocked" : `error ${String(e)}`;
    }
  }, apiOrigin);
}

function corsboardCli(dir: string, args: string[]) {
  return spawnSync("npx", ["corsboard", ...args], { cwd: dir, env: NPM_ENV, encoding: "utf8" });
}

test("installed from the dashboard's tarballs: SDK in Express and Fastify, CLI check and pull --watch", async ({ request, browser, baseURL }) => {
  // The downloads are public (no token, no cookie) and named by version.
  for (const name of ["sdk", "cli"]) {
    const res = await fetch(`${baseURL}/downloads/corsboard-${name}.tgz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/gzip");
    expect(res.headers.get("etag")).toBeTruthy();
    expect(res.headers.get("content-disposition")).toContain(`corsboard-${name}-${VERSION}.tgz`);
  }

  // Corsboard: a project whose "live" environment does not list the page yet.
  const slug = uniqueSlug("adopt");
  await createProjectApi(request, { slug, name: `Adopt ${slug}`, environments: [{ slug: "live", name: "Live" }] });
  // No preflight cache in the browser (maxAgeSeconds null): each call asks again.
  const settings = { allowedMethods: ["GET", "POST"], allowedHeaders: ["authorization", "content-type"], maxAgeSeconds: null };
  const publish = (origins: string[], message: string) => publishApi(request, slug, "live", { ...settings, origins }, message);
  await publish(["https://www.storefront.example"], "The storefront only");
  const created = await request.post("/api/v1/tokens", { headers: adminAuth, data: { name: `services ${slug}`, scope: "config_read", project: slug, environment: "live" } });
  expect(created.status(), await created.text()).toBe(201);
  const { secret: readToken } = (await created.json()) as { secret: string };

  // The SDK, installed as a service would: npm install <the dashboard's URL>.
  const svc = freshProjectWith("service", `${baseURL}/downloads/corsboard-sdk.tgz`);
  const sdkDir = path.join(svc, "node_modules", "@corsboard", "sdk");
  expect(lstatSync(sdkDir).isSymbolicLink()).toBe(false);
  expect((JSON.parse(readFileSync(path.join(sdkDir, "package.json"), "utf8")) as { version: string }).version).toBe(VERSION);
  const sdkBytes = installedBytes(path.join(svc, "node_modules"));
  for (const framework of ["express", "fastify"]) symlinkSync(path.join(REPO, "node_modules", framework), path.join(svc, "node_modules", framework), "dir");
  for (const file of ["express-service.mjs", "fastify-service.mjs"]) copyFileSync(path.join(REPO, "e2e", "services", "installed", file), path.join(svc, file));

  const serviceEnv = { CORSBOARD_URL: baseURL!, CORSBOARD_TOKEN: readToken, CORSBOARD_PROJECT: slug, CORSBOARD_ENVIRONMENT: "live", PORT: "0" };
  const services = await Promise.all(
    ["express-service.mjs", "fastify-service.mjs"].map(async (file) => {
      const proc = startProcess(process.execPath, [file], svc, serviceEnv);
      const [, port, resolved] = await proc.waitFor(/LISTENING (\d+) sdk=(\S+)/);
      // The SDK comes from the temporary project, not from the repository.
      expect(resolved).toBe(`file://${path.join(sdkDir, "index.mjs")}`);
      return { name: file, ...proc, origin: `http://api.test:${port}` };
    }),
  );

  // The page, on its own origin.
  pages = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>app.test</title><h1>The storefront front end</h1>"));
  await new Promise<void>((resolve) => pages!.listen(0, "127.0.0.1", resolve));
  const appOrigin = `http://app.test:${(pages.address() as AddressInfo).port}`;
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const app = await context.newPage();
  await app.goto(`${appOrigin}/`);
  for (const s of services) expect(await callApi(app, s.origin), s.name).toBe("blocked");

  // The CLI, installed the same way; the CI gate fails while the page's origin is not allowed.
  const cli = freshProjectWith("ci", `${baseURL}/downloads/corsboard-cli.tgz`);
  const cliBytes = installedBytes(path.join(cli, "node_modules"));
  expect(lstatSync(path.join(cli, "node_modules", "@corsboard", "cli")).isSymbolicLink()).toBe(false);
  const added = await request.post(`${envApi(slug, "live")}/checks`, {
    headers: adminAuth,
    data: { name: "app.test can read orders", url: `${services[0]!.origin}/api/orders`, origin: appOrigin, method: "POST", headers: { "content-type": "application/json", authorization: "Bearer s" } },
  });
  expect(added.status(), await added.text()).toBe(201);
  const checkArgs = ["check", "--server", baseURL!, "--token", E2E_ADMIN_TOKEN, "--project", slug, "--environment", "live"];
  const failing = corsboardCli(cli, checkArgs);
  expect(failing.status, `${failing.stdout}\n${failing.stderr}`).toBe(1);

  // corsboard pull follows the environment into an nginx file and "reloads" after each write.
  const conf = path.join(cli, "cors-origins.conf");
  const reloads = path.join(cli, "reloads.log");
  // (node_modules/.bin/corsboard is what `npx corsboard` runs; called directly so the test can stop it.)
  const pull = startProcess(
    path.join(cli, "node_modules", ".bin", "corsboard"),
    ["pull", "--server", baseURL!, "--token", readToken, "--project", slug, "--environment", "live", "--format", "nginx", "--out", conf, "--watch", "--exec", `echo reloaded >> ${reloads}`],
    cli,
    {},
  );
  await pull.waitFor(/watching/);
  expect(readFileSync(conf, "utf8")).toContain("map $http_origin");
  expect(readFileSync(conf, "utf8")).not.toContain("app.test");
  expect(readFileSync(reloads, "utf8").trim().split("\n")).toEqual(["reloaded"]);

  // Publish the page's origin in the dashboard.
  await publish(["https://www.storefront.example", appOrigin], "Allow the app.test front end");
  const publishedAt = Date.now();

  await pull.waitFor(/wrote version 2/);
  const pullLatency = Date.now() - publishedAt;
  expect(pullLatency).toBeLessThan(1_000);
  expect(readFileSync(conf, "utf8")).toContain(appOrigin);
  await expect.poll(() => readFileSync(reloads, "utf8").trim().split("\n").length).toBe(2);

  // The same call goes through now, on both services, without restarting them.
  for (const s of services) {
    await expect.poll(() => callApi(app, s.origin), { timeout: 2_000, intervals: [100] }).toBe('status 201 {"ordered":"kettle"}');
    expect(s.child.exitCode, s.name).toBeNull();
    expect(s.output().match(/LISTENING/g)).toHaveLength(1);
  }
  const passing = corsboardCli(cli, checkArgs);
  expect(passing.status, `${passing.stdout}\n${passing.stderr}`).toBe(0);
  expect(passing.stdout).toContain("app.test can read orders");

  // Sizes (issue 11: SDK < 1 MB installed with its dependencies — it has none).
  const sizes = `installed: @corsboard/sdk ${sdkBytes} bytes, @corsboard/cli ${cliBytes} bytes (du -sb node_modules); pull wrote ${pullLatency} ms after the publish answered`;
  console.log(sizes);
  test.info().annotations.push({ type: "sizes", description: sizes });
  expect(sdkBytes).toBeLessThan(1024 * 1024);
  await context.close();
});
