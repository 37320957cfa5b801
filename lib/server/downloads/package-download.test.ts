import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageDownload } from "@/lib/server/downloads/package-download";
import { errorToResponse } from "@/lib/server/http/problem-response";
import { CORSBOARD_VERSION } from "@/lib/server/version";

// The downloads over a packages directory with one built tarball, through the
// route's error mapper (the route itself, on the real dist/packages, is
// fetched and installed from by e2e/packages.spec.ts).

let dir: string;
const SDK = Buffer.from("sdk tarball bytes");
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "corsboard-downloads-"));
  writeFileSync(path.join(dir, `corsboard-sdk-${CORSBOARD_VERSION}.tgz`), SDK);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const get = (file: string, headers: Record<string, string> = {}) => packageDownload(file, headers["if-none-match"] ?? null, { dir }).catch(errorToResponse);

describe("GET /downloads/{file}", () => {
  it("serves this version's tarball under its versioned and its latest name, without authentication", async () => {
    for (const file of ["corsboard-sdk.tgz", `corsboard-sdk-${CORSBOARD_VERSION}.tgz`]) {
      const res = await get(file);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/gzip");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="corsboard-sdk-${CORSBOARD_VERSION}.tgz"`);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(SDK);
    }
  });

  it("answers 304 to its ETag", async () => {
    const etag = (await get("corsboard-sdk.tgz")).headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await get(`corsboard-sdk-${CORSBOARD_VERSION}.tgz`, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
  });

  it("says what is missing: a package not built, another version, an unknown file", async () => {
    const cases: [string, string, string][] = [
      ["corsboard-cli.tgz", "package_not_built", "npm run pack:packages"],
      ["corsboard-sdk-0.0.1.tgz", "version_not_served", `use corsboard-sdk-${CORSBOARD_VERSION}.tgz`],
      ["passwd", "not_found", "corsboard-sdk.tgz"],
      ["../package.json", "not_found", "corsboard-cli.tgz"],
    ];
    for (const [file, code, hint] of cases) {
      const res = await get(file);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const body = (await res.json()) as { code: string; detail: string };
      expect(body.code).toBe(code);
      expect(body.detail).toContain(hint);
    }
  });
});
