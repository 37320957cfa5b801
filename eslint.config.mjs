import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// lib/cors is the pure core shared by the dashboard, the API, the SDK and the
// browser tester: it must not depend on a framework, the database, Node or
// any other part of lib/, so all four always compute the same answers.
const coreRestrictions = {
  files: ["lib/cors/**/*.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: ["next", "next/*"], message: "lib/cors is pure: no Next.js imports." },
          { group: ["react", "react/*", "react-dom", "react-dom/*"], message: "lib/cors is pure: no React imports." },
          { group: ["@prisma/*", "prisma", "prisma/*", "**/generated/**"], message: "lib/cors is pure: no Prisma imports." },
          { group: ["node:*"], message: "lib/cors runs in browsers too: no Node built-ins." },
          {
            group: ["@/lib/*", "!@/lib/cors", "!@/lib/cors/**", "../../*"],
            message: "lib/cors may not import other lib/ folders.",
          },
        ],
        paths: [
          "fs", "path", "os", "crypto", "http", "https", "url", "util", "stream", "buffer", "events",
          "child_process", "net", "dns", "tls", "zlib", "worker_threads", "process", "punycode",
        ]
          .map((name) => ({ name, message: "lib/cors runs in browsers too: no Node built-ins." }))
          .concat([{ name: "zod", message: "lib/cors is plain TypeScript: validate in lib/api, which derives its schemas from the core's types." }]),
      },
    ],
  },
};

// The SDK is installed by services: it may use the core and Node, never
// Next.js internals of the dashboard or the database.
const sdkRestrictions = {
  files: ["lib/sdk/**/*.ts"],
  ignores: ["lib/sdk/next/**"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: ["@prisma/*", "**/generated/**", "@/lib/server/*", "@/lib/queries/*", "@/lib/api", "@/lib/api/*"], message: "The SDK depends only on lib/cors." },
        ],
        // zod would be bundled into every service that installs the SDK.
        paths: [{ name: "zod", message: "The SDK depends only on lib/cors (and tldts): no zod in a service's bundle." }],
      },
    ],
  },
};

// The same boundaries by resolved path, so a relative import ("../server/…")
// can't step around the alias patterns above. Tests may use the server's
// test support (they start a real Corsboard), production code may not.
const boundaryPaths = {
  files: ["lib/cors/**/*.ts", "lib/sdk/**/*.ts"],
  ignores: ["**/*.test.ts", "**/test-support/**", "lib/sdk/next/**"],
  rules: {
    "import/no-restricted-paths": [
      "error",
      {
        zones: [
          { target: "./lib/cors", from: "./lib", except: ["./cors"], message: "lib/cors may not import other lib/ folders." },
          { target: "./lib/sdk", from: "./lib", except: ["./cors", "./sdk"], message: "The SDK depends only on lib/cors." },
          { target: ["./lib/cors", "./lib/sdk"], from: ["./app", "./components"], message: "The core and the SDK never import the dashboard." },
        ],
      },
    ],
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**", ".next/**", ".next-*/**", "test-results*/**", "lib/server/db/generated/**", "next-env.d.ts",
      "test-results/**", "playwright-report/**", ".corsboard/**", "coverage/**", "dist/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  coreRestrictions,
  sdkRestrictions,
  boundaryPaths,
];

export default config;
