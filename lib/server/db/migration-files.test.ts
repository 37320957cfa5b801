import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checksumMatches, migrationChecksum, readMigrationFiles } from "./migration-files";
import { isUniqueViolation } from "./unique-violation";

describe("migration checksums (Prisma-compatible)", () => {
  it("is the zero-padded sha256 hex Prisma stores", () => {
    // The value from prisma-engines' own checksum test.
    expect(migrationChecksum("hello")).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  });

  it("matches across LF/CRLF conversions but not across real edits", () => {
    const lf = "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n";
    const crlf = lf.replaceAll("\n", "\r\n");
    expect(checksumMatches(crlf, migrationChecksum(lf))).toBe(true);
    expect(checksumMatches(lf, migrationChecksum(crlf))).toBe(true);
    expect(checksumMatches("abc\n", migrationChecksum("abc"))).toBe(false);
  });

  it("accepts the non-padded hex written by old Prisma versions", () => {
    const digest = Buffer.from(migrationChecksum("hello"), "hex");
    const old = Array.from(digest, (b) => b.toString(16)).join("");
    expect(old.length).toBeLessThan(64);
    expect(checksumMatches("hello", old)).toBe(true);
  });
});

describe("readMigrationFiles", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "corsboard-mf-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lists directories in name order and ignores files such as migration_lock.toml", () => {
    for (const name of ["20250102000000_b", "20250101000000_a"]) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, "migration.sql"), `-- ${name}\n`);
    }
    fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    const files = readMigrationFiles(dir);
    expect(files.map((f) => f.name)).toEqual(["20250101000000_a", "20250102000000_b"]);
    expect(files[0]?.checksum).toBe(migrationChecksum("-- 20250101000000_a\n"));
  });

  it("explains a missing directory", () => {
    expect(() => readMigrationFiles(path.join(dir, "nope"))).toThrow(/does not exist. Run Corsboard from the project root/);
  });

  it("reads the repository's migrations, named as Prisma names them", () => {
    const repo = readMigrationFiles(path.resolve("prisma/migrations"));
    expect(repo.length).toBeGreaterThan(0);
    expect(repo.every((m) => /^\d{14}_[a-z0-9_]+$/.test(m.name))).toBe(true);
  });
});

describe("isUniqueViolation", () => {
  it("matches Prisma's P2002 by code only", () => {
    expect(isUniqueViolation({ code: "P2002", meta: { whatever: true } })).toBe(true);
    expect(isUniqueViolation({ code: "P2003" })).toBe(false);
    expect(isUniqueViolation(new Error("P2002"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
