import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at
  // run time, not bundled (toolchain.md).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pino"],
  // Playwright drives the dev server under *.test hostnames.
  allowedDevOrigins: ["*.test"],
  poweredByHeader: false,
  // Several builds side by side (parallel test runs on one checkout) each use
  // their own directory; the default stays `.next`.
  distDir: process.env.CORSBOARD_DIST_DIR || ".next",
  // `npm test` type-checks the whole project (tests included) as its own
  // step; the build doesn't repeat it, so `npm start` stays quick.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
