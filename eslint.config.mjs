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
        ].map((name) => ({ name, message: "lib/cors runs in browsers too: no Node built-ins." })),
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
          { group: ["@prisma/*", "**/generated/**", "@/lib/server/*", "@/lib/queries/*"], message: "The SDK depends only on lib/cors." },
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
];

export default config;
