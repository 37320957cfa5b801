import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { acquireDataDirLock, DataDirLockedError, lockFileFor, pidNamespace, type DataDirLock, type LockOwner } from "./data-dir-lock";

describe("data directory lock", () => {
  let root: string;
  let dataDir: string;
  let held: DataDirLock[];
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "corsboard-lock-"));
    dataDir = path.join(root, "a", "data");
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    held = [];
  });
  afterEach(() => {
    for (const lock of held) lock.release();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const acquire = (options?: Parameters<typeof acquireDataDirLock>[1]) => {
    const lock = acquireDataDirLock(dataDir, options);
    held.push(lock);
    return lock;
  };
  const read = (): LockOwner => JSON.parse(fs.readFileSync(lockFileFor(dataDir), "utf8")) as LockOwner;
  const writeOwner = (owner: Partial<LockOwner>) =>
    fs.writeFileSync(
      lockFileFor(dataDir),
      JSON.stringify({ instanceId: "other", hostname: os.hostname(), pidNamespace: pidNamespace(), startedAt: "2026-12-01T08:00:00.000Z", heartbeatAt: new Date().toISOString(), ...owner }),
    );

  it("lives next to the data directory and names its owner (instance, host, pid, namespace, heartbeat) until released", () => {
    const lock = acquire();
    expect(lock.file).toBe(path.join(root, "a", "data.lock"));
    expect(read()).toEqual({
      instanceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      hostname: os.hostname(),
      pid: process.pid,
      pidNamespace: fs.readlinkSync("/proc/self/ns/pid"),
      startedAt: expect.any(String),
      heartbeatAt: expect.any(String),
    });
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
    expect(fs.readdirSync(path.dirname(lock.file))).toEqual([]); // no temp files left
  });

  it("refuses while a live process holds it, saying which directory, who, since when and what to do", () => {
    writeOwner({ pid: process.ppid }); // our parent: alive, same host and namespace
    const error = (() => {
      try {
        acquire();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toBe(
      `The embedded database in ${dataDir} is already open by process ${process.ppid} on host ${os.hostname()}, PID namespace ${pidNamespace()} ` +
        `(since 2026-12-01T08:00:00.000Z, last heartbeat ${read().heartbeatAt}). Stop that process, or give this one its own database: ` +
        `set DATABASE_URL (PostgreSQL) or CORSBOARD_DATA_DIR. If that process is gone, its lock expires 15 s after its last heartbeat and the next start takes it over.`,
    );
    expect(read().instanceId).toBe("other"); // untouched
  });

  it("refuses a fresh lock held from another PID namespace even though its pid (1) means nothing here", () => {
    writeOwner({ pid: 1, pidNamespace: "pid:[4026532999]" });
    expect(() => acquire()).toThrow(/already open by process 1 on host .*, PID namespace pid:\[4026532999\]/);
  });

  it("refuses a fresh lock held from another host, whatever its pid", () => {
    writeOwner({ pid: spawnSync("true").pid, hostname: "other-container" });
    expect(() => acquire()).toThrow(/on host other-container/);
  });

  it.each([
    ["pid 1 in another PID namespace, heartbeat stale", () => writeOwner({ pid: 1, pidNamespace: "pid:[4026532999]", heartbeatAt: new Date(Date.now() - 16_000).toISOString() })],
    ["another host, heartbeat stale", () => writeOwner({ pid: 1, hostname: "gone-host", heartbeatAt: new Date(Date.now() - 60_000).toISOString() })],
    ["a dead process on this host and namespace, heartbeat fresh", () => writeOwner({ pid: spawnSync("true").pid! })],
    ["a dead process, pid-only lock of an earlier version", () => fs.writeFileSync(lockFileFor(dataDir), `${spawnSync("true").pid}\n`)],
    ["garbage", () => fs.writeFileSync(lockFileFor(dataDir), "not a lock")],
  ])("takes over a lock left by %s", (_label, write) => {
    write();
    const lock = acquire();
    expect(read()).toMatchObject({ pid: process.pid, instanceId: lock.owner.instanceId });
    expect(fs.readdirSync(path.dirname(lock.file))).toEqual(["data.lock"]); // no leftovers
  });

  it("refreshes its heartbeat while held (atomically: the file always parses)", async () => {
    const lock = acquire({ staleAfterMs: 300 });
    const first = read().heartbeatAt;
    await expect.poll(() => read().heartbeatAt, { timeout: 5_000, interval: 20 }).not.toBe(first);
    expect(read().instanceId).toBe(lock.owner.instanceId);
  });

  it("stops (calls onLost) at the next beat when someone else took the lock over", async () => {
    const onLost = vi.fn();
    acquire({ staleAfterMs: 300, onLost });
    writeOwner({ pid: 4242, hostname: "other-container" });
    await expect.poll(() => onLost.mock.calls.length, { timeout: 5_000, interval: 20 }).toBe(1);
    expect(onLost.mock.calls[0]![0]).toBe(
      `The lock on the embedded database in ${dataDir} (${lockFileFor(dataDir)}) was taken over by process 4242 on host other-container. Stopping so that two processes never write to it.`,
    );
    expect(read().hostname).toBe("other-container"); // it did not write on
  });

  it("does not delete a lock that another process took after ours was released", () => {
    const lock = acquire();
    lock.release();
    writeOwner({ pid: process.ppid });
    lock.release(); // second release: no-op
    expect(read().instanceId).toBe("other");
  });
});
