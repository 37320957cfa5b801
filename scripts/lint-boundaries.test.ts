import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The core (lib/cors) must stay pure so the dashboard, API, SDK and browser
// tester compute the same answers: ESLint refuses framework, database, Node
// and cross-lib imports there. This proves the rule bites.
const eslint = new ESLint({ cwd: process.cwd() });

const BOUNDARY_RULES = new Set(["no-restricted-imports", "import/no-restricted-paths"]);

/** How many import lines of `code` break a boundary rule (one line may break both rules: counted once). */
async function restrictedImports(code: string, filePath: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return new Set((result?.messages ?? []).filter((m) => m.ruleId && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.line)).size;
}

describe("lib/cors import boundaries", () => {
  const forbidden: [string, string][] = [
    ["next", 'import { NextResponse } from "next/server";'],
    ["react", 'import { useState } from "react";'],
    ["prisma client", 'import { PrismaClient } from "@prisma/client";'],
    ["generated prisma client", 'import { prisma } from "@/lib/server/db/client";'],
    ["node: built-in", 'import { readFileSync } from "node:fs";'],
    ["bare built-in", 'import path from "path";'],
    ["other lib folder", 'import { apiFetch } from "@/lib/queries/api-fetch";'],
    // Issue 13.7: the holes a relative path or a validation library left open.
    ["other lib folder by a relative path", 'import { problem } from "../server/errors";'],
    ["the API schemas", 'import { probeRequestSchema } from "@/lib/api/schemas/probe";'],
    ["zod", 'import { z } from "zod";'],
  ];
  it.each(forbidden)("refuses %s", async (_name, code) => {
    expect(await restrictedImports(`${code}\nexport {};\n`, "lib/cors/probe.ts")).toBe(1);
  }, 30_000);

  it("allows the core's own modules and tldts", async () => {
    const code = 'import { parse } from "tldts";\nimport { parseOrigin } from "./origin-parse";\nexport { parse, parseOrigin };\n';
    expect(await restrictedImports(code, "lib/cors/probe.ts")).toBe(0);
  }, 30_000);

  it("does not restrict the same imports outside lib/cors", async () => {
    expect(await restrictedImports('import { readFileSync } from "node:fs";\nexport { readFileSync };\n', "lib/server/probe.ts")).toBe(0);
  }, 30_000);
});

describe("lib/sdk import boundaries (the SDK is installed by services)", () => {
  const forbidden: [string, string][] = [
    ["the server by alias", 'import { problem } from "@/lib/server/errors";'],
    ["the server by a relative path", 'import { problem } from "../server/errors";'],
    ["the API schemas", 'import { probeRequestSchema } from "@/lib/api/schemas/probe";'],
    ["zod", 'import { z } from "zod";'],
    ["the dashboard", 'import { Button } from "@/components/ui/button";'],
  ];
  it.each(forbidden)("refuses %s", async (_name, code) => {
    expect(await restrictedImports(`${code}\nexport {};\n`, "lib/sdk/client.ts")).toBe(1);
  }, 30_000);

  it("allows the core, its own modules, Node and tldts", async () => {
    const code = 'import { parse } from "tldts";\nimport { readFile } from "node:fs/promises";\nimport { compilePolicy } from "@/lib/cors";\nimport { backoff } from "./backoff";\nexport { parse, readFile, compilePolicy, backoff };\n';
    expect(await restrictedImports(code, "lib/sdk/client.ts")).toBe(0);
  }, 30_000);
});
