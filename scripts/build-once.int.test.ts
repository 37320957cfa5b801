import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runTsx, runTsxToEnd } from "../lib/server/db/test-support/run-tsx";
import { buildFingerprint, buildInputs } from "./build-fingerprint.mjs";

/**
 * Build once, start many. The stamp and lock logic runs on a throwaway
 * checkout with a stub build (CORSBOARD_BUILD_COMMAND), so the races are
 * cheap to set up and synchronised on what the processes print. The real
 * `npm run build` then `npm start` is e2e/start-built.spec.ts: it starts the
 * build `npm test` made, so the suite builds once.
 */
const CHILD = "scripts/test-support/ensure-built-child.mjs";
const STUB = path.resolve("scripts/test-support/stub-build.mjs");

let root: string;
let buildLog: string;
let stubEnv: Record<string, string>;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "corsboard-build-"));
  for (const file of ["proxy.ts", "instrumentation.ts", "next.config.ts", "tsconfig.json", "app/page.tsx", "scripts/start.mjs"]) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), `// ${file}\n`);
  }
  buildLog = path.join(root, "builds.log");
  fs.writeFileSync(buildLog, "");
  stubEnv = { CORSBOARD_BUILD_COMMAND: `"${process.execPath}" "${STUB}"`, STUB_BUILD_LOG: buildLog, CORSBOARD_DIST_DIR: "" };
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const builds = () => fs.readFileSync(buildLog, "utf8").split("\n").filter(Boolean).length;
const ensure = (args: string[] = [], env: Record<string, string> = {}) => runTsxToEnd(CHILD, [root, ...args], { ...stubEnv, ...env });

describe("the build fingerprint", () => {
  it("covers every build and server input, and no test or dev-only script", () => {
    const files = [
      "proxy.ts", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json",
      "scripts/start.mjs", "scripts/build.mjs", "scripts/build-once.mjs", "scripts/server.mjs", "scripts/serve-config.mjs",
      "scripts/bench-config.ts", "scripts/check.ts", "scripts/build-once.int.test.mjs", "lib/a.test.ts", "vitest.config.ts",
    ];
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), "x");
    }
    const inputs = buildInputs(root).map((f: string) => path.relative(root, f));
    expect(inputs).toEqual(expect.arrayContaining(files.slice(0, 12)));
    for (const notInput of files.slice(12)) expect(inputs).not.toContain(notInput);
  });

  it.each(["proxy.ts", "instrumentation.ts", "next.config.ts", "scripts/start.mjs", "app/page.tsx"])("changes when %s changes", (file) => {
    const before = buildFingerprint(root);
    fs.appendFileSync(path.join(root, file), "// edited\n");
    expect(buildFingerprint(root)).not.toBe(before);
  });
});

describe("build once, start many (stub build)", () => {
  it("`npm run build` writes the stamp: the next start does not build; touching proxy.ts makes it build", async () => {
    const built = await ensure(["--force"]);
    expect(built.output).toContain("RESULT built");
    expect(fs.readFileSync(path.join(root, ".next", "corsboard-build.sha256"), "utf8").trim()).toBe(buildFingerprint(root));

    expect((await ensure()).output).toContain("RESULT up-to-date");
    expect(builds()).toBe(1);
    expect(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8")).toBe("// tsconfig.json\n"); // the build's edit undone

    fs.appendFileSync(path.join(root, "proxy.ts"), "// edited\n");
    const rebuilt = await ensure();
    expect(rebuilt.output).toContain("building the dashboard (first start or sources changed)");
    expect(rebuilt.output).toContain("RESULT built");
    expect(builds()).toBe(2);
    expect(fs.existsSync(path.join(root, ".next.build-lock"))).toBe(false);
  });

  it("honours CORSBOARD_DIST_DIR for the build, the stamp and the lock", async () => {
    expect((await ensure([], { CORSBOARD_DIST_DIR: ".next-9999" })).output).toContain("RESULT built");
    expect(fs.existsSync(path.join(root, ".next-9999", "corsboard-build.sha256"))).toBe(true);
    expect((await ensure([], { CORSBOARD_DIST_DIR: ".next-9999" })).output).toContain("RESULT up-to-date");
    expect((await ensure()).output).toContain("RESULT built"); // `.next` is another build
  });

  it("two starts at once: one builds, the other waits for it and then starts without building", async () => {
    const release = path.join(root, "release");
    const env = { ...stubEnv, STUB_BUILD_RELEASE: release };
    const first = runTsx(CHILD, [root], env);
    await first.waitFor("STUB BUILD RUNNING");
    const second = runTsx(CHILD, [root], env);
    await second.waitFor(`waiting for the build started by process ${first.child.pid}`);
    fs.writeFileSync(release, "");
    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);
    expect(first.output()).toContain("RESULT built");
    expect(second.output()).toContain("RESULT up-to-date");
    expect(builds()).toBe(1);
  });

  it("a failed build releases the lock and fails the start; the next start builds", async () => {
    const failed = await ensure([], { CORSBOARD_BUILD_COMMAND: "exit 3" });
    expect(failed.code).toBe(3);
    expect(failed.output).toContain("the build failed (exit 3)");
    expect(fs.existsSync(path.join(root, ".next.build-lock"))).toBe(false);
    expect((await ensure()).output).toContain("RESULT built");
  });

  it("takes over the lock of a build that was killed", async () => {
    const release = path.join(root, "release");
    const killed = runTsx(CHILD, [root], { ...stubEnv, STUB_BUILD_RELEASE: release });
    await killed.waitFor("STUB BUILD RUNNING");
    killed.child.kill("SIGKILL");
    await killed.exited;
    // The stub build (a grandchild) may still run: it never finishes, no release file.
    expect(fs.existsSync(path.join(root, ".next.build-lock"))).toBe(true);
    const next = await ensure();
    expect(next.output).not.toContain("waiting for the build");
    expect(next.output).toContain("RESULT built");
  });

  it("takes over a lock from another host once it is older than any build", async () => {
    const lock = path.join(root, ".next.build-lock");
    fs.writeFileSync(lock, JSON.stringify({ pid: 1, hostname: "another-container", startedAt: "2026-01-01T00:00:00Z" }));
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(lock, twoHoursAgo, twoHoursAgo);
    expect((await ensure()).output).toContain("RESULT built");
  });
});
