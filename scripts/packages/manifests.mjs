// The package.json of each installable package, from the dashboard's version.
// Rules for both (design.md, "What ships outside the dashboard"): not private,
// an explicit `files` list, no install scripts, Node >= 20, and no runtime
// dependencies — everything they need (tldts, zod) is bundled, so
// `npm install <tarball>` works offline and installs nothing else.

const common = (version) => ({
  version,
  license: "UNLICENSED",
  homepage: "https://github.com/corsboard/corsboard#connect-a-service",
  engines: { node: ">=20" },
  publishConfig: { access: "public" },
});

export function sdkManifest(version) {
  return {
    name: "@corsboard/sdk",
    ...common(version),
    description: "Enforce the CORS policy published in Corsboard: a client that follows it live, and adapters for Node http, Express, Connect, Fastify and Fetch-API handlers.",
    keywords: ["cors", "corsboard", "express", "fastify", "middleware"],
    main: "./index.cjs",
    module: "./index.mjs",
    types: "./types/sdk/index.d.ts",
    exports: {
      ".": {
        import: { types: "./types/sdk/index.d.ts", default: "./index.mjs" },
        require: { types: "./types/sdk/index.d.ts", default: "./index.cjs" },
      },
      "./package.json": "./package.json",
    },
    files: ["index.mjs", "index.cjs", "types/", "README.md"],
    sideEffects: false,
  };
}

export function cliManifest(version) {
  return {
    name: "@corsboard/cli",
    ...common(version),
    description: "corsboard check | probe | pull: the CI gate, a browser-faithful CORS probe, and the policy as an nginx/env/origins/json file that follows every publish.",
    keywords: ["cors", "corsboard", "cli", "nginx"],
    bin: { corsboard: "./bin/corsboard.cjs" },
    files: ["bin/", "README.md"],
  };
}
