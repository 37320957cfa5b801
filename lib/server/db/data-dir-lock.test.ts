import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError, lockFileFor } from "./data-dir-lock";

describe("data directory lock", () => {
  let root: string;
  let dataDir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "corsboard-lock-"));
    dataDir = path.join(root, "a", "data");
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("lives next to the data directory and holds our pid until released", () => {
    const lock = acquireDataDirLock(dataDir);
    expect(lock.file).toBe(path.join(root, "a", "data.lock"));
    expect(fs.readFileSync(lock.file, "utf8")).toBe(`${process.pid}\n`);
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
  });

  it("refuses when a live process holds it, naming the directory and the pid", () => {
    fs.mkdirSync(path.dirname(lockFileFor(dataDir)), { recursive: true });
    fs.writeFileSync(lockFileFor(dataDir), `${process.ppid}\n`); // our parent: alive
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dataDir)).toThrow(
      `The embedded database in ${dataDir} is already open by process ${process.ppid}. Stop that process, or give this one its own database: set DATABASE_URL (PostgreSQL) or CORSBOARD_DATA_DIR.`,
    );
    expect(fs.readFileSync(lockFileFor(dataDir), "utf8")).toBe(`${process.ppid}\n`); // untouched
  });

  it.each([
    ["a dead process", () => `${spawnSync("true").pid}\n`],
    ["garbage", () => "not a pid"],
  ])("takes over a lock left by %s", (_label, content) => {
    fs.mkdirSync(path.dirname(lockFileFor(dataDir)), { recursive: true });
    fs.writeFileSync(lockFileFor(dataDir), content());
    const lock = acquireDataDirLock(dataDir);
    expect(fs.readFileSync(lock.file, "utf8")).toBe(`${process.pid}\n`);
    expect(fs.readdirSync(path.dirname(lock.file))).toEqual(["data.lock"]); // no leftovers
    lock.release();
  });

  it("does not delete a lock that another process took after ours was released", () => {
    const lock = acquireDataDirLock(dataDir);
    lock.release();
    fs.writeFileSync(lock.file, `${process.ppid}\n`);
    lock.release(); // second release: no-op
    expect(fs.existsSync(lock.file)).toBe(true);
  });
});
