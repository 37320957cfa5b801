import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { buildFingerprint } from "../scripts/build-fingerprint.mjs";
import { startServer, waitHealthy, type ServerProcess } from "./support/server-process";

/**
 * Build once, start many — on the real build. `npm test` builds with
 * `scripts/build.mjs` (what `npm run build` runs) before the end-to-end
 * tests; `npm start` on that checkout must find the stamp and start without
 * building again, and be healthy within seconds. (The stamp and lock races
 * are scripts/build-once.int.test.ts, on a stub build.)
 */
const distDir = path.resolve(process.env.CORSBOARD_DIST_DIR || ".next");
let server: ServerProcess | undefined;
let dataDir: string;

test.beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "corsboard-start-built-"));
});
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});
test.afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
test.setTimeout(180_000);

test("`npm run build` then `npm start`: no second build, healthy in a few seconds", async () => {
  // The build's stamp is the fingerprint of the sources as they are now.
  expect(fs.readFileSync(path.join(distDir, "corsboard-build.sha256"), "utf8").trim()).toBe(buildFingerprint(process.cwd()));

  const start = async (port: number) => {
    const started = Date.now();
    server = startServer(port, { CORSBOARD_DATA_DIR: path.join(dataDir, "data"), CORSBOARD_SEED_DEMO: "0" }, "start.mjs");
    await waitHealthy(server, 120_000);
    const ms = Date.now() - started;
    const output = server.output();
    expect(output).toContain("Corsboard: build is up to date.");
    expect(output).not.toContain("building the dashboard");
    await server.stop();
    server = undefined;
    return ms;
  };
  // The first start creates the embedded database (initdb is not what a start of a built checkout costs).
  await start(3191);
  const ms = await start(3192);
  // 5 s on an idle machine; on a shared one the budget grows with the load per core.
  const load = os.loadavg()[0] ?? 0;
  const budget = 5_000 * Math.max(1, load / os.availableParallelism());
  console.log(`built checkout healthy ${ms} ms after \`npm start\` (budget ${Math.round(budget)} ms; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")})`);
  expect(ms).toBeLessThan(budget);
});
