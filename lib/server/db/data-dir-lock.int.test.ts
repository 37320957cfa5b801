import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, lockFileFor, type DataDirLock, type LockOwner } from "./data-dir-lock";
import { runTsx, runTsxToEnd, type TsxChild } from "./test-support/run-tsx";

/**
 * The data-directory lock between real processes, including one in another
 * PID namespace (a second container on the same volume), as `unshare` makes
 * it: there it is pid 1, and its pids mean nothing to us (nor ours to it).
 */
const CHILD = "lib/server/db/test-support/hold-lock-child.ts";
const OTHER_NAMESPACE = ["unshare", "--pid", "--fork", "--mount-proc", "--kill-child"];
const canUnshare = spawnSync(OTHER_NAMESPACE[0]!, [...OTHER_NAMESPACE.slice(1), "true"]).status === 0;

let root: string;
let dataDir: string;
let children: TsxChild[];
let locks: DataDirLock[];
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "corsboard-lock-int-"));
  dataDir = path.join(root, "data");
  children = [];
  locks = [];
});
afterEach(async () => {
  for (const lock of locks) lock.release();
  for (const child of children) {
    if (child.child.exitCode === null && child.child.signalCode === null) {
      child.child.kill("SIGKILL");
      await child.exited;
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
});
const hold = (staleAfterMs: number, extra: string[] = [], wrapper: string[] = []) => {
  const child = runTsx(CHILD, [dataDir, String(staleAfterMs), ...extra], {}, wrapper);
  children.push(child);
  return child;
};
const owner = () => JSON.parse(fs.readFileSync(lockFileFor(dataDir), "utf8")) as LockOwner;

// Skipped only where user namespaces are unavailable (a locked-down laptop or container); in CI that fails the file instead.
if (!canUnshare && process.env.CI) throw new Error("unshare (user + PID namespaces) is needed in CI for the data directory lock test.");
describe.skipIf(!canUnshare)("data directory lock across PID namespaces", () => {
  it("refuses a second process in another PID namespace, with a message naming the holder", async () => {
    const first = hold(60_000);
    await first.waitFor("READY");
    const second = await runTsxToEnd(CHILD, [dataDir, "60000"], {}, OTHER_NAMESPACE);
    expect(second.code).toBe(1);
    expect(second.output).toContain(
      `The embedded database in ${dataDir} is already open by process ${first.child.pid} on host ${os.hostname()}, PID namespace ${fs.readlinkSync("/proc/self/ns/pid")}`,
    );
    expect(second.output).toContain("Stop that process, or give this one its own database");
    expect(owner().pid).toBe(first.child.pid);
  });

  it("refuses us while the holder in another namespace (pid 1 there) beats; takes over once it stopped beating", async () => {
    const staleAfterMs = 1_500;
    const other = hold(staleAfterMs, [], OTHER_NAMESPACE);
    await other.waitFor("READY");
    expect(owner().pid).toBe(1);
    expect(() => acquireDataDirLock(dataDir, { staleAfterMs })).toThrow(/already open by process 1 on host/);

    other.child.kill("SIGKILL"); // unshare --kill-child takes the holder with it
    await other.exited;
    // pid 1 of a namespace we cannot see: only the heartbeat tells; no hand needed once it is stale.
    const lastBeat = Date.parse(owner().heartbeatAt);
    await expect.poll(() => Date.now() - lastBeat > staleAfterMs, { timeout: 10_000, interval: 100 }).toBe(true);
    const lock = acquireDataDirLock(dataDir, { staleAfterMs });
    locks.push(lock);
    expect(owner().instanceId).toBe(lock.owner.instanceId);
  });
});

describe("data directory lock between processes", () => {
  it("`kill -9` of the owner, then a restart takes the lock at once (same host and namespace: the pid is provably dead)", async () => {
    const first = hold(60_000); // a window far longer than this test
    await first.waitFor("READY");
    first.child.kill("SIGKILL");
    await first.exited;
    const restarted = hold(60_000);
    await restarted.waitFor("READY", 10_000);
    expect(owner().pid).toBe(restarted.child.pid);
  });

  it("two newcomers taking over one stale lock at the same moment: exactly one wins", async () => {
    fs.writeFileSync(
      lockFileFor(dataDir),
      JSON.stringify({ instanceId: "gone", hostname: "gone-host", pid: 1, pidNamespace: "pid:[1]", startedAt: "2026-01-01T00:00:00Z", heartbeatAt: "2026-01-01T00:00:00Z" }),
    );
    const gate = path.join(root, "go");
    const racers = Array.from({ length: 4 }, () => hold(60_000, ["--after", gate]));
    await Promise.all(racers.map((r) => r.waitFor("WAITING")));
    fs.writeFileSync(gate, "");
    const outcomes = await Promise.all(
      racers.map((r) => Promise.race([r.waitFor("READY").then(() => "won"), r.exited.then(() => "refused")]).catch(() => "refused")),
    );
    expect(outcomes.filter((o) => o === "won")).toHaveLength(1);
    const winner = racers[outcomes.indexOf("won")]!;
    expect(owner().pid).toBe(winner.child.pid);
    for (const loser of racers.filter((r) => r !== winner)) {
      expect(await loser.exited).toBe(1);
      expect(loser.output()).toContain(`already open by process ${winner.child.pid} on host ${os.hostname()}`);
    }
    expect(fs.readdirSync(root).sort()).toEqual(["data.lock", "go"]); // nothing left aside
  });

  it("an owner whose lock was taken over exits instead of writing on", async () => {
    const first = hold(600);
    await first.waitFor("READY");
    const taken = { ...owner(), instanceId: "intruder", hostname: "other-container", pid: 7 };
    fs.writeFileSync(lockFileFor(dataDir), JSON.stringify(taken));
    expect(await first.exited).toBe(1);
    expect(first.output()).toContain("was taken over by process 7 on host other-container. Stopping so that two processes never write to it.");
    expect(owner().instanceId).toBe("intruder");
  });
});
