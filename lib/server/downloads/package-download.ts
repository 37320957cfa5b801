// GET /downloads/{file}: the @corsboard/sdk and @corsboard/cli tarballs of
// this dashboard's own version, so a service installs the SDK that matches
// the server it talks to with `npm install https://<corsboard>/downloads/corsboard-sdk.tgz`.
// Public: they are code, with no secrets or data in them, and a Dockerfile or
// CI job must be able to fetch them without a token.
// Served from dist/packages/ (written by scripts/pack-packages.mjs at build
// time); a dashboard whose tarballs were not built says so.

import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/server/errors";
import { CORSBOARD_VERSION } from "@/lib/server/version";

const FILE = /^corsboard-(sdk|cli)(?:-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?))?\.tgz$/;

/** Where scripts/pack-packages.mjs writes them, relative to where the server runs (the repository). */
const PACKAGES_DIR = path.join(process.cwd(), "dist", "packages");

/** ETags by file, valid while its size and mtime are unchanged (no re-hash per download). */
const etags = new Map<string, { key: string; etag: string }>();

export async function packageDownload(file: string, ifNoneMatch: string | null, { dir = PACKAGES_DIR, version = CORSBOARD_VERSION } = {}): Promise<Response> {
  const m = FILE.exec(file);
  if (!m) {
    throw new AppError(404, "not_found", `No download "${file}". This dashboard serves corsboard-sdk.tgz, corsboard-cli.tgz, corsboard-sdk-${version}.tgz and corsboard-cli-${version}.tgz.`);
  }
  const [, name, asked] = m;
  if (asked !== undefined && asked !== version) {
    throw new AppError(404, "version_not_served", `This dashboard is version ${version} and serves only its own packages: use corsboard-${name}-${version}.tgz (or corsboard-${name}.tgz), or the dashboard of version ${asked}.`);
  }
  const onDisk = path.join(dir, `corsboard-${name}-${version}.tgz`);
  let info;
  try {
    info = await stat(onDisk);
  } catch {
    throw new AppError(404, "package_not_built", `The @corsboard/${name} ${version} tarball was not built on this server: run \`npm run pack:packages\` (the build does it) and try again.`);
  }
  const key = `${info.size}:${info.mtimeMs}`;
  let cached = etags.get(onDisk);
  const bytes = cached?.key === key && ifNoneMatch !== null ? null : await readFile(onDisk);
  if (bytes && cached?.key !== key) {
    cached = { key, etag: `"${createHash("sha256").update(bytes).digest("hex").slice(0, 32)}"` };
    etags.set(onDisk, cached);
  }
  const headers = {
    etag: cached!.etag,
    "cache-control": "public, no-cache",
    "x-corsboard-version": version,
  };
  if (ifNoneMatch !== null && ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === cached!.etag || t.trim() === "*")) {
    return new Response(null, { status: 304, headers });
  }
  const body = bytes ?? (await readFile(onDisk));
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      ...headers,
      "content-type": "application/gzip",
      "content-length": String(body.byteLength),
      "content-disposition": `attachment; filename="corsboard-${name}-${version}.tgz"`,
    },
  });
}
